using System.Globalization;
using System.Text;
using KvsReporting.Queries;

namespace KvsReporting.Detections;

/// <summary>
/// Builds the detection query for either engine. User values only ever become positional <c>?</c> parameters
/// (Athena ExecutionParameters, DuckDB parameters); the SQL text is fixed by the filter's shape alone.
/// </summary>
/// <remarks>
/// The table holds what DynamoDB holds: <c>timestamp</c> is an ISO-8601 string (precision and offset vary in
/// old items) and <c>confidence</c> may be a number or a string, so comparisons convert both with a TRY form:
/// a malformed item drops out of a range filter instead of failing the query.
/// </remarks>
public static class DetectionSql
{
    // DuckDB reads an ISO string without an offset in the session's time zone; the Lambda wrote UTC, so such a
    // string gets +00:00 before the cast and the comparison never depends on the machine's zone.

    /// <summary>The detections table as the Glue crawler and the DynamoDB connector name it.</summary>
    public const string DefaultTable = "licenseplatedetections";

    public static (string Sql, IReadOnlyList<object?> Parameters) Build(DetectionFilter filter, SqlDialect dialect, string table = DefaultTable)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentException.ThrowIfNullOrEmpty(table);
        var parameters = new List<object?>();
        var where = new List<string>();
        var parsedTime = dialect == SqlDialect.Athena
            ? "try(from_iso8601_timestamp(\"timestamp\"))"
            : "TRY_CAST(CASE WHEN regexp_matches(\"timestamp\", '([zZ]|[+-][0-9][0-9](:?[0-9][0-9])?)$') THEN \"timestamp\" ELSE \"timestamp\" || '+00:00' END AS TIMESTAMPTZ)";

        AddPatterns(where, parameters, "upper(license_plate)", filter.LicensePlates.Select(p => p.ToUpperInvariant()));
        AddPatterns(where, parameters, "image_name", filter.ImageNames);
        if (filter.After is { } after)
        {
            where.Add(parsedTime + " >= ?");
            parameters.Add(after.ToUniversalTime());
        }

        if (filter.Before is { } before)
        {
            where.Add(parsedTime + " < ?");
            parameters.Add(before.ToUniversalTime());
        }

        if (filter.MinConfidence is { } min)
        {
            where.Add((dialect == SqlDialect.Athena
                ? "try_cast(cast(confidence AS varchar) AS double)"
                : "TRY_CAST(CAST(confidence AS VARCHAR) AS DOUBLE)") + " >= ?");
            parameters.Add((double)min);
        }

        var sql = new StringBuilder("SELECT image_name, license_plate, confidence, bucket_name, \"timestamp\" FROM ")
            .Append(QuoteIdentifier(table));
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        if (filter.First is { } first)
        {
            // An int, validated by the cmdlet; Athena does not take LIMIT as a parameter.
            sql.Append(" ORDER BY ").Append(parsedTime).Append(", image_name LIMIT ")
                .Append(Math.Max(0, first).ToString(CultureInfo.InvariantCulture));
        }

        return (sql.ToString(), parameters);
    }

    /// <summary>A double-quoted identifier (both dialects), embedded quotes doubled.</summary>
    public static string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Join('.', name.Split('.').Select(part => "\"" + part.Trim('"').Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    private static void AddPatterns(List<string> where, List<object?> parameters, string column, IEnumerable<string> patterns)
    {
        var terms = new List<string>();
        foreach (var pattern in patterns)
        {
            if (WildcardPattern.HasWildcards(pattern))
            {
                terms.Add(column + " LIKE ? ESCAPE '\\'");
                parameters.Add(WildcardPattern.ToLike(pattern));
            }
            else
            {
                terms.Add(column + " = ?");
                parameters.Add(pattern);
            }
        }

        if (terms.Count == 1)
        {
            where.Add(terms[0]);
        }
        else if (terms.Count > 1)
        {
            where.Add("(" + string.Join(" OR ", terms) + ")");
        }
    }
}
