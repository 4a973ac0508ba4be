using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.Lambda;

// Lambda GetFunction (REST-JSON, API 2015-03-31). LastModified is a string in Lambda's model, not a timestamp.

public sealed record GetFunctionRequest
{



    /// <summary>Name, partial ARN or full ARN.</summary>
    [AwsLocation(AwsMemberLocation.Uri, "FunctionName")]
    public string FunctionName { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.QueryString, "Qualifier")]
    public string? Qualifier { get; init; }
}

public sealed record GetFunctionResponse
{
    public FunctionConfiguration? Configuration { get; init; }

    public FunctionCodeLocation? Code { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

public sealed record FunctionConfiguration
{
    public string? FunctionName { get; init; }

    public string? FunctionArn { get; init; }

    public string? Runtime { get; init; }

    public string? Role { get; init; }

    public string? Handler { get; init; }

    public long? CodeSize { get; init; }

    public string? Description { get; init; }

    public int? Timeout { get; init; }

    public int? MemorySize { get; init; }

    /// <summary>ISO 8601 text as Lambda sends it.</summary>
    public string? LastModified { get; init; }

    public string? Version { get; init; }

    public EnvironmentResponse? Environment { get; init; }

    /// <summary>Pending, Active, Inactive or Failed.</summary>
    public string? State { get; init; }

    public string? StateReason { get; init; }

    public string? LastUpdateStatus { get; init; }

    public string? PackageType { get; init; }
}

public sealed record EnvironmentResponse
{
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
}

public sealed record FunctionCodeLocation
{
    public string? RepositoryType { get; init; }

    public string? Location { get; init; }
}
