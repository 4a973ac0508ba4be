using System.Management.Automation;
using KvsReporting.Cmdlets;
using KvsReporting.Local;
using KvsReporting.Completion;

namespace KvsReporting.Stack;

/// <summary>
/// <para type="synopsis">Creates a reporting stack: on AWS, or as a local stack that runs the whole workflow on the embedded engine.</para>
/// <para type="description">With -Local, creates a folder holding the embedded DuckDB database (kvsreporting.duckdb)
/// and its settings (stack.json). The local stack mirrors the AWS one: Glue database kvsworkshop_db, crawler
/// LicensePlateDetectionsCrawler, workgroup KVSWorkshopWorkgroup, catalog AwsDataCatalog. Running it again on
/// the same folder with the same settings returns the existing stack.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "KvsReportingStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = LocalParameterSet)]
[OutputType(typeof(KvsReportingStack))]
public sealed class NewKvsReportingStackCommand : KvsAsyncCmdlet
{
    /// <summary>Parameter set of the embedded engine.</summary>
    public const string LocalParameterSet = "Local";

    /// <summary>
    /// <para type="description">Folder of the local stack. Created when missing; must be empty unless it already holds this stack.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalParameterSet, ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    [ValidateNotNullOrEmpty]
    public string Local { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">Name of the stack (default kvs-license-reporting).</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string StackName { get; set; } = "kvs-license-reporting";

    /// <summary>
    /// <para type="description">The DynamoDB table holding the detections (default LicensePlateDetections). The crawled table is its lower-cased name.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DynamoDbTableCompleter))]
    public string TableName { get; set; } = "LicensePlateDetections";

    /// <summary>
    /// <para type="description">Name of the local crawler (default LicensePlateDetectionsCrawler).</para>
    /// </summary>
    [Parameter(ParameterSetName = LocalParameterSet)]
    [ValidateNotNullOrEmpty]
    public string CrawlerName { get; set; } = "LicensePlateDetectionsCrawler";

    /// <summary>
    /// <para type="description">The crawler's schedule as a Glue cron expression (default cron(0 0 * * ? *), daily at midnight UTC). A local stack records it; crawls run when Start-KvsCrawler is called.</para>
    /// </summary>
    [Parameter(ParameterSetName = LocalParameterSet)]
    [ValidateNotNullOrEmpty]
    public string Schedule { get; set; } = "cron(0 0 * * ? *)";

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Local));
        var store = new LocalStackStore();
        if (LocalStackStore.IsStack(folder))
        {
            var existing = store.Create(folder, Settings(), out _);
            EmitVerbose($"The local stack '{existing.StackName}' already exists in '{folder}' with these settings.");
            Emit(existing);
            return;
        }

        if (!await ShouldProcessAsync($"local reporting stack '{StackName}' in '{folder}'", "Create"))
        {
            return;
        }

        var stack = store.Create(folder, Settings(), out var created);
        EmitVerbose(created ? $"Created the local stack '{stack.StackName}' in '{folder}'." : $"The local stack already existed in '{folder}'.");
        Emit(stack);
    }

    private LocalStackSettings Settings() => new()
    {
        StackName = StackName,
        TableName = TableName,
        CrawlerName = CrawlerName,
        Schedule = Schedule,
    };
}
