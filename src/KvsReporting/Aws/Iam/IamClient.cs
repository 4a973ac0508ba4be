using System.Runtime.CompilerServices;
using Amazon.Runtime;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.Iam;

/// <summary>IAM (Query protocol, one global endpoint): the role and inline-policy operations the module uses.</summary>
public sealed class IamClient : KvsServiceClient
{
    public static readonly KvsServiceDescription Description =
        new("IAM", "iam", "iam", "2010-05-08", AwsProtocol.Query, GlobalEndpoint: "iam");

    public static readonly AwsOperation GetRoleOperation = new("GetRole");
    public static readonly AwsOperation ListRolesOperation = new("ListRoles");
    public static readonly AwsOperation GetRolePolicyOperation = new("GetRolePolicy");
    public static readonly AwsOperation PutRolePolicyOperation = new("PutRolePolicy");
    public static readonly AwsOperation DeleteRolePolicyOperation = new("DeleteRolePolicy");
    public static readonly AwsOperation ListRolePoliciesOperation = new("ListRolePolicies");
    public static readonly AwsOperation ListAttachedRolePoliciesOperation = new("ListAttachedRolePolicies");
    public static readonly AwsOperation SimulatePrincipalPolicyOperation = new("SimulatePrincipalPolicy");

    public IamClient(AWSCredentials credentials, KvsServiceConfig config)
        : base(credentials, config)
    {
    }

    public Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetRoleResponse>(GetRoleOperation, request, cancellationToken);

    public Task<ListRolesResponse> ListRolesAsync(ListRolesRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListRolesResponse>(ListRolesOperation, request, cancellationToken);

    /// <summary>The inline policy; its document is URL-decoded here so callers always see plain JSON.</summary>
    public async Task<GetRolePolicyResponse> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<GetRolePolicyResponse>(GetRolePolicyOperation, request, cancellationToken).ConfigureAwait(false);
        return response with { PolicyDocument = PolicyDocuments.Decode(response.PolicyDocument) };
    }

    public Task<IamEmptyResponse> PutRolePolicyAsync(PutRolePolicyRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<IamEmptyResponse>(PutRolePolicyOperation, request, cancellationToken);

    public Task<IamEmptyResponse> DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<IamEmptyResponse>(DeleteRolePolicyOperation, request, cancellationToken);

    public Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListRolePoliciesResponse>(ListRolePoliciesOperation, request, cancellationToken);

    public Task<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListAttachedRolePoliciesResponse>(ListAttachedRolePoliciesOperation, request, cancellationToken);

    public Task<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SimulatePrincipalPolicyResponse>(SimulatePrincipalPolicyOperation, request, cancellationToken);

    /// <summary>Every inline policy name of a role (all pages).</summary>
    public async IAsyncEnumerable<string> ListAllRolePolicyNamesAsync(string roleName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = roleName, Marker = marker }, cancellationToken).ConfigureAwait(false);
            foreach (var name in page.PolicyNames)
            {
                yield return name;
            }

            marker = page.IsTruncated == true ? page.Marker : null;
        }
        while (!string.IsNullOrEmpty(marker));
    }

    /// <summary>Every managed policy attached to a role (all pages).</summary>
    public async IAsyncEnumerable<AttachedPolicy> ListAllAttachedRolePoliciesAsync(string roleName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest { RoleName = roleName, Marker = marker }, cancellationToken).ConfigureAwait(false);
            foreach (var policy in page.AttachedPolicies)
            {
                yield return policy;
            }

            marker = page.IsTruncated == true ? page.Marker : null;
        }
        while (!string.IsNullOrEmpty(marker));
    }
}

/// <summary>Output of operations without a result element.</summary>
public sealed record IamEmptyResponse;
