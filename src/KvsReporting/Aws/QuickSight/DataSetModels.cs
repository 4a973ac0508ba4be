using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.QuickSight;

public sealed record CreateDataSetRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    public string DataSetId { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, PhysicalTable> PhysicalTableMap { get; init; } = new Dictionary<string, PhysicalTable>();

    public IReadOnlyDictionary<string, LogicalTable>? LogicalTableMap { get; init; }

    /// <summary>SPICE or DIRECT_QUERY.</summary>
    public string ImportMode { get; init; } = "SPICE";

    public IReadOnlyList<ResourcePermission>? Permissions { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record CreateDataSetResponse : QuickSightResponse
{
    public string? Arn { get; init; }

    public string? DataSetId { get; init; }

    public string? IngestionArn { get; init; }

    public string? IngestionId { get; init; }
}

public sealed record DescribeDataSetRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSetId")]
    public string DataSetId { get; init; } = string.Empty;
}

public sealed record DescribeDataSetResponse : QuickSightResponse
{
    public DataSet? DataSet { get; init; }
}

public sealed record DataSet
{
    public string? Arn { get; init; }

    public string? DataSetId { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset? CreatedTime { get; init; }

    public DateTimeOffset? LastUpdatedTime { get; init; }

    public IReadOnlyDictionary<string, PhysicalTable>? PhysicalTableMap { get; init; }

    public IReadOnlyDictionary<string, LogicalTable>? LogicalTableMap { get; init; }

    public IReadOnlyList<OutputColumn>? OutputColumns { get; init; }

    public string? ImportMode { get; init; }

    public long? ConsumedSpiceCapacityInBytes { get; init; }
}

public sealed record UpdateDataSetRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSetId")]
    public string DataSetId { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, PhysicalTable> PhysicalTableMap { get; init; } = new Dictionary<string, PhysicalTable>();

    public IReadOnlyDictionary<string, LogicalTable>? LogicalTableMap { get; init; }

    public string ImportMode { get; init; } = "SPICE";
}

public sealed record UpdateDataSetResponse : QuickSightResponse
{
    public string? Arn { get; init; }

    public string? DataSetId { get; init; }

    public string? IngestionArn { get; init; }

    public string? IngestionId { get; init; }
}

public sealed record DeleteDataSetRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSetId")]
    public string DataSetId { get; init; } = string.Empty;
}

public sealed record DeleteDataSetResponse : QuickSightResponse
{
    public string? Arn { get; init; }

    public string? DataSetId { get; init; }
}

public sealed record DescribeDataSetPermissionsRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSetId")]
    public string DataSetId { get; init; } = string.Empty;
}

public sealed record DescribeDataSetPermissionsResponse : QuickSightResponse
{
    public string? DataSetArn { get; init; }

    public string? DataSetId { get; init; }

    public IReadOnlyList<ResourcePermission>? Permissions { get; init; }
}

public sealed record UpdateDataSetPermissionsRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSetId")]
    public string DataSetId { get; init; } = string.Empty;

    public IReadOnlyList<ResourcePermission>? GrantPermissions { get; init; }

    public IReadOnlyList<ResourcePermission>? RevokePermissions { get; init; }
}

public sealed record UpdateDataSetPermissionsResponse : QuickSightResponse
{
    public string? DataSetArn { get; init; }

    public string? DataSetId { get; init; }
}
