using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.QuickSight;

public sealed record ListUsersRequest
{



    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "Namespace")]
    public string Namespace { get; init; } = "default";

    [AwsLocation(AwsMemberLocation.QueryString, "next-token")]
    public string? NextToken { get; init; }

    [AwsLocation(AwsMemberLocation.QueryString, "max-results")]
    public int? MaxResults { get; init; }
}

public sealed record ListUsersResponse : QuickSightResponse
{
    public IReadOnlyList<User> UserList { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed record User
{
    public string? Arn { get; init; }

    public string? UserName { get; init; }

    public string? Email { get; init; }

    public string? Role { get; init; }

    public string? IdentityType { get; init; }

    public bool? Active { get; init; }

    public string? PrincipalId { get; init; }
}

public sealed record ListGroupsRequest
{



    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "Namespace")]
    public string Namespace { get; init; } = "default";

    [AwsLocation(AwsMemberLocation.QueryString, "next-token")]
    public string? NextToken { get; init; }

    [AwsLocation(AwsMemberLocation.QueryString, "max-results")]
    public int? MaxResults { get; init; }
}

public sealed record ListGroupsResponse : QuickSightResponse
{
    public IReadOnlyList<Group> GroupList { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed record Group
{
    public string? Arn { get; init; }

    public string? GroupName { get; init; }

    public string? Description { get; init; }

    public string? PrincipalId { get; init; }
}
