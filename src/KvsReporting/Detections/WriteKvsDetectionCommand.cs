using System.Management.Automation;
using Amazon.Runtime;
using KvsReporting.Errors;
using KvsReporting.Completion;
using KvsReporting.Local;

namespace KvsReporting.Detections;

/// <summary>
/// <para type="synopsis">Writes license-plate detections into a DynamoDB table, or into a local stack's detections table.</para>
/// <para type="description">Writes each detection as the detection Lambda does (image_name, license_plate,
/// confidence, bucket_name, timestamp) with BatchWriteItem: 25 items per request, several requests in parallel,
/// unprocessed items retried with exponential backoff. Use it to seed a test table anywhere
/// (New-KvsSampleDetection -Count 1000 | Write-KvsDetection -TableName LicensePlateDetections).</para>
/// <para type="description">With -Local, writes into the local stack's detections table, which is also what its
/// crawler catalogs: the detections are upserted by image_name (the table key, so writing the same detections again
/// adds no rows), the table is created as a crawl creates it when it was never crawled, and the rows can be queried
/// at once (Invoke-KvsAthenaQuery -Local, Get-KvsDetection -Local). The write is no crawl: the crawler's last crawl
/// stays as it was.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Write, "KvsDetection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KvsDetectionWriteResult))]
public sealed class WriteKvsDetectionCommand : DynamoDbConnectionCmdlet
{
    private const string DefaultTableName = "LicensePlateDetections";

    private readonly List<LicensePlateDetection> pending = new();

    /// <summary>
    /// <para type="description">The detections to write (from the pipeline).</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public LicensePlateDetection[] InputObject { get; set; } = Array.Empty<LicensePlateDetection>();

    /// <summary>
    /// <para type="description">The DynamoDB table (default LicensePlateDetections). With -Local it defaults to the stack's table; another name is not found there.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DynamoDbTableCompleter))]
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// <para type="description">BatchWriteItem requests in flight at once (default 4). A local stack writes in one transaction and ignores it.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>
    /// <para type="description">Folder of a local stack: writes into its detections table instead of DynamoDB.</para>
    /// </summary>
    /// <remarks>Bound by property name like on every -Local cmdlet; the detections themselves carry no LocalPath, so it keeps the value given.</remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    [AllowNull]
    [AllowEmptyString]
    public string? Local { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        pending.AddRange(InputObject.Where(d => d is not null));
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Local))
        {
            await WriteLocalAsync(cancellationToken);
            return;
        }

        if (pending.Count == 0 || !await ShouldProcessAsync($"DynamoDB table '{TableName}'", $"Write {pending.Count} detections"))
        {
            return;
        }

        var (client, _) = await GetDynamoDbClientAsync();
        var writer = new DynamoDbDetectionWriter(client) { Parallelism = ThrottleLimit };
        var activity = $"Writing detections to {TableName}";
        try
        {
            var result = await writer.WriteAsync(
                TableName,
                pending,
                written => EmitProgress(new ProgressRecord(1, activity, $"{written} of {pending.Count}") { PercentComplete = (int)(written * 100 / pending.Count) }),
                cancellationToken);
            EmitProgress(new ProgressRecord(1, activity, "done") { RecordType = ProgressRecordType.Completed });
            Emit(result);
        }
        catch (UnprocessedDetectionsException ex)
        {
            throw KvsErrors.Terminating(ex.Message, "KvsWriteDetectionUnprocessed", ErrorCategory.LimitsExceeded, TableName, "The table is throttling writes: retry later, or raise its write capacity.", ex);
        }
        catch (AmazonServiceException ex)
        {
            var (id, category, action) = ex.ErrorCode switch
            {
                "ResourceNotFoundException" => ("KvsWriteDetectionTableNotFound", ErrorCategory.ObjectNotFound, $"Create the table '{TableName}' (partition key image_name, type S) or check the region and endpoint."),
                "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException" or "AccessDenied" =>
                    ("KvsWriteDetectionAccessDenied", ErrorCategory.PermissionDenied, $"Grant dynamodb:BatchWriteItem on table '{TableName}' to the credentials used, or check them."),
                _ => ("KvsWriteDetectionFailed", ErrorCategory.WriteError, "Retry; if it persists, check the table and the endpoint."),
            };
            throw KvsErrors.Terminating($"Writing detections to '{TableName}' failed: {ex.ErrorCode}: {ex.Message}", id, category, TableName, action, ex);
        }
    }

    /// <summary>The local stack's table: checked like DynamoDB checks a request, then merged as a crawl merges.</summary>
    private async Task WriteLocalAsync(CancellationToken cancellationToken)
    {
        var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Local));
        var crawler = new LocalCrawler(folder);
        var table = crawler.Settings.TableName;
        var tableGiven = await InvokeOnPipeline(() => MyInvocation.BoundParameters.ContainsKey(nameof(TableName)));
        if (tableGiven && !string.Equals(TableName, table, StringComparison.Ordinal))
        {
            // DynamoDB's answer for a table that does not exist (names are case-sensitive there too).
            throw KvsErrors.Terminating(
                $"Writing detections to '{TableName}' failed: the local stack in '{crawler.LocalPath}' has no table '{TableName}'; its detections table is '{table}'.",
                "KvsWriteDetectionTableNotFound",
                ErrorCategory.ObjectNotFound,
                TableName,
                $"Leave -TableName out (or give -TableName {table}) to write into the local stack's table.");
        }

        if (pending.FirstOrDefault(d => string.IsNullOrEmpty(d.ImageName)) is { } keyless)
        {
            // DynamoDB rejects the whole request for an empty key; so does the local table, before writing anything.
            throw KvsErrors.Terminating(
                $"Writing detections to '{table}' failed: a detection has no ImageName, the table key image_name (plate '{keyless.LicensePlate}').",
                "KvsWriteDetectionFailed",
                ErrorCategory.WriteError,
                keyless,
                "Give every detection an ImageName (the S3 key of its frame).");
        }

        if (pending.Count == 0 || !await ShouldProcessAsync($"table '{table}' of the local stack in '{crawler.LocalPath}'", $"Write {pending.Count} detections"))
        {
            return;
        }

        var activity = $"Writing detections to {table}";
        var started = System.Diagnostics.Stopwatch.StartNew();
        var run = crawler.WriteDetections(
            pending,
            written => EmitProgress(new ProgressRecord(1, activity, $"{written} of {pending.Count}") { PercentComplete = (int)(written * 100 / pending.Count) }),
            cancellationToken);
        EmitProgress(new ProgressRecord(1, activity, "done") { RecordType = ProgressRecordType.Completed });
        EmitVerbose($"Wrote {pending.Count} detections into '{table}' of the local stack in '{crawler.LocalPath}': {run.RowsAdded} added, {run.RowsUpdated} updated, {run.RowsUnchanged} unchanged.");
        Emit(new KvsDetectionWriteResult
        {
            TableName = table,
            Written = pending.Count,
            Batches = 1, // one transaction: all of them or none
            Retries = 0,
            ConsumedCapacityUnits = 0,
            Elapsed = started.Elapsed,
            LocalPath = crawler.LocalPath,
            Added = run.RowsAdded,
            Updated = run.RowsUpdated,
            Unchanged = run.RowsUnchanged,
        });
    }
}
