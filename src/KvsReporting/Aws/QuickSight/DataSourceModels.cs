using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.QuickSight;

public sealed record DataSourceParameters
{
    public AthenaParameters? AthenaParameters { get; init; }
}

public sealed record AthenaParameters
{
    public string? WorkGroup { get; init; }

    public string? RoleArn { get; init; }
}

public sealed record SslProperties
{
    public bool? DisableSsl { get; init; }
}

public sealed record CreateDataSourceRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    public string DataSourceId { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    /// <summary>ATHENA for the module's use.</summary>
    public string Type { get; init; } = "ATHENA";

    public DataSourceParameters? DataSourceParameters { get; init; }

    public IReadOnlyList<ResourcePermission>? Permissions { get; init; }

    public SslProperties? SslProperties { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record CreateDataSourceResponse : QuickSightResponse
{
    public string? Arn { get; init; }

    public string? DataSourceId { get; init; }

    public string? CreationStatus { get; init; }
}

public sealed record DescribeDataSourceRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSourceId")]
    public string DataSourceId { get; init; } = string.Empty;
}

public sealed record DescribeDataSourceResponse : QuickSightResponse
{
    public DataSource? DataSource { get; init; }
}

public sealed record DataSource
{
    public string? Arn { get; init; }

    public string? DataSourceId { get; init; }

    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? Status { get; init; }

    public DateTimeOffset? CreatedTime { get; init; }

    public DateTimeOffset? LastUpdatedTime { get; init; }

    public DataSourceParameters? DataSourceParameters { get; init; }

    public SslProperties? SslProperties { get; init; }

    public DataSourceErrorInfo? ErrorInfo { get; init; }
}

public sealed record DataSourceErrorInfo
{
    public string? Type { get; init; }

    public string? Message { get; init; }
}

public sealed record UpdateDataSourceRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSourceId")]
    public string DataSourceId { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public DataSourceParameters? DataSourceParameters { get; init; }

    public SslProperties? SslProperties { get; init; }
}

public sealed record UpdateDataSourceResponse : QuickSightResponse
{
    public string? Arn { get; init; }

    public string? DataSourceId { get; init; }

    public string? UpdateStatus { get; init; }
}

public sealed record DeleteDataSourceRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSourceId")]
    public string DataSourceId { get; init; } = string.Empty;
}

public sealed record DeleteDataSourceResponse : QuickSightResponse
{
    public string? Arn { get; init; }

    public string? DataSourceId { get; init; }
}
