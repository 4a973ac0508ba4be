namespace KvsReporting.Queries;

/// <summary>
/// Athena's published SQL query price: USD 5 per TB scanned, bytes rounded up to the next whole megabyte with a
/// 10 MB minimum per query. Not charged: DDL statements, failed queries, and queries answered from a reused result
/// (nothing scanned). Cancelled queries are charged for what they scanned. TB and MB are taken as 2^40 and 2^20
/// bytes. An estimate, not a bill: regional prices and provisioned-capacity workgroups differ.
/// </summary>
public static class AthenaCost
{
    public const decimal UsdPerTerabyte = 5m;

    private const long Megabyte = 1L << 20;
    private const decimal Terabyte = 1L << 40;
    private const long MinimumMegabytes = 10;

    public static decimal Estimate(KvsQueryExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (execution.Engine != "Athena" || execution.ReusedPreviousResult || execution.State is "FAILED" or "QUEUED" || string.Equals(execution.StatementType, "DDL", StringComparison.OrdinalIgnoreCase))
        {
            return 0m;
        }

        return Estimate(execution.DataScannedInBytes);
    }

    /// <summary>The charge for one query that scanned <paramref name="bytesScanned"/> bytes.</summary>
    public static decimal Estimate(long bytesScanned)
    {
        var megabytes = Math.Max(MinimumMegabytes, (Math.Max(0, bytesScanned) + Megabyte - 1) / Megabyte);
        return megabytes * Megabyte / Terabyte * UsdPerTerabyte;
    }
}
