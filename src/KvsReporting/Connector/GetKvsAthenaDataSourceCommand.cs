using System.Management.Automation;
using KvsReporting.Completion;
using KvsReporting.Aws.Athena;
using KvsReporting.Errors;

namespace KvsReporting.Connector;

/// <summary>
/// <para type="synopsis">Gets Athena DynamoDB data sources: the LAMBDA catalog, its connector function and the connector stack.</para>
/// <para type="description">With -Name, reports that data source (ObjectNotFound when none of its parts exist). Without it, reports every LAMBDA catalog of the region. Status is Existing when the catalog and function are both there, Deploying while the connector stack is still being created, Incomplete when a part is missing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsAthenaDataSource")]
[OutputType(typeof(KvsAthenaDataSource))]
public sealed class GetKvsAthenaDataSourceCommand : KvsConnectorCmdlet
{
    /// <summary>
    /// <para type="description">The data source (catalog) name; case does not matter. Binds from a data-source object, or a stack object's Catalog (AwsDataCatalog there means the default KVSWorkshop).</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Catalog")]
    [ArgumentCompleter(typeof(DataCatalogCompleter))]
    public string? Name { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        const string ErrorPrefix = "KvsGetAthenaDataSource";
        var connection = await GetAwsConnectionAsync();
        var service = CreateService(connection);
        if (string.IsNullOrEmpty(Name))
        {
            var athena = GetAthenaClient(connection);
            var names = new List<string>();
            await Step(ErrorPrefix, AthenaClient.ListDataCatalogsOperation.Name, connection.Region.SystemName, "the data catalogs", async () =>
            {
                await foreach (var summary in athena.ListAllDataCatalogsAsync(cancellationToken: cancellationToken))
                {
                    if (summary.Type == "LAMBDA" && summary.CatalogName is { } name)
                    {
                        names.Add(name);
                    }
                }
            });
            foreach (var name in names)
            {
                if (await Step(ErrorPrefix, AthenaClient.GetDataCatalogOperation.Name, name, $"data source '{name}'", () => service.FindAsync(name, cancellationToken)) is { } found)
                {
                    Emit(Stamp(found, connection));
                }
            }

            return;
        }

        var catalog = DataSourceNames.CatalogName(string.Equals(Name, "AwsDataCatalog", StringComparison.OrdinalIgnoreCase) ? "KVSWorkshop" : Name, ErrorPrefix);
        var source = await Step(ErrorPrefix, AthenaClient.GetDataCatalogOperation.Name, catalog, $"data source '{catalog}'", () => service.FindAsync(catalog, cancellationToken));
        if (source is null)
        {
            EmitError(KvsErrors.Create(
                new KvsReportingException($"There is no Athena data source '{catalog}' (no catalog, connector function or connector stack) in {connection.Region.SystemName}."),
                ErrorPrefix + "NotFound",
                ErrorCategory.ObjectNotFound,
                catalog,
                "Create it with New-KvsAthenaDataSource, or check -Name and -Region."));
            return;
        }

        Emit(Stamp(source, connection));
    }
}
