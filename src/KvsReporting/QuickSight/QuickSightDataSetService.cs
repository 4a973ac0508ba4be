using Amazon.Runtime;
using KvsReporting.Aws.QuickSight;
using KvsReporting.Aws.Waiters;

namespace KvsReporting.QuickSight;

/// <summary>What New-KvsQuickSightDataSet asks for.</summary>
public sealed record DataSetSpec(
    string AwsAccountId,
    string DataSetId,
    string DataSetName,
    string DataSourceId,
    string WorkGroup,
    string Catalog,
    string Database,
    string Table,
    string ImportMode,
    IReadOnlyList<string> Principals);

/// <summary>
/// Makes QuickSight match a <see cref="DataSetSpec"/>: Athena data source on the workgroup, the typed data set,
/// permissions for the principals. Each step reads first and writes only what differs.
/// </summary>
public sealed class QuickSightDataSetService(QuickSightClient quickSight)
{
    public async Task<DataSource?> FindDataSourceAsync(string accountId, string dataSourceId, CancellationToken cancellationToken)
    {
        try
        {
            return (await quickSight.DescribeDataSourceAsync(new DescribeDataSourceRequest { AwsAccountId = accountId, DataSourceId = dataSourceId }, cancellationToken)).DataSource;
        }
        catch (AmazonServiceException ex) when (QuickSightClient.IsNotFound(ex))
        {
            return null;
        }
    }

    public async Task<DataSet?> FindDataSetAsync(string accountId, string dataSetId, CancellationToken cancellationToken)
    {
        try
        {
            return (await quickSight.DescribeDataSetAsync(new DescribeDataSetRequest { AwsAccountId = accountId, DataSetId = dataSetId }, cancellationToken)).DataSet;
        }
        catch (AmazonServiceException ex) when (QuickSightClient.IsNotFound(ex))
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ResourcePermission>> DataSetPermissionsAsync(string accountId, string dataSetId, CancellationToken cancellationToken) =>
        (await quickSight.DescribeDataSetPermissionsAsync(new DescribeDataSetPermissionsRequest { AwsAccountId = accountId, DataSetId = dataSetId }, cancellationToken)).Permissions ?? [];

    /// <summary>Creates or updates the Athena data source; returns its ARN and whether anything was written.</summary>
    public async Task<(string Arn, bool Written)> EnsureDataSourceAsync(DataSetSpec spec, WaitOptions wait, CancellationToken cancellationToken)
    {
        var parameters = new DataSourceParameters { AthenaParameters = new AthenaParameters { WorkGroup = spec.WorkGroup } };
        var existing = await FindDataSourceAsync(spec.AwsAccountId, spec.DataSourceId, cancellationToken);
        if (existing is not null && existing.Type == "ATHENA" && existing.DataSourceParameters?.AthenaParameters?.WorkGroup == spec.WorkGroup
            && existing.Status is not (ResourceStatus.CreationFailed or ResourceStatus.UpdateFailed))
        {
            return (existing.Arn!, false);
        }

        if (existing is null)
        {
            await CreateOrAcceptAsync(() => quickSight.CreateDataSourceAsync(new CreateDataSourceRequest
            {
                AwsAccountId = spec.AwsAccountId,
                DataSourceId = spec.DataSourceId,
                Name = $"Athena {spec.WorkGroup}",
                Type = "ATHENA",
                DataSourceParameters = parameters,
                Permissions = spec.Principals.Count == 0 ? null : spec.Principals.Select(p => new ResourcePermission { Principal = p, Actions = DetectionDataSetDefinition.DataSourceActions }).ToList(),
            }, cancellationToken));
        }
        else
        {
            await quickSight.UpdateDataSourceAsync(new UpdateDataSourceRequest
            {
                AwsAccountId = spec.AwsAccountId,
                DataSourceId = spec.DataSourceId,
                Name = existing.Name ?? $"Athena {spec.WorkGroup}",
                DataSourceParameters = parameters,
            }, cancellationToken);
        }

        var done = await Waiter.WaitAsync(
            $"QuickSight data source {spec.DataSourceId}",
            ct => FindDataSourceAsync(spec.AwsAccountId, spec.DataSourceId, ct),
            source => source?.Status switch
            {
                ResourceStatus.CreationSuccessful or ResourceStatus.UpdateSuccessful => (WaitState.Success, source.Status),
                ResourceStatus.CreationFailed or ResourceStatus.UpdateFailed => (WaitState.Failure, $"{source.Status}: {source.ErrorInfo?.Type} {source.ErrorInfo?.Message}"),
                var other => (WaitState.Pending, other ?? "UNKNOWN"),
            },
            wait,
            cancellationToken);
        if (done.State != WaitState.Success)
        {
            throw new QuickSightStepException($"QuickSight could not {(existing is null ? "create" : "update")} the Athena data source {spec.DataSourceId}: {done.Status}. QuickSight must be allowed to use Athena and the workgroup {spec.WorkGroup}.");
        }

        return (done.Last!.Arn!, true);
    }

    /// <summary>Creates or updates the data set; returns Created/Updated/Unchanged and the ingestion QuickSight started, if any.</summary>
    public async Task<(string Status, string? Arn, string? IngestionId)> EnsureDataSetAsync(DataSetSpec spec, string dataSourceArn, CancellationToken cancellationToken)
    {
        var physical = DetectionDataSetDefinition.PhysicalTables(dataSourceArn, spec.Catalog, spec.Database, spec.Table);
        var logical = DetectionDataSetDefinition.LogicalTables();
        var existing = await FindDataSetAsync(spec.AwsAccountId, spec.DataSetId, cancellationToken);
        if (existing is null)
        {
            CreateDataSetResponse created;
            try
            {
                created = await quickSight.CreateDataSetAsync(new CreateDataSetRequest
            {
                AwsAccountId = spec.AwsAccountId,
                DataSetId = spec.DataSetId,
                Name = spec.DataSetName,
                PhysicalTableMap = physical,
                LogicalTableMap = logical,
                ImportMode = spec.ImportMode,
                Permissions = spec.Principals.Count == 0 ? null : spec.Principals.Select(p => new ResourcePermission { Principal = p, Actions = DetectionDataSetDefinition.DataSetActions }).ToList(),
            }, cancellationToken);
            }
            catch (AmazonServiceException ex) when (ex.ErrorCode == "ResourceExistsException")
            {
                // A retry of a create QuickSight had already applied: the data set is ours, with its first import.
                var applied = await FindDataSetAsync(spec.AwsAccountId, spec.DataSetId, cancellationToken);
                if (applied is null || !DetectionDataSetDefinition.SameDefinition(applied, physical, logical, spec.ImportMode, spec.DataSetName))
                {
                    throw;
                }

                return ("Created", applied.Arn, null);
            }

            return ("Created", created.Arn, created.IngestionId);
        }

        if (DetectionDataSetDefinition.SameDefinition(existing, physical, logical, spec.ImportMode, spec.DataSetName))
        {
            return ("Unchanged", existing.Arn, null);
        }

        var updated = await quickSight.UpdateDataSetAsync(new UpdateDataSetRequest
        {
            AwsAccountId = spec.AwsAccountId,
            DataSetId = spec.DataSetId,
            Name = spec.DataSetName,
            PhysicalTableMap = physical,
            LogicalTableMap = logical,
            ImportMode = spec.ImportMode,
        }, cancellationToken);
        return ("Updated", updated.Arn ?? existing.Arn, updated.IngestionId);
    }

    /// <summary>Grants the principals the data set's owner actions they lack; returns how many were granted.</summary>
    public async Task<int> GrantAsync(DataSetSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Principals.Count == 0)
        {
            return 0;
        }

        var current = await DataSetPermissionsAsync(spec.AwsAccountId, spec.DataSetId, cancellationToken);
        var grants = spec.Principals
            .Select(p => new ResourcePermission
            {
                Principal = p,
                Actions = DetectionDataSetDefinition.DataSetActions
                    .Except(current.Where(c => c.Principal == p).SelectMany(c => c.Actions), StringComparer.OrdinalIgnoreCase)
                    .ToList(),
            })
            .Where(g => g.Actions.Count > 0)
            .ToList();
        if (grants.Count > 0)
        {
            await quickSight.UpdateDataSetPermissionsAsync(new UpdateDataSetPermissionsRequest { AwsAccountId = spec.AwsAccountId, DataSetId = spec.DataSetId, GrantPermissions = grants }, cancellationToken);
        }

        return grants.Count;
    }

