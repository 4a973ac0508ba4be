using System.Management.Automation;
using KvsReporting.Completion;
using Amazon.SecurityToken.Model;
using KvsReporting.Aws;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Iam;
using KvsReporting.Aws.Lambda;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;

namespace KvsReporting.Diagnostics;

/// <summary>
/// <para type="synopsis">Checks a reporting stack end to end and says what is wrong and how to fix it.</para>
/// <para type="description">Returns one KvsDiagnostic per check, each Pass, Warn or Fail with the detail found and the fix: stack status; the spill and query buckets (exist, public-access blocks, encryption, versioning); the crawler role can read the table; the last crawl; the Glue database and the detections table's columns; the workgroup's result location; the spill bucket is writable; the connector function and its Athena catalog; the QuickSight role's two inline policies are present and sufficient; and a smoke query. -Quiet returns a single boolean (true when nothing failed) for runbooks. Changes nothing except a probe object written to and deleted from the spill bucket.</para>
/// <para type="description">With -Local (or a piped local stack) it checks the embedded engine instead, under the same check names and statuses where a fact exists on both engines (Stack status, Glue database, Last crawl, Detections table, Connector catalog, Workgroup result location, Smoke query), plus the local-only Database file, Crawl skipped items, Catalog views and Data freshness. A missing stack is a failed Stack status row with ErrorId KvsGetStackNotFound on both engines, never an exception.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "KvsReportingStack")]
[OutputType(typeof(KvsDiagnostic), typeof(bool))]
public sealed class TestKvsReportingStackCommand : KvsAwsCmdlet
{
    /// <summary>
    /// <para type="description">The CloudFormation stack. Binds from a stack object. Default: kvs-license-reporting.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    public string StackName { get; set; } = "kvs-license-reporting";

    /// <summary>
    /// <para type="description">The connector's spill bucket. Binds from a stack object; read from the stack's outputs otherwise.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SpillBucket { get; set; }

    /// <summary>
    /// <para type="description">The Athena query-result bucket. Binds from a stack object; read from the stack's outputs otherwise.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? QueryResultBucket { get; set; }

    /// <summary>
    /// <para type="description">The Glue crawler. Default: LicensePlateDetectionsCrawler.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CrawlerCompleter))]
    public string CrawlerName { get; set; } = "LicensePlateDetectionsCrawler";

    /// <summary>
    /// <para type="description">The Athena workgroup. Default: KVSWorkshopWorkgroup.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkGroupCompleter))]
    public string WorkGroup { get; set; } = "KVSWorkshopWorkgroup";

    /// <summary>
    /// <para type="description">The DynamoDB detections table. Default: LicensePlateDetections.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DynamoDbTableCompleter))]
    public string TableName { get; set; } = "LicensePlateDetections";

    /// <summary>
    /// <para type="description">The Glue database the crawler writes. Default: kvsworkshop_db.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string GlueDatabase { get; set; } = "kvsworkshop_db";

    /// <summary>
    /// <para type="description">The connector's Athena catalog (also its function name). A stack object's AwsDataCatalog means "not registered yet" and falls back to -DataSourceName.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DataCatalogCompleter))]
    public string? Catalog { get; set; }

    /// <summary>
    /// <para type="description">The connector's data source name when the stack names none. Default: kvsworkshop.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DataSourceName { get; set; } = "kvsworkshop";

    /// <summary>
    /// <para type="description">The account id, for table and function ARNs. Binds from a stack object; otherwise asked of STS.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Account { get; set; }

    /// <summary>
    /// <para type="description">QuickSight's service role. Default: aws-quicksight-service-role-v0.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string QuickSightRoleName { get; set; } = "aws-quicksight-service-role-v0";

    /// <summary>
    /// <para type="description">Skip the smoke query (it is billed: at least 10 MB scanned).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter SkipQuery { get; set; }

