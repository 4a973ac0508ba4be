namespace KvsReporting.Aws.CloudFormation;

// Change-set operations of CloudFormation (Query protocol). The Serverless Application Repository creates
// change sets in the caller's account; the module describes, executes and deletes them here.

public sealed record CreateChangeSetRequest
{
    public string StackName { get; init; } = string.Empty;

    public string? TemplateBody { get; init; }

    public string? TemplateURL { get; init; }

    public bool? UsePreviousTemplate { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public IReadOnlyList<string>? Capabilities { get; init; }

    public string? RoleARN { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public string ChangeSetName { get; init; } = string.Empty;

    public string? ClientToken { get; init; }

    public string? Description { get; init; }

    /// <summary>CREATE, UPDATE or IMPORT.</summary>
    public string? ChangeSetType { get; init; }
}

public sealed record CreateChangeSetResponse
{
    public string? Id { get; init; }

    public string? StackId { get; init; }
}

public sealed record DescribeChangeSetRequest
{
    public string ChangeSetName { get; init; } = string.Empty;

    public string? StackName { get; init; }

    public string? NextToken { get; init; }
}

public sealed record DescribeChangeSetResponse
{
    public string? ChangeSetName { get; init; }

    public string? ChangeSetId { get; init; }

    public string? StackId { get; init; }

    public string? StackName { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>UNAVAILABLE, AVAILABLE, EXECUTE_IN_PROGRESS, EXECUTE_COMPLETE, EXECUTE_FAILED, OBSOLETE.</summary>
    public string? ExecutionStatus { get; init; }

    /// <summary>CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, ..., FAILED.</summary>
    public string? Status { get; init; }

    public string? StatusReason { get; init; }

    public IReadOnlyList<string>? Capabilities { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public IReadOnlyList<Change>? Changes { get; init; }

    public string? NextToken { get; init; }
}

public sealed record Change
{
    public string? Type { get; init; }

    public ResourceChange? ResourceChange { get; init; }
}

public sealed record ResourceChange
{
    /// <summary>Add, Modify, Remove, Import or Dynamic.</summary>
    public string? Action { get; init; }

    public string? LogicalResourceId { get; init; }

    public string? PhysicalResourceId { get; init; }

    public string? ResourceType { get; init; }

    public string? Replacement { get; init; }
}

public sealed record ExecuteChangeSetRequest
{
    public string ChangeSetName { get; init; } = string.Empty;

    public string? StackName { get; init; }

    public string? ClientRequestToken { get; init; }

    public bool? DisableRollback { get; init; }
}

public sealed record DeleteChangeSetRequest
{
    public string ChangeSetName { get; init; } = string.Empty;

    public string? StackName { get; init; }
}
