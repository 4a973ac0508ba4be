using KvsReporting.Aws.QuickSight;

namespace KvsReporting.Aws.Waiters;

/// <summary>Waits for a QuickSight SPICE ingestion to finish (COMPLETED, or FAILED/CANCELLED).</summary>
public static class IngestionWaiter
{
    public static Task<WaitResult<Ingestion>> IngestionCompleteAsync(
        QuickSightClient client, string awsAccountId, string dataSetId, string ingestionId, WaitOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Waiter.WaitAsync(
            $"Importing data set {dataSetId} into SPICE",
            async ct => (await client.DescribeIngestionAsync(
                new DescribeIngestionRequest { AwsAccountId = awsAccountId, DataSetId = dataSetId, IngestionId = ingestionId }, ct).ConfigureAwait(false)).Ingestion
                ?? new Ingestion { IngestionId = ingestionId, IngestionStatus = "UNKNOWN" },
            Classify,
            options,
            cancellationToken);
    }

    internal static (WaitState, string) Classify(Ingestion ingestion)
    {
        var rows = ingestion.RowInfo?.RowsIngested is { } ingested ? $"{ingestion.IngestionStatus} ({ingested} rows)" : ingestion.IngestionStatus;
        return ingestion.IngestionStatus switch
        {
            "COMPLETED" => (WaitState.Success, rows),
            "FAILED" or "CANCELLED" => (WaitState.Failure, rows),
            _ => (WaitState.Pending, rows),
        };
    }
}