    /// <summary>
    /// <para type="description">How long the smoke query may run before it is stopped. Default: 120 seconds.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int QueryTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// <para type="description">Return only $true (no check failed) or $false, for runbooks.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>
    /// <para type="description">Folder of a local stack: checks the embedded engine (settings, database file and lock, catalog, crawl log, data freshness, the seed's query) instead of AWS. Binds from a local stack object's LocalPath; an AWS stack object leaves it empty.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    [AllowNull]
    [AllowEmptyString]
    public string? Local { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // One optional -Local rather than a parameter set: a piped stack object carries both StackName and
        // LocalPath, and only whether its LocalPath is empty says which engine it belongs to.
        if (!string.IsNullOrEmpty(Local))
        {
            var (folder, crawler, table) = await InvokeOnPipeline(() => (
                GetUnresolvedProviderPathFromPSPath(Local),
                MyInvocation.BoundParameters.ContainsKey(nameof(CrawlerName)) ? CrawlerName : null,
                MyInvocation.BoundParameters.ContainsKey(nameof(TableName)) ? TableName : null));
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            await TestLocalAsync(new LocalStackChecks(full) { CrawlerName = crawler, TableName = table }, full, cancellationToken);
            return;
        }

        var connection = await GetAwsConnectionAsync();
        var cfn = GetClient(connection, CloudFormationClient.Description, ServiceClientFactories.CreateCloudFormation);
        var clients = new StackCheckClients(
            cfn,
            GetClient(connection, "S3", AwsClientFactory.CreateS3),
            GetClient(connection, IamClient.Description, ServiceClientFactories.CreateIam),
            GetGlueClient(connection),
            GetAthenaClient(connection),
            GetClient(connection, LambdaClient.Description, ServiceClientFactories.CreateLambda));
        var facts = await GatherFactsAsync(connection, cfn, cancellationToken);
        var checks = new StackChecks(clients, facts);
        var rows = new List<KvsDiagnostic>();
        var progress = new ProgressRecord(7, $"Testing stack {facts.StackName}", "Starting");

        void Report(KvsDiagnostic row)
        {
            row.StackName = facts.StackName;
            row.Region = facts.Region;
            rows.Add(row);
            progress.StatusDescription = $"{row.Check}: {row.Status}";
            progress.PercentComplete = Math.Min(99, rows.Count * 100 / 19);
            EmitProgress(progress);
            if (!Quiet)
            {
                Emit(row);
            }
        }

        Report(await checks.StackStatusAsync(cancellationToken));
        await foreach (var row in checks.BucketAsync("Spill", facts.SpillBucket, cancellationToken))
        {
            Report(row);
        }

        await foreach (var row in checks.BucketAsync("Query", facts.QueryResultBucket, cancellationToken))
        {
            Report(row);
        }

        Report(await checks.CrawlerRoleAsync(cancellationToken));
        Report(await checks.LastCrawlAsync(cancellationToken));
        Report(await checks.GlueDatabaseAsync(cancellationToken));
        Report(await checks.DetectionsTableAsync(cancellationToken));
        Report(await checks.WorkGroupAsync(cancellationToken));
        Report(await checks.SpillWritableAsync(cancellationToken));
        var function = await checks.ConnectorFunctionAsync(cancellationToken);
        Report(function);
        var catalog = await checks.ConnectorCatalogAsync(cancellationToken);
        Report(catalog);
        Report(await checks.QuickSightPoliciesAsync(function.Status == KvsDiagnosticStatus.Pass ? function.Target : null, cancellationToken));
        if (!SkipQuery)
        {
            Report(await checks.SmokeQueryAsync(catalog.Status == KvsDiagnosticStatus.Pass, TimeSpan.FromSeconds(QueryTimeoutSeconds), cancellationToken));
        }

        progress.RecordType = ProgressRecordType.Completed;
        EmitProgress(progress);
        var failed = rows.Count(r => r.Status == KvsDiagnosticStatus.Fail);
        EmitVerbose($"{facts.StackName}: {rows.Count(r => r.Status == KvsDiagnosticStatus.Pass)} passed, {rows.Count(r => r.Status == KvsDiagnosticStatus.Warn)} warnings, {failed} failed.");
        if (Quiet)
        {
            Emit(failed == 0);
        }
    }

    /// <summary>The local stack's checks, reported as the AWS ones are (rows, progress, -Quiet).</summary>
    private async Task TestLocalAsync(LocalStackChecks checks, string folder, CancellationToken cancellationToken)
    {
        var rows = new List<KvsDiagnostic>();
        var progress = new ProgressRecord(7, $"Testing local stack in {folder}", "Starting");
        await foreach (var row in checks.RunAsync(SkipQuery, TimeSpan.FromSeconds(QueryTimeoutSeconds), cancellationToken))
        {
            row.StackName = checks.StackName;
            rows.Add(row);
            progress.StatusDescription = $"{row.Check}: {row.Status}";
            progress.PercentComplete = Math.Min(99, rows.Count * 100 / 12);
            EmitProgress(progress);
            if (!Quiet)
            {
                Emit(row);
            }
        }

        progress.RecordType = ProgressRecordType.Completed;
        EmitProgress(progress);
        var failed = rows.Count(r => r.Status == KvsDiagnosticStatus.Fail);
        EmitVerbose($"{checks.StackName} (local: {folder}): {rows.Count(r => r.Status == KvsDiagnosticStatus.Pass)} passed, {rows.Count(r => r.Status == KvsDiagnosticStatus.Warn)} warnings, {failed} failed.");
        if (Quiet)
        {
            Emit(failed == 0);
        }
    }

    /// <summary>Parameters first, then the stack's outputs, then STS for the account.</summary>
    private async Task<StackFacts> GatherFactsAsync(AwsConnection connection, CloudFormationClient cfn, CancellationToken cancellationToken)
    {
        string? spill = SpillBucket, query = QueryResultBucket, account = Account;
        if (spill is null || query is null || account is null)
        {
            try
            {
                var stack = await cfn.FindStackAsync(StackName, cancellationToken);
                string? Output(string key) => stack?.Outputs?.FirstOrDefault(o => o.OutputKey == key)?.OutputValue;
                spill ??= Output("SpillBucket");
                query ??= Output("QueryResultBucket");
                account ??= stack?.StackId?.Split(':') is { Length: >= 6 } parts ? parts[4] : null;
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                EmitVerbose($"Could not read stack {StackName}'s outputs: {ex.Message}");
            }
        }

        if (account is null)
        {
            try
            {
                var sts = GetClient(connection, "STS", AwsClientFactory.CreateSts);
                account = (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account;
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                EmitVerbose($"Could not ask STS for the account id ({ex.Message}); ARNs use a wildcard account.");
            }
        }

        var connector = string.IsNullOrEmpty(Catalog) || string.Equals(Catalog, "AwsDataCatalog", StringComparison.OrdinalIgnoreCase) ? DataSourceName : Catalog;
        return new StackFacts
        {
            StackName = StackName,
            SpillBucket = spill,
            QueryResultBucket = query,
            CrawlerName = CrawlerName,
            WorkGroup = WorkGroup,
            TableName = TableName,
            GlueDatabase = GlueDatabase,
            ConnectorCatalog = connector.ToLowerInvariant(),
            QuickSightRoleName = QuickSightRoleName,
            Region = connection.Region.SystemName,
            Account = account,
            Partition = connection.Region.PartitionName ?? "aws",
        };
    }
}
