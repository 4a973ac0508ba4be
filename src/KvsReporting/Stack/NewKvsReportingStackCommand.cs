using System.Management.Automation;
using KvsReporting.Cmdlets;
using KvsReporting.Local;
using KvsReporting.Completion;

namespace KvsReporting.Stack;

/// <summary>
/// <para type="synopsis">Creates a reporting stack: on AWS, or as a local stack that runs the whole workflow on the embedded engine.</para>
/// <para type="description">Without -Local, deploys the module's CloudFormation template (Export-KvsReportingTemplate shows
/// it) as a stack: the spill and query-result buckets, the Glue database and crawler over the detections table, the
/// Athena workgroup and the IAM roles, with CAPABILITY_IAM and a client request token so a retried call never creates
/// twice. With -Wait it follows the stack's events (progress bar and verbose lines) until the stack is complete; a failure
/// names the first resource that failed, its reason, and the outcome of the rollback. -WhatIf lists the resources that
/// would be created.</para>
/// <para type="description">With -Local, creates a folder holding the embedded DuckDB database (kvsreporting.duckdb)
/// and its settings (stack.json). The local stack mirrors the AWS one: Glue database kvsworkshop_db, crawler
/// LicensePlateDetectionsCrawler, workgroup KVSWorkshopWorkgroup, catalog AwsDataCatalog. Running it again on
/// the same folder with the same settings returns the existing stack.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "KvsReportingStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = AwsParameterSet)]
[OutputType(typeof(KvsReportingStack))]
public sealed partial class NewKvsReportingStackCommand : KvsAwsCmdlet
{
    /// <summary>Parameter set of a CloudFormation stack on AWS (the default).</summary>
    public const string AwsParameterSet = "Aws";

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
    /// <para type="description">Name of the Glue crawler (default LicensePlateDetectionsCrawler).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string CrawlerName { get; set; } = "LicensePlateDetectionsCrawler";

    /// <summary>
    /// <para type="description">The crawler's schedule as a Glue cron expression in UTC (default cron(0 0 * * ? *), daily at midnight). On AWS, an empty string leaves the crawler on demand only. A local stack records it; crawls run when Start-KvsCrawler is called.</para>
    /// </summary>
    [Parameter]
    [Alias("Schedule")]
    [AllowEmptyString]
    public string CrawlerSchedule { get; set; } = "cron(0 0 * * ? *)";

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName == AwsParameterSet)
        {
            await ProcessAwsAsync(cancellationToken);
            return;
        }

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
        Schedule = CrawlerSchedule,
    };
}
