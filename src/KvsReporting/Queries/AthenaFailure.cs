using System.Globalization;
using System.Text.RegularExpressions;
using KvsReporting.Errors;

namespace KvsReporting.Queries;

/// <summary>
/// A query Athena ran and failed (or cancelled): Athena's reason, the execution id, and where a syntax error is
/// when Athena's reason says (<c>line 1:8: mismatched input ...</c>).
/// </summary>
public sealed partial class AthenaQueryFailedException : KvsReportingException
{
    public AthenaQueryFailedException()
    {
    }

    public AthenaQueryFailedException(string message)
        : base(message)
    {
    }

    public AthenaQueryFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AthenaQueryFailedException(KvsQueryExecution execution)
        : base(Describe(execution))
    {
        Execution = execution;
        (Line, Column) = Location(execution?.StateChangeReason);
    }

    public KvsQueryExecution? Execution { get; }

    public string? QueryExecutionId => Execution?.QueryExecutionId;

    /// <summary>1-based line of a syntax error, when Athena's reason gives it.</summary>
    public int? Line { get; }

    /// <summary>1-based column of a syntax error, when Athena's reason gives it.</summary>
    public int? Column { get; }

    /// <summary>Reads <c>line L:C:</c> from an Athena/Trino error message.</summary>
    public static (int? Line, int? Column) Location(string? reason)
    {
        if (reason is null || LinePattern().Match(reason) is not { Success: true } match)
        {
            return (null, null);
        }

        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static string Describe(KvsQueryExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var (line, column) = Location(execution.StateChangeReason);
        var where = line is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" at line {line}, column {column}");
        var reason = string.IsNullOrEmpty(execution.StateChangeReason) ? "Athena gave no reason" : execution.StateChangeReason;
        return $"Athena query {execution.QueryExecutionId} {execution.State}{where}: {reason}";
    }

    [GeneratedRegex(@"line (\d+):(\d+):", RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();
}
