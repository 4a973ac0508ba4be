namespace KvsReporting.Aws.CloudFormation;

// Stack operations of CloudFormation (Query protocol, API 2010-05-15). Names and casing are botocore's.

public sealed record Parameter
{
    public string? ParameterKey { get; init; }

    public string? ParameterValue { get; init; }

    public bool? UsePreviousValue { get; init; }

    public string? ResolvedValue { get; init; }
}

public sealed record Tag
{
    public string Key { get; init; } = string.Empty;

    public string Value { get; init; } = string.Empty;
}

public sealed record Output
{
    public string? OutputKey { get; init; }

    public string? OutputValue { get; init; }

    public string? Description { get; init; }

    public string? ExportName { get; init; }
}

public sealed record CreateStackRequest
{
    public string StackName { get; init; } = string.Empty;

    public string? TemplateBody { get; init; }

    public string? TemplateURL { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public bool? DisableRollback { get; init; }

    public int? TimeoutInMinutes { get; init; }

    /// <summary>CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    public string? RoleARN { get; init; }

    /// <summary>DO_NOTHING, ROLLBACK or DELETE.</summary>
    public string? OnFailure { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>Makes a retried create idempotent: CloudFormation ignores a second request with the same token.</summary>
    public string? ClientRequestToken { get; init; }

    public bool? EnableTerminationProtection { get; init; }
}

public sealed record CreateStackResponse
{
    public string? StackId { get; init; }
}

public sealed record UpdateStackRequest
{
    public string StackName { get; init; } = string.Empty;

    public string? TemplateBody { get; init; }

    public string? TemplateURL { get; init; }

    public bool? UsePreviousTemplate { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public IReadOnlyList<string>? Capabilities { get; init; }

    public string? RoleARN { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public bool? DisableRollback { get; init; }

    public string? ClientRequestToken { get; init; }
}

public sealed record UpdateStackResponse
{
    public string? StackId { get; init; }
}

public sealed record DescribeStacksRequest
{
    public string? StackName { get; init; }

    public string? NextToken { get; init; }
}

public sealed record DescribeStacksResponse
{
    public IReadOnlyList<CloudFormationStack> Stacks { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>The model's Stack shape (renamed: KvsReporting.Stack is a namespace).</summary>
public sealed record CloudFormationStack
{
    public string? StackId { get; init; }

    public string StackName { get; init; } = string.Empty;

    public string? ChangeSetId { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset? DeletionTime { get; init; }

    public DateTimeOffset? LastUpdatedTime { get; init; }

    public string StackStatus { get; init; } = string.Empty;

    public string? StackStatusReason { get; init; }

    public bool? DisableRollback { get; init; }

    public int? TimeoutInMinutes { get; init; }

    public IReadOnlyList<string>? Capabilities { get; init; }

    public IReadOnlyList<Output>? Outputs { get; init; }

    public string? RoleARN { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public bool? EnableTerminationProtection { get; init; }

    public string? ParentId { get; init; }

    public string? RootId { get; init; }
}

public sealed record DescribeStackEventsRequest
{
    public string? StackName { get; init; }

    public string? NextToken { get; init; }
}

public sealed record DescribeStackEventsResponse
{
    public IReadOnlyList<StackEvent> StackEvents { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed record StackEvent
{
    public string StackId { get; init; } = string.Empty;

    public string EventId { get; init; } = string.Empty;

    public string StackName { get; init; } = string.Empty;

    public string? LogicalResourceId { get; init; }

    public string? PhysicalResourceId { get; init; }

    public string? ResourceType { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public string? ResourceStatus { get; init; }

    public string? ResourceStatusReason { get; init; }

    public string? ClientRequestToken { get; init; }
}

public sealed record DescribeStackResourcesRequest
{
    public string? StackName { get; init; }

    public string? LogicalResourceId { get; init; }

    public string? PhysicalResourceId { get; init; }
}

public sealed record DescribeStackResourcesResponse
{
    public IReadOnlyList<StackResource> StackResources { get; init; } = [];
}

public sealed record StackResource
{
    public string? StackName { get; init; }

    public string? StackId { get; init; }

    public string LogicalResourceId { get; init; } = string.Empty;

    public string? PhysicalResourceId { get; init; }

    public string ResourceType { get; init; } = string.Empty;

    public DateTimeOffset Timestamp { get; init; }

    public string ResourceStatus { get; init; } = string.Empty;

    public string? ResourceStatusReason { get; init; }

    public string? Description { get; init; }
}

public sealed record DeleteStackRequest
{
    public string StackName { get; init; } = string.Empty;

    public IReadOnlyList<string>? RetainResources { get; init; }

    public string? RoleARN { get; init; }

    public string? ClientRequestToken { get; init; }
}

public sealed record GetTemplateRequest
{
    public string? StackName { get; init; }

    public string? ChangeSetName { get; init; }

    /// <summary>Original or Processed.</summary>
    public string? TemplateStage { get; init; }
}

public sealed record GetTemplateResponse
{
    public string? TemplateBody { get; init; }

    public IReadOnlyList<string>? StagesAvailable { get; init; }
}

public sealed record ValidateTemplateRequest
{
    public string? TemplateBody { get; init; }

    public string? TemplateURL { get; init; }
}

public sealed record ValidateTemplateResponse
{
    public IReadOnlyList<TemplateParameter> Parameters { get; init; } = [];

    public string? Description { get; init; }

    public IReadOnlyList<string>? Capabilities { get; init; }

    public string? CapabilitiesReason { get; init; }

    public IReadOnlyList<string>? DeclaredTransforms { get; init; }
}

public sealed record TemplateParameter
{
    public string? ParameterKey { get; init; }

    public string? DefaultValue { get; init; }

    public bool? NoEcho { get; init; }

    public string? Description { get; init; }
}
