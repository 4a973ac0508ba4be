using System.Management.Automation;
using KvsReporting.Aws.QuickSight;

namespace KvsReporting.QuickSight;

/// <summary>
/// <para type="synopsis">Removes a QuickSight data set made by New-KvsQuickSightDataSet, and optionally its Athena data source.</para>
/// <para type="description">Deletes the data set (its SPICE copy with it); with -IncludeDataSource also the data source. What is already gone is skipped, so a second run changes nothing. Analyses and dashboards built on the data set stop working.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "KvsQuickSightDataSet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveKvsQuickSightDataSetCommand : KvsQuickSightCmdlet
{
    /// <summary>
    /// <para type="description">The data source id to delete with -IncludeDataSource. Binds from a data-set object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? DataSourceId { get; set; }

    /// <summary>
    /// <para type="description">Also delete the Athena data source (kvs-athena-kvsworkshopworkgroup unless -DataSourceId names another).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter IncludeDataSource { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        const string ErrorPrefix = "KvsRemoveQuickSightDataSet";
        var connection = await GetAwsConnectionAsync();
        var account = await AccountAsync(connection, ErrorPrefix, cancellationToken);
        var service = new QuickSightDataSetService(QuickSightFor(connection));
        var dataSourceId = IncludeDataSource ? (string.IsNullOrEmpty(DataSourceId) ? "kvs-athena-kvsworkshopworkgroup" : DataSourceId) : null;
        var subject = $"data set '{DataSetId}'";
        var exists = await Step(ErrorPrefix, QuickSightClient.DescribeDataSetOperation.Name, DataSetId, subject, () => service.FindDataSetAsync(account, DataSetId, cancellationToken)) is not null;
        var sourceExists = dataSourceId is not null && await Step(ErrorPrefix, QuickSightClient.DescribeDataSourceOperation.Name, dataSourceId, subject, () => service.FindDataSourceAsync(account, dataSourceId, cancellationToken)) is not null;
        if (!exists && !sourceExists)
        {
            EmitVerbose($"QuickSight data set '{DataSetId}'{(dataSourceId is null ? string.Empty : $" and data source '{dataSourceId}'")} do not exist; nothing to remove.");
            return;
        }

        var what = string.Join(" and ", new[] { exists ? $"data set '{DataSetId}'" : null, sourceExists ? $"data source '{dataSourceId}'" : null }.Where(w => w is not null));
        if (!await ShouldProcessAsync($"QuickSight {what} in account {account}", "Remove"))
        {
            return;
        }

        await Step(ErrorPrefix, QuickSightClient.DeleteDataSetOperation.Name, DataSetId, subject, () => service.RemoveAsync(account, DataSetId, sourceExists ? dataSourceId : null, cancellationToken));
        EmitVerbose($"Removed QuickSight {what}.");
    }
}
