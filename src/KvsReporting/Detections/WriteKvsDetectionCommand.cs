using System.Management.Automation;
using Amazon.Runtime;
using KvsReporting.Errors;
using KvsReporting.Completion;

namespace KvsReporting.Detections;

/// <summary>
/// <para type="synopsis">Writes license-plate detections into a DynamoDB table.</para>
/// <para type="description">Writes each detection as the detection Lambda does (image_name, license_plate,
/// confidence, bucket_name, timestamp) with BatchWriteItem: 25 items per request, several requests in parallel,
/// unprocessed items retried with exponential backoff. Use it to seed a test table anywhere
/// (New-KvsSampleDetection -Count 1000 | Write-KvsDetection -TableName LicensePlateDetections).</para>
/// </summary>
[Cmdlet(VerbsCommunications.Write, "KvsDetection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KvsDetectionWriteResult))]
public sealed class WriteKvsDetectionCommand : DynamoDbConnectionCmdlet
{
    private readonly List<LicensePlateDetection> pending = new();

    /// <summary>
    /// <para type="description">The detections to write (from the pipeline).</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public LicensePlateDetection[] InputObject { get; set; } = Array.Empty<LicensePlateDetection>();

    /// <summary>
    /// <para type="description">The DynamoDB table (default LicensePlateDetections).</para>
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DynamoDbTableCompleter))]
    public string TableName { get; set; } = "LicensePlateDetections";

    /// <summary>
    /// <para type="description">BatchWriteItem requests in flight at once (default 4).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        pending.AddRange(InputObject.Where(d => d is not null));
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
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
}
