using System.Management.Automation;
using KvsReporting.Aws.Athena;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.ServerlessRepo;
using KvsReporting.Errors;

namespace KvsReporting.Connector;

/// <summary>
/// <para type="synopsis">Creates the Athena data source for DynamoDB: deploys the AthenaDynamoDBConnector application and registers its LAMBDA catalog.</para>
/// <para type="description">Does what the Athena console's "Create data source - Amazon DynamoDB" does: asks the Serverless Application Repository for a CloudFormation change set of the AthenaDynamoDBConnector application (catalog name, spill bucket and prefix, Lambda memory and timeout), executes it through CloudFormation (stack serverlessrepo-NAME), and registers an Athena data catalog of type LAMBDA for the connector's function. Athena stores catalog names in lower case, so -Name KVSWorkshop becomes the catalog kvsworkshop; names are checked before anything is deployed. Re-running returns the existing data source and changes nothing. With -Wait it waits, with progress, until the connector stack is complete.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "KvsAthenaDataSource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KvsAthenaDataSource))]
public sealed class NewKvsAthenaDataSourceCommand : KvsConnectorCmdlet
{
    private const string ErrorPrefix = "KvsNewAthenaDataSource";
    private const int ProgressId = 71;

    /// <summary>
    /// <para type="description">The data source name. Default: KVSWorkshop (catalog kvsworkshop). Letters, digits, '-' and '_', at most 64.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "KVSWorkshop";

    /// <summary>
    /// <para type="description">The bucket the connector spills large results to. Binds from a stack object's SpillBucket.</para>
    /// </summary>
    // Null and empty are refused in ProcessRecordAsync, not by [ValidateNotNullOrEmpty]: a local stack object
    // has no spill bucket, and binding must let it through to the local-stack error.
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? SpillBucket { get; set; }

    /// <summary>
    /// <para type="description">The key prefix for spilled data. Default: athena-spill.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string SpillPrefix { get; set; } = "athena-spill";

    /// <summary>
    /// <para type="description">The connector function's memory in MB (128 to 10240). Default: 3008.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(128, 10240)]
    public int LambdaMemory { get; set; } = 3008;

    /// <summary>
    /// <para type="description">The connector function's timeout in seconds (1 to 900). Default: 900.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 900)]
    public int LambdaTimeout { get; set; } = 900;

    /// <summary>
    /// <para type="description">Wait until the connector stack is complete (progress shown).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>
    /// <para type="description">How long to wait for the change set and, with -Wait, the stack. Default: 1800 seconds.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(10, 86400)]
    public int TimeoutSeconds { get; set; } = 1800;

    /// <summary>
    /// <para type="description">The SAR application to deploy. Default: the AWS-published AthenaDynamoDBConnector.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ApplicationId { get; set; } = DataSourceNames.ConnectorApplicationId;

    /// <summary>
    /// <para type="description">The application version to deploy. Default: the latest.</para>
    /// </summary>
    [Parameter]
    public string? SemanticVersion { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var spillBucket = KvsErrors.RequireNotNullOrEmpty(SpillBucket, nameof(SpillBucket), "Pass the stack's spill bucket: Get-KvsReportingStack | New-KvsAthenaDataSource, or -SpillBucket NAME.");
        var catalog = DataSourceNames.CatalogName(Name, ErrorPrefix);
        DataSourceNames.CheckSpillLocation(spillBucket, SpillPrefix, ErrorPrefix);
        if (catalog != Name)
        {
            EmitVerbose($"Athena stores catalog names in lower case: the data source '{Name}' is the catalog '{catalog}'.");
        }

        var connection = await GetAwsConnectionAsync();
        var service = CreateService(connection);
        var subject = $"data source '{catalog}'";
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);

        var existing = await Step(ErrorPrefix, "GetDataCatalog", catalog, subject, () => service.FindAsync(catalog, cancellationToken));
        if (existing is { Status: "Existing" })
        {
            if (existing.SpillBucket is { } bucket && bucket != spillBucket)
            {
                EmitWarning($"Data source '{catalog}' already exists and spills to '{bucket}', not '{spillBucket}'; it was left unchanged.");
            }

            EmitVerbose($"Data source '{catalog}' already exists; nothing to do.");
            Emit(Stamp(existing, connection));
            return;
        }

