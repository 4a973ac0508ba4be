using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.QuickSight;

// Shapes shared by QuickSight operations (REST-JSON, API 2018-04-01). Members are PascalCase on the wire;
// timestamps are epoch seconds. URI, query-string and status members carry [AwsLocation].

public sealed record ResourcePermission
{
    /// <summary>User, group or namespace ARN.</summary>
    public string Principal { get; init; } = string.Empty;

    public IReadOnlyList<string> Actions { get; init; } = [];
}

public sealed record Tag
{
    public string Key { get; init; } = string.Empty;

    public string Value { get; init; } = string.Empty;
}

/// <summary>Members every QuickSight response carries besides its payload.</summary>
public abstract record QuickSightResponse
{
    public string? RequestId { get; init; }

    /// <summary>The HTTP status (the model puts it in the status line, not the body).</summary>
    [AwsLocation(AwsMemberLocation.StatusCode, "Status")]
    public int Status { get; set; }
}

/// <summary>The QuickSight resource-status values (data sources and data sets).</summary>
public static class ResourceStatus
{
    public const string CreationInProgress = "CREATION_IN_PROGRESS";
    public const string CreationSuccessful = "CREATION_SUCCESSFUL";
    public const string CreationFailed = "CREATION_FAILED";
    public const string UpdateInProgress = "UPDATE_IN_PROGRESS";
    public const string UpdateSuccessful = "UPDATE_SUCCESSFUL";
    public const string UpdateFailed = "UPDATE_FAILED";
    public const string Deleted = "DELETED";
}
