using Amazon.Runtime;
using KvsReporting.Aws.Iam;

namespace KvsReporting.QuickSight;

/// <summary>Reads and writes the role's inline policies; a missing policy or role reads as null.</summary>
public sealed class QuickSightPolicyStore(IamClient iam)
{
    public async Task<Role?> FindRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        try
        {
            return (await iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, cancellationToken).ConfigureAwait(false)).Role;
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "NoSuchEntity")
        {
            return null;
        }
    }

    /// <summary>The decoded document, or null when the role has no inline policy of that name.</summary>
    public async Task<string?> FindPolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = roleName, PolicyName = policyName }, cancellationToken).ConfigureAwait(false);
            return response.PolicyDocument;
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "NoSuchEntity")
        {
            return null;
        }
    }

    public Task PutAsync(string roleName, string policyName, string document, CancellationToken cancellationToken) =>
        iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = roleName, PolicyName = policyName, PolicyDocument = document }, cancellationToken);

    /// <summary>Deletes the policy; false when it was already absent.</summary>
    public async Task<bool> DeleteAsync(string roleName, string policyName, CancellationToken cancellationToken)
    {
        try
        {
            await iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = roleName, PolicyName = policyName }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "NoSuchEntity")
        {
            return false;
        }
    }
}