        var stackStatus = existing?.ConnectorStackStatus;
        if (stackStatus is not null && (stackStatus.Contains("FAILED", StringComparison.Ordinal) || stackStatus.Contains("ROLLBACK", StringComparison.Ordinal) || stackStatus.StartsWith("DELETE", StringComparison.Ordinal)))
        {
            throw KvsErrors.Terminating(
                $"The connector stack {existing!.ConnectorStackName} is {stackStatus}; it cannot be reused.",
                ErrorPrefix + "StackFailed",
                ErrorCategory.ResourceUnavailable,
                existing.ConnectorStackName,
                $"Remove-KvsAthenaDataSource -Name {catalog} -Wait, then run New-KvsAthenaDataSource again.");
        }

        var deployed = existing?.FunctionArn is not null && stackStatus is "CREATE_COMPLETE" or "UPDATE_COMPLETE" or null && existing?.FunctionState is not null;
        var inProgress = existing?.Status == "Deploying";
        var action = deployed || inProgress
            ? "Register the Athena LAMBDA catalog for the deployed connector"
            : $"Deploy AthenaDynamoDBConnector (stack {DataSourceNames.StackNameFor(catalog)}, spill s3://{spillBucket}/{SpillPrefix}) and register a LAMBDA catalog";
        if (!await ShouldProcessAsync($"Athena data source '{catalog}'", action))
        {
            return;
        }

        string functionArn;
        var status = "Created";
        if (deployed || inProgress)
        {
            if (inProgress && Wait)
            {
                await Step(ErrorPrefix, "DescribeStacks", catalog, subject, () => service.WaitForStackAsync(catalog, Waiting(ProgressId, timeout), cancellationToken));
                CompleteProgress(ProgressId, "Deploying connector");
            }
            else if (inProgress)
            {
                status = "Deploying";
            }

            functionArn = existing!.FunctionArn ?? ConnectorService.FunctionArnFor(string.Empty, catalog, connection.Region.SystemName);
        }
        else
        {
            var settings = new ConnectorSettings(catalog, spillBucket, SpillPrefix, LambdaMemory, LambdaTimeout, ApplicationId, SemanticVersion);
            EmitVerbose($"Asking the Serverless Application Repository for a change set of {ApplicationId}.");
            var (changeSetId, stackId, version) = await Step(ErrorPrefix, ServerlessRepoClient.CreateCloudFormationChangeSetOperation.Name, catalog, subject,
                () => service.CreateChangeSetAsync(settings, Waiting(ProgressId, timeout), cancellationToken));
            EmitVerbose($"Executing change set {changeSetId} (application version {version}).");
            await Step(ErrorPrefix, CloudFormationClient.ExecuteChangeSetOperation.Name, catalog, subject, () => service.ExecuteAsync(changeSetId, cancellationToken));
            if (Wait)
            {
                await Step(ErrorPrefix, CloudFormationClient.DescribeStacksOperation.Name, catalog, subject, () => service.WaitForStackAsync(catalog, Waiting(ProgressId, timeout), cancellationToken));
            }
            else
            {
                status = "Deploying";
            }

            CompleteProgress(ProgressId, "Deploying connector");
            functionArn = ConnectorService.FunctionArnFor(stackId, catalog, connection.Region.SystemName);
        }

        if (await Step(ErrorPrefix, AthenaClient.GetDataCatalogOperation.Name, catalog, subject, () => service.FindCatalogAsync(catalog, cancellationToken)) is null)
        {
            await Step(ErrorPrefix, AthenaClient.CreateDataCatalogOperation.Name, catalog, subject, () => service.RegisterCatalogAsync(catalog, functionArn, cancellationToken));
        }

        var result = await Step(ErrorPrefix, AthenaClient.GetDataCatalogOperation.Name, catalog, subject, () => service.FindAsync(catalog, cancellationToken))
            ?? new KvsAthenaDataSource { Name = catalog, FunctionName = catalog, ConnectorStackName = DataSourceNames.StackNameFor(catalog) };
        result.Status = status;
        result.FunctionArn ??= functionArn;
        result.SpillBucket ??= spillBucket;
        result.SpillPrefix ??= SpillPrefix;
        Emit(Stamp(result, connection));
    }
}
