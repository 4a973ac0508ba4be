namespace KvsReporting.Aws.Iam;

// Request and response models for the IAM operations the module uses (Query protocol, API 2010-05-08).
// Member names and casing are botocore's; a conformance test checks every request built from them.

public sealed record GetRoleRequest
{
    public string RoleName { get; init; } = string.Empty;
}

public sealed record GetRoleResponse
{
    public Role? Role { get; init; }
}

public sealed record Role
{
    public string Path { get; init; } = "/";

    public string RoleName { get; init; } = string.Empty;

    public string RoleId { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    public DateTimeOffset CreateDate { get; init; }

    /// <summary>URL-encoded JSON as IAM returns it; see <see cref="PolicyDocuments.Decode"/>.</summary>
    public string? AssumeRolePolicyDocument { get; init; }

    public string? Description { get; init; }

    public int? MaxSessionDuration { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public RoleLastUsed? RoleLastUsed { get; init; }
}

public sealed record RoleLastUsed
{
    public DateTimeOffset? LastUsedDate { get; init; }

    public string? Region { get; init; }
}

public sealed record Tag
{
    public string Key { get; init; } = string.Empty;

    public string Value { get; init; } = string.Empty;
}

public sealed record ListRolesRequest
{
    public string? PathPrefix { get; init; }

    public string? Marker { get; init; }

    public int? MaxItems { get; init; }
}

public sealed record ListRolesResponse
{
    public IReadOnlyList<Role> Roles { get; init; } = [];

    public bool? IsTruncated { get; init; }

    public string? Marker { get; init; }
}

public sealed record GetRolePolicyRequest
{
    public string RoleName { get; init; } = string.Empty;

    public string PolicyName { get; init; } = string.Empty;
}

public sealed record GetRolePolicyResponse
{
    public string RoleName { get; init; } = string.Empty;

    public string PolicyName { get; init; } = string.Empty;

    /// <summary>URL-encoded JSON as IAM returns it; see <see cref="PolicyDocuments.Decode"/>.</summary>
    public string PolicyDocument { get; init; } = string.Empty;
}

public sealed record PutRolePolicyRequest
{
    public string RoleName { get; init; } = string.Empty;

    public string PolicyName { get; init; } = string.Empty;

    /// <summary>Plain JSON (the form encoding escapes it).</summary>
    public string PolicyDocument { get; init; } = string.Empty;
}

public sealed record DeleteRolePolicyRequest
{
    public string RoleName { get; init; } = string.Empty;

    public string PolicyName { get; init; } = string.Empty;
}

public sealed record ListRolePoliciesRequest
{
    public string RoleName { get; init; } = string.Empty;

    public string? Marker { get; init; }

    public int? MaxItems { get; init; }
}

public sealed record ListRolePoliciesResponse
{
    public IReadOnlyList<string> PolicyNames { get; init; } = [];

    public bool? IsTruncated { get; init; }

    public string? Marker { get; init; }
}

public sealed record ListAttachedRolePoliciesRequest
{
    public string RoleName { get; init; } = string.Empty;

    public string? PathPrefix { get; init; }

    public string? Marker { get; init; }

    public int? MaxItems { get; init; }
}

public sealed record ListAttachedRolePoliciesResponse
{
    public IReadOnlyList<AttachedPolicy> AttachedPolicies { get; init; } = [];

    public bool? IsTruncated { get; init; }

    public string? Marker { get; init; }
}

public sealed record AttachedPolicy
{
    public string? PolicyName { get; init; }

    public string? PolicyArn { get; init; }
}

public sealed record SimulatePrincipalPolicyRequest
{
    public string PolicySourceArn { get; init; } = string.Empty;

    public IReadOnlyList<string>? PolicyInputList { get; init; }

    public IReadOnlyList<string> ActionNames { get; init; } = [];

    public IReadOnlyList<string>? ResourceArns { get; init; }

    public string? Marker { get; init; }

    public int? MaxItems { get; init; }
}

public sealed record SimulatePrincipalPolicyResponse
{
    public IReadOnlyList<EvaluationResult> EvaluationResults { get; init; } = [];

    public bool? IsTruncated { get; init; }

    public string? Marker { get; init; }
}

public sealed record EvaluationResult
{
    public string EvalActionName { get; init; } = string.Empty;

    public string? EvalResourceName { get; init; }

    /// <summary>allowed, explicitDeny or implicitDeny.</summary>
    public string EvalDecision { get; init; } = string.Empty;

    public IReadOnlyList<string>? MissingContextValues { get; init; }
}
