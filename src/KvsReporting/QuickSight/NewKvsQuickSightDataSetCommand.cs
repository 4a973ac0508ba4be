using System.Management.Automation;
using KvsReporting.Completion;
using KvsReporting.Aws.QuickSight;
using KvsReporting.Errors;

namespace KvsReporting.QuickSight;

/// <summary>
/// <para type="synopsis">Creates the QuickSight data set over the detections table: an Athena data source on the stack's workgroup, typed columns, a SPICE import and permissions.</para>
/// <para type="description">Makes QuickSight match the request, writing only what differs: an ATHENA data source on -WorkGroup; a data set whose custom SQL reads the detections table through -Catalog (the Glue catalog, or the connector's catalog from New-KvsAthenaDataSource) and types the columns (confidence as a number, the timestamp text parsed to a date-time; values that do not parse become empty instead of failing the import); the owner permissions for each -Principal. With -ImportMode Spice a new data set is imported into SPICE at once; -Wait waits for the import with progress; -Refresh starts a new import of an existing data set. A second run with the same arguments changes nothing.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "KvsQuickSightDataSet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KvsQuickSightDataSet))]
public sealed class NewKvsQuickSightDataSetCommand : KvsQuickSightCmdlet
{
    private const string ErrorPrefix = "KvsNewQuickSightDataSet";

    /// <summary>
    /// <para type="description">The data set's display name. Default: License plate detections.</para>
    /// </summary>
    [Parameter]
    [ValidateLength(1, 128)]
    public string DataSetName { get; set; } = "License plate detections";

    /// <summary>
    /// <para type="description">The QuickSight data source id to create or reuse. Default: kvs-athena-WORKGROUP.</para>
    /// </summary>
    [Parameter]
    [ValidatePattern("^[A-Za-z0-9_-]{1,128}$")]
    public string? DataSourceId { get; set; }

    /// <summary>
    /// <para type="description">The Athena workgroup QuickSight queries through. Binds from a stack object. Default: KVSWorkshopWorkgroup.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkGroupCompleter))]
    public string WorkGroup { get; set; } = "KVSWorkshopWorkgroup";

    /// <summary>
    /// <para type="description">The Athena catalog holding the table: AwsDataCatalog (Glue, the crawler's table) or the connector catalog (e.g. kvsworkshop). Binds from a stack or data-source object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DataCatalogCompleter))]
    public string Catalog { get; set; } = "AwsDataCatalog";

    /// <summary>
    /// <para type="description">The database: default kvsworkshop_db for AwsDataCatalog, "default" for a connector catalog. Binds from a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseCompleter))]
    public string? Database { get; set; }

    /// <summary>
    /// <para type="description">The detections table (Athena lower-cases it). Binds from a stack object. Default: LicensePlateDetections.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DynamoDbTableCompleter))]
    public string TableName { get; set; } = "LicensePlateDetections";

    /// <summary>
    /// <para type="description">QuickSight user or group ARNs given owner permissions on the data source and data set.</para>
    /// </summary>
    [Parameter]
    [ValidatePattern("^arn:[a-z-]+:quicksight:[a-z0-9-]*:[0-9]{12}:(user|group|namespace)/.+$")]
    [ArgumentCompleter(typeof(QuickSightPrincipalCompleter))]
    public string[] Principal { get; set; } = [];

    /// <summary>
    /// <para type="description">Spice (import, fast visuals) or DirectQuery (query Athena each time). Default: Spice.</para>
    /// </summary>
    [Parameter]
    [ValidateSet("Spice", "DirectQuery")]
    public string ImportMode { get; set; } = "Spice";

    /// <summary>
    /// <para type="description">Wait for the SPICE import to finish (progress shown).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>
    /// <para type="description">Start a new SPICE import even when the data set is unchanged.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Refresh { get; set; }

