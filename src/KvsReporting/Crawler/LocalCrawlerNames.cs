using System.Management.Automation;
using KvsReporting.Errors;

namespace KvsReporting.Crawler;

/// <summary>
/// A local stack has exactly one crawler. Every crawler cmdlet matches the names it was given against it the
/// same way, and a name that is not the stack's gets the error Glue's answer for an unknown crawler gets on AWS
/// (Kvs&lt;Operation&gt;CrawlerNotFound, ObjectNotFound, the name as target), one per name, the others going on.
/// </summary>
internal static class LocalCrawlerNames
{
    /// <summary>The names that are the stack's crawler (as the stack spells it); no names means the stack's own.</summary>
    public static IReadOnlyList<string> Match(
        IReadOnlyCollection<string>? requested, string own, string localPath, string operation, Action<ErrorRecord> reportError)
    {
        if (requested is null || requested.Count == 0)
        {
            return [own];
        }

        var names = new List<string>();
        foreach (var name in requested)
        {
            if (string.Equals(name, own, StringComparison.OrdinalIgnoreCase))
            {
                if (!names.Contains(own))
                {
                    names.Add(own);
                }

                continue;
            }

            reportError(KvsErrors.Create(
                new KvsReportingException($"The crawler '{name}' was not found: the local stack in '{localPath}' has the crawler '{own}'."),
                $"Kvs{operation}CrawlerNotFound",
                ErrorCategory.ObjectNotFound,
                name,
                $"Use -Name {own}, or leave -Name out for a local stack."));
        }

        return names;
    }
}
