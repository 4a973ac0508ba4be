using System.Runtime.CompilerServices;

namespace KvsReporting.Aws.Runtime;

/// <summary>Follows NextToken pagination: asks for pages until the service stops returning a token.</summary>
public static class AwsPaginator
{
    public static async IAsyncEnumerable<TItem> Items<TPage, TItem>(
        Func<string?, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, string?> nextToken,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(nextToken);
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var page = await fetchPage(token, cancellationToken).ConfigureAwait(false);
            foreach (var item in items(page) ?? [])
            {
                yield return item;
            }

            token = nextToken(page);

            // A service (or emulator) that repeats a token would loop forever; stop at the first repeat.
            if (token is not null && !seen.Add(token))
            {
                yield break;
            }
        }
        while (!string.IsNullOrEmpty(token));
    }
}
