using System.Management.Automation;
using KvsReporting.Aws.QuickSight;
using KvsReporting.Errors;

namespace KvsReporting.QuickSight;

/// <summary>
/// <para type="synopsis">Gets a QuickSight data set made by New-KvsQuickSightDataSet: definition, columns, principals.</para>
/// <para type="description">Describes the data set and its permissions. A data set that does not exist is an ObjectNotFound error naming it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsQuickSightDataSet")]
[OutputType(typeof(KvsQuickSightDataSet))]
public sealed class GetKvsQuickSightDataSetCommand : KvsQuickSightCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        const string ErrorPrefix = "KvsGetQuickSightDataSet";
        var connection = await GetAwsConnectionAsync();
        var account = await AccountAsync(connection, ErrorPrefix, cancellationToken);
        var service = new QuickSightDataSetService(QuickSightFor(connection));
        var subject = $"data set '{DataSetId}'";
        var dataSet = await Step(ErrorPrefix, QuickSightClient.DescribeDataSetOperation.Name, DataSetId, subject, () => service.FindDataSetAsync(account, DataSetId, cancellationToken));
        if (dataSet is null)
        {
            EmitError(KvsErrors.Create(
                new KvsReportingException($"QuickSight has no data set '{DataSetId}' in account {account} ({connection.Region.SystemName})."),
                ErrorPrefix + "NotFound",
                ErrorCategory.ObjectNotFound,
                DataSetId,
                "Create it with New-KvsQuickSightDataSet, or check -DataSetId and -Region."));
            return;
        }

        var permissions = await Step(ErrorPrefix, QuickSightClient.DescribeDataSetPermissionsOperation.Name, DataSetId, subject, () => service.DataSetPermissionsAsync(account, DataSetId, cancellationToken));
        Emit(Describe(dataSet, permissions, account, connection));
    }
}
