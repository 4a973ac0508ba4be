using System.Management.Automation;
using Amazon.SecurityToken.Model;
using KvsReporting.Aws;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.QuickSight;
using KvsReporting.Aws.Waiters;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;

namespace KvsReporting.QuickSight;

/// <summary>Shared plumbing of the data-set cmdlets: the account id QuickSight paths need, and error reporting.</summary>
public abstract class KvsQuickSightCmdlet : KvsAwsOnlyCmdlet
{
    protected override string AwsOnlyResource => "a QuickSight data set and its Athena data source";

    /// <summary>
    /// <para type="description">The AWS account QuickSight belongs to. Binds from a stack object's Account; otherwise asked of STS.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Account")]
    [ValidateAccountId]
    public string? AwsAccountId { get; set; }

    /// <summary>
    /// <para type="description">The data set's id (letters, digits, '-' and '_'). Default: kvs-license-plate-detections.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidatePattern("^[A-Za-z0-9_-]{1,128}$")]
    public string DataSetId { get; set; } = "kvs-license-plate-detections";

    protected QuickSightClient QuickSightFor(AwsConnection connection) =>
        GetClient(connection, QuickSightClient.Description, ServiceClientFactories.CreateQuickSight);

    protected async Task<string> AccountAsync(AwsConnection connection, string errorPrefix, CancellationToken cancellationToken)
    {
        if (AwsAccountId is { Length: > 0 } given)
        {
            return given;
        }

        var sts = GetClient(connection, "STS", AwsClientFactory.CreateSts);
        return await Step(errorPrefix, "GetCallerIdentity", connection.Region.SystemName, "the caller's account",
            async () => (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account);
    }

    protected WaitOptions Waiting(int activityId, TimeSpan timeout) => WaitWithProgress(activityId, timeout, TimeSpan.FromSeconds(1));

    private static readonly StepFailureAdvice StepAdvice = new(
        "Run it again with a longer -TimeoutSeconds; QuickSight keeps working, and a re-run picks up the result.",
        typeof(QuickSightStepException),
        "Failed",
        "Check that QuickSight may use Athena (Manage QuickSight > Security & permissions) and that the workgroup and table exist.");

    protected Task<T> Step<T>(string errorPrefix, string operation, object target, string subject, Func<Task<T>> step) =>
        RunStepAsync(errorPrefix, operation, target, subject, step, StepAdvice);

    protected Task Step(string errorPrefix, string operation, object target, string subject, Func<Task> step) =>
        Step(errorPrefix, operation, target, subject, async () => { await step(); return true; });

    /// <summary>The output object for a data set as QuickSight describes it now.</summary>
    protected static KvsQuickSightDataSet Describe(DataSet dataSet, IReadOnlyList<ResourcePermission> permissions, string accountId, AwsConnection connection)
    {
        var sql = dataSet.PhysicalTableMap?.Values.Select(p => p.CustomSql).FirstOrDefault(c => c is not null);
        var relational = dataSet.PhysicalTableMap?.Values.Select(p => p.RelationalTable).FirstOrDefault(r => r is not null);
        var from = sql is null ? null : System.Text.RegularExpressions.Regex.Match(sql.SqlQuery, "FROM \"([^\"]+)\"\\.\"([^\"]+)\"\\.\"([^\"]+)\"");
        return new KvsQuickSightDataSet
        {
            DataSetId = dataSet.DataSetId ?? string.Empty,
            DataSetName = dataSet.Name ?? string.Empty,
            Arn = dataSet.Arn,
            ImportMode = dataSet.ImportMode ?? "SPICE",
            DataSourceArn = sql?.DataSourceArn ?? relational?.DataSourceArn,
            DataSourceId = (sql?.DataSourceArn ?? relational?.DataSourceArn)?.Split('/').LastOrDefault() ?? string.Empty,
            Catalog = relational?.Catalog ?? (from is { Success: true } ? from.Groups[1].Value : null),
            Database = relational?.Schema ?? (from is { Success: true } ? from.Groups[2].Value : null),
            TableName = relational?.Name ?? (from is { Success: true } ? from.Groups[3].Value : null),
            Columns = (dataSet.OutputColumns ?? []).Select(c => $"{c.Name}:{c.Type}").ToList(),
            Principals = permissions.Select(p => p.Principal).Distinct(StringComparer.Ordinal).ToList(),
            LastUpdatedTime = dataSet.LastUpdatedTime,
            AwsAccountId = accountId,
            Region = connection.Region.SystemName,
            EndpointUrl = connection.EndpointFor(QuickSightClient.Description)?.ToString(),
        };
    }
}
