using System.Runtime.CompilerServices;
using KvsReporting.Aws.Athena;
using KvsReporting.Queries.Results;

namespace KvsReporting.Queries.Athena;

/// <summary>
/// The fallback result path: GetQueryResults page by page (at most 1,000 rows each). For a SELECT (statement
/// type DML) the first row of the first page is the header and is dropped; other statements have none.
/// Only one page is held at a time.
/// </summary>
public static class PagedResultReader
{
    public const int PageSize = 1000;

    public static async IAsyncEnumerable<object?[]> ReadAsync(
        IAsyncEnumerable<GetQueryResultsResponse> pages,
        ResultRowConverter converter,
        bool firstRowIsHeader,
        long? maxRows,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(converter);
        long row = 0;
        var first = true;
        var fields = new string?[converter.Count];
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var rows = page.ResultSet?.Rows ?? [];
            for (var i = 0; i < rows.Count; i++)
            {
                if (first)
                {
                    first = false;
                    if (firstRowIsHeader && IsHeader(rows[i], converter))
                    {
                        continue;
                    }
                }

                if (maxRows is { } max && row >= max)
                {
                    yield break;
                }

                var data = rows[i].Data ?? [];
                if (data.Count != fields.Length)
                {
                    fields = new string?[data.Count];
                }

                for (var c = 0; c < data.Count; c++)
                {
                    fields[c] = data[c].VarCharValue;
                }

                row++;
                yield return converter.Convert(fields, row);
            }
        }
    }

    private static bool IsHeader(AthenaRow row, ResultRowConverter converter)
    {
        var data = row.Data ?? [];
        if (data.Count != converter.Count)
        {
            return false;
        }

        for (var i = 0; i < data.Count; i++)
        {
            if (!string.Equals(data[i].VarCharValue, converter.Columns[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