    /// <summary>
    /// <para type="description">How long waiting may take. Default: 1800 seconds.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(10, 86400)]
    public int TimeoutSeconds { get; set; } = 1800;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var connection = await GetAwsConnectionAsync();
        var account = await AccountAsync(connection, ErrorPrefix, cancellationToken);
        var service = new QuickSightDataSetService(QuickSightFor(connection));
        var glue = string.Equals(Catalog, "AwsDataCatalog", StringComparison.OrdinalIgnoreCase);
        var spec = new DataSetSpec(
            account,
            DataSetId,
            DataSetName,
            DataSourceId ?? "kvs-athena-" + new string(WorkGroup.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray()),
            WorkGroup,
            glue ? "AwsDataCatalog" : Catalog.ToLowerInvariant(),
            (Database ?? (glue ? "kvsworkshop_db" : "default")).ToLowerInvariant(),
            TableName.ToLowerInvariant(),
            ImportMode == "Spice" ? "SPICE" : "DIRECT_QUERY",
            Principal);
        var subject = $"data set '{spec.DataSetId}'";
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);

        // Plan first, so -WhatIf can say exactly what would change.
        var source = await Step(ErrorPrefix, QuickSightClient.DescribeDataSourceOperation.Name, spec.DataSourceId, subject, () => service.FindDataSourceAsync(account, spec.DataSourceId, cancellationToken));
        var existing = await Step(ErrorPrefix, QuickSightClient.DescribeDataSetOperation.Name, spec.DataSetId, subject, () => service.FindDataSetAsync(account, spec.DataSetId, cancellationToken));
        var sourceOk = source is { Type: "ATHENA" } && source.DataSourceParameters?.AthenaParameters?.WorkGroup == spec.WorkGroup && source.Arn is not null;
        var definitionOk = existing is not null && sourceOk && DetectionDataSetDefinition.SameDefinition(
            existing, DetectionDataSetDefinition.PhysicalTables(source!.Arn!, spec.Catalog, spec.Database, spec.Table), DetectionDataSetDefinition.LogicalTables(), spec.ImportMode, spec.DataSetName);
        var permissions = existing is null ? [] : await Step(ErrorPrefix, QuickSightClient.DescribeDataSetPermissionsOperation.Name, spec.DataSetId, subject, () => service.DataSetPermissionsAsync(account, spec.DataSetId, cancellationToken));
        var missingGrants = spec.Principals.Any(p => DetectionDataSetDefinition.DataSetActions.Except(permissions.Where(x => x.Principal == p).SelectMany(x => x.Actions)).Any());
        var refresh = Refresh && spec.ImportMode == "SPICE";

        string status;
        string? arn = existing?.Arn;
        string? ingestionId = null;
        if (definitionOk && !missingGrants && !refresh)
        {
            EmitVerbose($"QuickSight data set '{spec.DataSetId}' already matches; nothing to do.");
            status = "Unchanged";
        }
        else
        {
            var changes = new List<string>();
            if (!sourceOk)
            {
                changes.Add(source is null ? $"create Athena data source '{spec.DataSourceId}' on workgroup {spec.WorkGroup}" : $"point data source '{spec.DataSourceId}' at workgroup {spec.WorkGroup}");
            }

            if (!definitionOk)
            {
                changes.Add(existing is null ? $"create {spec.ImportMode} data set over \"{spec.Catalog}\".\"{spec.Database}\".\"{spec.Table}\"" : "update the data set definition");
            }

            if (missingGrants)
            {
                changes.Add("grant permissions to " + string.Join(", ", spec.Principals));
            }

            if (refresh)
            {
                changes.Add("start a SPICE import");
            }

            if (!await ShouldProcessAsync($"QuickSight data set '{spec.DataSetId}' in account {account}", string.Join("; ", changes)))
            {
                return;
            }

            var (dataSourceArn, _) = await Step(ErrorPrefix, QuickSightClient.CreateDataSourceOperation.Name, spec.DataSourceId, $"data source '{spec.DataSourceId}'",
                () => service.EnsureDataSourceAsync(spec, Waiting(73, timeout), cancellationToken));
            (status, arn, ingestionId) = await Step(ErrorPrefix, existing is null ? QuickSightClient.CreateDataSetOperation.Name : QuickSightClient.UpdateDataSetOperation.Name, spec.DataSetId, subject,
                () => service.EnsureDataSetAsync(spec, dataSourceArn, cancellationToken));
            var granted = await Step(ErrorPrefix, QuickSightClient.UpdateDataSetPermissionsOperation.Name, spec.DataSetId, subject, () => service.GrantAsync(spec, cancellationToken));
            if (status == "Unchanged" && granted > 0)
            {
                status = "Updated";
            }

            if (spec.ImportMode == "SPICE" && ingestionId is null && (status == "Created" || refresh))
            {
                ingestionId = (await Step(ErrorPrefix, QuickSightClient.CreateIngestionOperation.Name, spec.DataSetId, subject, () => service.StartIngestionAsync(account, spec.DataSetId, cancellationToken))).IngestionId;
            }
        }

        var described = await Step(ErrorPrefix, QuickSightClient.DescribeDataSetOperation.Name, spec.DataSetId, subject, () => service.FindDataSetAsync(account, spec.DataSetId, cancellationToken));
        var finalPermissions = await Step(ErrorPrefix, QuickSightClient.DescribeDataSetPermissionsOperation.Name, spec.DataSetId, subject, () => service.DataSetPermissionsAsync(account, spec.DataSetId, cancellationToken));
        var result = Describe(described ?? new DataSet { DataSetId = spec.DataSetId, Name = spec.DataSetName, Arn = arn, ImportMode = spec.ImportMode }, finalPermissions, account, connection);
        result.Status = status;
        result.WorkGroup = spec.WorkGroup;
        result.Catalog = spec.Catalog;
        result.Database = spec.Database;
        result.TableName = spec.Table;
        result.DataSourceId = spec.DataSourceId;
        result.IngestionId = ingestionId;

        if (ingestionId is not null)
        {
            if (Wait)
            {
                var done = await Step(ErrorPrefix, QuickSightClient.DescribeIngestionOperation.Name, ingestionId, subject,
                    () => service.WaitForIngestionAsync(account, spec.DataSetId, ingestionId, Waiting(74, timeout), cancellationToken));
                EmitProgress(new ProgressRecord(74, $"Importing data set {spec.DataSetId} into SPICE", "Done") { RecordType = ProgressRecordType.Completed });
                result.IngestionStatus = done.Last.IngestionStatus;
                result.RowsIngested = done.Last.RowInfo?.RowsIngested;
                result.RowsDropped = done.Last.RowInfo?.RowsDropped;
                if (done.State != Aws.Waiters.WaitState.Success)
                {
                    Emit(result);
                    throw KvsErrors.Terminating(
                        $"The SPICE import {ingestionId} of data set '{spec.DataSetId}' ended {done.Last.IngestionStatus}: {done.Last.ErrorInfo?.Type} {done.Last.ErrorInfo?.Message}",
                        ErrorPrefix + "IngestionFailed",
                        ErrorCategory.InvalidResult,
                        ingestionId,
                        "Fix the cause (often QuickSight's role lacking the connector or bucket policies: Add-KvsQuickSightPolicy), then New-KvsQuickSightDataSet -Refresh -Wait.");
                }
            }
            else
            {
                result.IngestionStatus = "QUEUED";
            }
        }

        Emit(result);
    }
}
