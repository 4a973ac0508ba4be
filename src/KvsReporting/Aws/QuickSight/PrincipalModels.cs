using System.Text.Json.Serialization;
using KvsReporting.Aws.Shapes;

namespace KvsReporting.Aws.QuickSight;

public sealed record ListUsersRequest : IRestJsonRequest
{
    string IRestJsonRequest.OperationName => "ListUsers";

    HttpMethod IRestJsonRequest.Method => HttpMethod.Get;

    string IRestJsonRequest.BuildPath() =>
        $"/accounts/{RestJson.Segment(AwsAccountId)}/namespaces/{RestJson.Segment(Namespace)}/users";

    IEnumerable<KeyValuePair<string, string>> IRestJsonRequest.QueryParameters() => Paging.Query(NextToken, MaxResults);

    [JsonIgnore]
    public string AwsAccountId { get; init; } = string.Empty;

    [JsonIgnore]
    public string Namespace { get; init; } = "default";

    [JsonIgnore]
    public string? NextToken { get; init; }

    [JsonIgnore]
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

public sealed record ListGroupsRequest : IRestJsonRequest
{
    string IRestJsonRequest.OperationName => "ListGroups";

    HttpMethod IRestJsonRequest.Method => HttpMethod.Get;

    string IRestJsonRequest.BuildPath() =>
        $"/accounts/{RestJson.Segment(AwsAccountId)}/namespaces/{RestJson.Segment(Namespace)}/groups";

    IEnumerable<KeyValuePair<string, string>> IRestJsonRequest.QueryParameters() => Paging.Query(NextToken, MaxResults);

    [JsonIgnore]
    public string AwsAccountId { get; init; } = string.Empty;

    [JsonIgnore]
    public string Namespace { get; init; } = "default";

    [JsonIgnore]
    public string? NextToken { get; init; }

    [JsonIgnore]
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

internal static class Paging
{
    public static IEnumerable<KeyValuePair<string, string>> Query(string? nextToken, int? maxResults)
    {
        if (nextToken is not null)
        {
            yield return new("next-token", nextToken);
        }

        if (maxResults is { } max)
        {
            yield return new("max-results", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