    private static async Task CreateOrAcceptAsync(Func<Task> create)
    {
        try
        {
            await create();
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "ResourceExistsException")
        {
            // A retried create that QuickSight had applied; the caller reads the resource back and checks it.
        }
    }

    public async Task<Ingestion> StartIngestionAsync(string accountId, string dataSetId, CancellationToken cancellationToken)
    {
        var id = "kvs-" + DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            var started = await quickSight.CreateIngestionAsync(new CreateIngestionRequest { AwsAccountId = accountId, DataSetId = dataSetId, IngestionId = id, IngestionType = "FULL_REFRESH" }, cancellationToken);
            return new Ingestion { Arn = started.Arn ?? string.Empty, IngestionId = started.IngestionId ?? id, IngestionStatus = started.IngestionStatus ?? "INITIALIZED" };
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "ResourceExistsException")
        {
            // The ingestion id is ours and unique per call: "exists" means a retry of an applied create.
            return new Ingestion { IngestionId = id, IngestionStatus = "INITIALIZED" };
        }
    }

    public Task<WaitResult<Ingestion>> WaitForIngestionAsync(string accountId, string dataSetId, string ingestionId, WaitOptions wait, CancellationToken cancellationToken) =>
        IngestionWaiter.IngestionCompleteAsync(quickSight, accountId, dataSetId, ingestionId, wait, cancellationToken);

    /// <summary>Deletes the data set (and the data source when asked); returns what was deleted.</summary>
    public async Task<(bool DataSet, bool DataSource)> RemoveAsync(string accountId, string dataSetId, string? dataSourceId, CancellationToken cancellationToken)
    {
        var dataSet = false;
        if (await FindDataSetAsync(accountId, dataSetId, cancellationToken) is not null)
        {
            await quickSight.DeleteDataSetAsync(new DeleteDataSetRequest { AwsAccountId = accountId, DataSetId = dataSetId }, cancellationToken);
            dataSet = true;
        }

        var dataSource = false;
        if (dataSourceId is not null && await FindDataSourceAsync(accountId, dataSourceId, cancellationToken) is not null)
        {
            await quickSight.DeleteDataSourceAsync(new DeleteDataSourceRequest { AwsAccountId = accountId, DataSourceId = dataSourceId }, cancellationToken);
            dataSource = true;
        }

        return (dataSet, dataSource);
    }
}

/// <summary>A QuickSight step that ended in a failed state.</summary>
public sealed class QuickSightStepException : Exception
{
    public QuickSightStepException()
    {
    }

    public QuickSightStepException(string message)
        : base(message)
    {
    }

    public QuickSightStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
