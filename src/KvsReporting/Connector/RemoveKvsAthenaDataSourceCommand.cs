using System.Management.Automation;
using KvsReporting.Completion;

namespace KvsReporting.Connector;

/// <summary>
/// <para type="synopsis">Removes an Athena DynamoDB data source: its LAMBDA catalog and the connector stack (function included).</para>
/// <para type="description">Deletes the Athena data catalog and the serverlessrepo-NAME CloudFormation stack SAR created for the connector. Parts that are already gone are skipped, so a second run changes nothing. With -Wait it waits until the stack is deleted. Queries through the catalog stop working.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "KvsAthenaDataSource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveKvsAthenaDataSourceCommand : KvsConnectorCmdlet
{
    /// <summary>
    /// <para type="description">The data source (catalog) name. Default: KVSWorkshop. Binds from a data-source object.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DataCatalogCompleter))]
    public string Name { get; set; } = "KVSWorkshop";

    /// <summary>
    /// <para type="description">Wait until the connector stack is deleted (progress shown).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>
    /// <para type="description">How long -Wait may take. Default: 1800 seconds.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(10, 86400)]
    public int TimeoutSeconds { get; set; } = 1800;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        const string ErrorPrefix = "KvsRemoveAthenaDataSource";
        var catalog = DataSourceNames.CatalogName(Name, ErrorPrefix);
        var connection = await GetAwsConnectionAsync();
        var service = CreateService(connection);
        var subject = $"data source '{catalog}'";
        var existing = await Step(ErrorPrefix, "GetDataCatalog", catalog, subject, () => service.FindAsync(catalog, cancellationToken));
        if (existing is null || (existing.CatalogType is null && existing.ConnectorStackStatus is null or "DELETE_COMPLETE" or "DELETE_IN_PROGRESS"))
        {
            EmitVerbose($"Data source '{catalog}' does not exist; nothing to remove.");
            return;
        }

        if (!await ShouldProcessAsync($"Athena data source '{catalog}' (catalog and stack {existing.ConnectorStackName})", "Remove"))
        {
            return;
        }

        var (catalogDeleted, stackDeleted) = await Step(ErrorPrefix, "DeleteDataCatalog", catalog, subject,
            () => service.RemoveAsync(catalog, Wait, Waiting(72, TimeSpan.FromSeconds(TimeoutSeconds)), cancellationToken));
        if (Wait)
        {
            CompleteProgress(72, "Deleting connector");
        }

        EmitVerbose($"Data source '{catalog}': catalog {(catalogDeleted ? "deleted" : "already absent")}, stack {(stackDeleted ? (Wait ? "deleted" : "deletion started") : "already absent")}.");
    }
}
