using System.Management.Automation;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using KvsReporting.Errors;

namespace KvsReporting.Local;

/// <summary>
/// Turns DuckDB's errors into the module's errors: the construct Athena users wrote and DuckDB lacks is named
/// (<c>KvsInvokeQueryUnsupportedSql</c>); a missing table says to crawl first; nothing carries a stack trace.
/// </summary>
public static partial class LocalQueryErrors
{
    public const string UnsupportedSql = "KvsInvokeQueryUnsupportedSql";
    public const string TableNotFound = "KvsInvokeQueryTableNotFound";
    public const string ColumnNotFound = "KvsInvokeQueryColumnNotFound";
    public const string QueryFailed = "KvsInvokeQueryFailed";
    public const string StackInUse = "KvsLocalStackInUse";

    public static KvsErrorException FromUnsupported(UnsupportedAthenaSqlException ex, string sql) =>
        KvsErrors.Terminating(
            $"The local engine cannot run this Athena SQL: {ex.Message} (construct: {ex.Construct})",
            UnsupportedSql,
            ErrorCategory.NotImplemented,
            sql,
            $"Rewrite the part that uses '{ex.Construct}' with standard SQL, or run the query on Athena (without -Local). See docs/local-engine.md for what the local engine translates.",
            ex);

    /// <summary>Maps a DuckDB failure of <paramref name="sql"/>.</summary>
    public static Exception FromDuckDb(DuckDBException ex, string sql)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var message = FirstLine(ex.Message);
        if (message.StartsWith("INTERRUPT", StringComparison.OrdinalIgnoreCase))
        {
            return new OperationCanceledException("The query was cancelled.", ex);
        }

        if (MissingFunction().Match(message) is { Success: true } fn)
        {
            return Unsupported(fn.Groups["name"].Value, $"Athena function '{fn.Groups["name"].Value}' has no equivalent on the local engine.", sql, ex);
        }

        if (NoMatchingFunction().Match(message) is { Success: true } sig)
        {
            return Unsupported(sig.Groups["name"].Value, $"'{sig.Groups["name"].Value}' exists on the local engine but not with these argument types ({sig.Groups["args"].Value}).", sql, ex);
        }

        if (Syntax().Match(message) is { Success: true } syntax)
        {
            var near = syntax.Groups["near"].Success ? syntax.Groups["near"].Value : "end of input";
            return Unsupported(near, $"the statement does not parse near '{near}'. It may be Athena-only syntax or a typing mistake.", sql, ex);
        }

        if (message.StartsWith("Parser Error", StringComparison.Ordinal))
        {
            return Unsupported("syntax", Strip(message), sql, ex);
        }

        if (MissingObject().Match(message) is { Success: true } missing)
        {
            return KvsErrors.Terminating(
                $"{missing.Groups["kind"].Value} '{missing.Groups["name"].Value}' does not exist in the local stack's catalog.",
                TableNotFound,
                ErrorCategory.ObjectNotFound,
                sql,
                "Run Start-KvsCrawler -Local <stack folder> to crawl the detections into the catalog, then query \"AwsDataCatalog\".\"kvsworkshop_db\".<table> (or \"default\".<table>).",
                ex);
        }

        if (MissingColumn().Match(message) is { Success: true } column)
        {
            return KvsErrors.Terminating(
                $"Column '{column.Groups["name"].Value}' does not exist: {Strip(message)}",
                ColumnNotFound,
                ErrorCategory.ObjectNotFound,
                sql,
                "Check the column names with DESCRIBE <table>; the crawler catalogs image_name, license_plate, confidence, bucket_name and timestamp.",
                ex);
        }

        if (message.Contains("Could not set lock on file", StringComparison.Ordinal) || message.Contains("Conflicting lock", StringComparison.Ordinal))
        {
            return KvsErrors.Terminating(
                "The local stack's database is open in another process.",
                StackInUse,
                ErrorCategory.ResourceBusy,
                sql,
                "Close the other PowerShell session or DuckDB client that has the stack open, then retry.",
                ex);
        }

        return KvsErrors.Terminating($"The query failed on the local engine: {Strip(message)}", QueryFailed, ErrorCategory.InvalidOperation, sql, null, ex);
    }

    private static KvsErrorException Unsupported(string construct, string message, string sql, Exception inner) =>
        FromUnsupported(new UnsupportedAthenaSqlException(construct, message, inner), sql);

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }

    private static string Strip(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && colon < 30 ? message[(colon + 2)..] : message;
    }

    [GeneratedRegex(@"(?:Scalar |Aggregate |Table |Pragma )?Function with name ""?(?<name>[^""!\s]+)""? does not exist", RegexOptions.IgnoreCase)]
    private static partial Regex MissingFunction();

    [GeneratedRegex(@"No function matches the given name and argument types '(?<name>[^(]+)\((?<args>[^)]*)\)'")]
    private static partial Regex NoMatchingFunction();

    [GeneratedRegex(@"syntax error (?:at or near ""(?<near>[^""]*)""|at end of input)")]
    private static partial Regex Syntax();

    [GeneratedRegex(@"\b(?:(?<kind>Table|Schema|View) with name|(?<kind>Catalog)) ""?(?<name>[^""!\s]+)""? does not exist")]
    private static partial Regex MissingObject();

    [GeneratedRegex(@"Referenced column ""?(?<name>[^""]+?)""? not found")]
    private static partial Regex MissingColumn();
}
