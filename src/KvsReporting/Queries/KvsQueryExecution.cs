using System.Globalization;

namespace KvsReporting.Queries;

/// <summary>
/// One Athena query execution: where it is, what it cost and how long each phase took. Property names match the
/// parameters of Get-KvsQueryExecution and Stop-KvsAthenaQuery (QueryExecutionId, WorkGroup) so it pipes into them.
/// </summary>
public sealed class KvsQueryExecution
{
    public string QueryExecutionId { get; set; } = string.Empty;

    /// <summary>Athena, or Local for the embedded engine of a local stack.</summary>
    public string Engine { get; set; } = "Athena";

    /// <summary>QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Why the state changed: Athena's failure or cancellation reason.</summary>
    public string? StateChangeReason { get; set; }

    public string? Query { get; set; }

    /// <summary>DML, DDL or UTILITY.</summary>
    public string? StatementType { get; set; }

    public string? WorkGroup { get; set; }

    public string? Catalog { get; set; }

    public string? Database { get; set; }

    /// <summary>S3 URI of the result CSV (<c>.../&lt;QueryExecutionId&gt;.csv</c>).</summary>
    public string? OutputLocation { get; set; }

    public DateTimeOffset? SubmissionDateTime { get; set; }

    public DateTimeOffset? CompletionDateTime { get; set; }

    public long DataScannedInBytes { get; set; }

    public TimeSpan? EngineExecutionTime { get; set; }

    public TimeSpan? QueryQueueTime { get; set; }

    public TimeSpan? QueryPlanningTime { get; set; }

    public TimeSpan? ServiceProcessingTime { get; set; }

    public TimeSpan? TotalExecutionTime { get; set; }

    /// <summary>True when Athena answered from a previous execution's result (no data scanned, no charge).</summary>
    public bool ReusedPreviousResult { get; set; }

    /// <summary>Athena engine version that ran the query.</summary>
    public string? EngineVersion { get; set; }

    /// <summary>The ExecutionParameters the query ran with (SQL literals).</summary>
    public IReadOnlyList<string> ExecutionParameters { get; set; } = Array.Empty<string>();

    /// <summary>Rows the query returned to its reader: recorded by the embedded engine (Athena does not report it).</summary>
    public long? RowsReturned { get; set; }

    /// <summary>Folder of the local stack whose engine ran the query (null on Athena): binds -Local of
    /// Get-KvsQueryExecution and Stop-KvsAthenaQuery when an execution is piped to them.</summary>
    public string? LocalPath { get; set; }

    /// <summary>Estimated charge in USD; see <see cref="AthenaCost"/>.</summary>
    public decimal EstimatedCostUsd => AthenaCost.Estimate(this);

    /// <summary>True once the query can no longer change (SUCCEEDED, FAILED, CANCELLED).</summary>
    public bool IsFinished => State is "SUCCEEDED" or "FAILED" or "CANCELLED";

    /// <summary>The one-line summary written to the verbose stream.</summary>
    public string ToSummary()
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>
        {
            $"Query {QueryExecutionId} {State}",
            "scanned " + FormatBytes(DataScannedInBytes),
            "est. cost $" + EstimatedCostUsd.ToString("0.000000", inv),
        };
        if (TotalExecutionTime is { } total)
        {
            parts.Add(string.Create(inv, $"total {total.TotalSeconds:0.###} s (queue {Seconds(QueryQueueTime)}, planning {Seconds(QueryPlanningTime)}, engine {Seconds(EngineExecutionTime)})"));
        }

        if (RowsReturned is { } rows)
        {
            parts.Add(rows.ToString(inv) + " row(s) returned");
        }

        if (ReusedPreviousResult)
        {
            parts.Add("reused a previous result");
        }

        if (!string.IsNullOrEmpty(WorkGroup))
        {
            parts.Add("workgroup " + WorkGroup);
        }

        if (!string.IsNullOrEmpty(StateChangeReason))
        {
            parts.Add("reason: " + StateChangeReason);
        }

        return string.Join("; ", parts) + ".";
    }

    public override string ToString() => $"{QueryExecutionId} {State}";

    public static string FormatBytes(long bytes)
    {
        var inv = CultureInfo.InvariantCulture;
        return bytes switch
        {
            < 1024 => bytes.ToString(inv) + " B",
            < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", inv) + " KB",
            < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", inv) + " MB",
            _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.##", inv) + " GB",
        };
    }

    private static string Seconds(TimeSpan? span) =>
        span is { } s ? s.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s" : "n/a";
}
