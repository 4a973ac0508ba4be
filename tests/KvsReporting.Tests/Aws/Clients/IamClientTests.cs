using Amazon.Runtime;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Iam;
using KvsReporting.Aws.Waiters;
using Xunit;

namespace KvsReporting.Tests.Aws.Clients;

/// <summary>IAM over signed HTTP against moto: roles and inline policies (the role is made by a stack).</summary>
[Collection("Moto")]
public sealed class IamClientTests
{
    [Fact]
    public async Task Inline_role_policies_round_trip_with_url_encoded_documents_decoded()
    {
        var rig = ClientRig.Require();
        var roleName = await CreateRoleAsync(rig);
        using var iam = rig.Client<IamClient>(IamClient.Description);

        var role = await iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName });
        Assert.Equal(roleName, role.Role!.RoleName);
        Assert.EndsWith(":role/" + roleName, role.Role.Arn, StringComparison.Ordinal);
        Assert.Contains("quicksight.amazonaws.com", PolicyDocuments.Decode(role.Role.AssumeRolePolicyDocument), StringComparison.Ordinal);

        // Spaces, '+' and quotes exercise both the form encoding and IAM's URL-encoded answer.
        const string document = """{"Version":"2012-10-17","Statement":[{"Sid":"A b+c","Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*"}]}""";
        await iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = roleName, PolicyName = "QuickSightLambdaAccess", PolicyDocument = document });

        var read = await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = roleName, PolicyName = "QuickSightLambdaAccess" });
        Assert.Equal(document, read.PolicyDocument);

        var names = new List<string>();
        await foreach (var name in iam.ListAllRolePolicyNamesAsync(roleName))
        {
            names.Add(name);
        }

        Assert.Equal(["QuickSightLambdaAccess"], names);

        var attached = new List<AttachedPolicy>();
        await foreach (var policy in iam.ListAllAttachedRolePoliciesAsync(roleName))
        {
            attached.Add(policy);
        }

        Assert.Empty(attached);

        var roles = await iam.ListRolesAsync(new ListRolesRequest { MaxItems = 1000 });
        Assert.Contains(roles.Roles, r => r.RoleName == roleName);

        await iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = roleName, PolicyName = "QuickSightLambdaAccess" });
        var gone = await Assert.ThrowsAnyAsync<AmazonServiceException>(() =>
            iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = roleName, PolicyName = "QuickSightLambdaAccess" }));
        Assert.Equal("NoSuchEntity", gone.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_user_without_permission_gets_AccessDenied()
    {
        var rig = ClientRig.Require();
        using var iam = rig.Client<IamClient>(IamClient.Description, rig.Limited);
        var denied = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => iam.GetRoleAsync(new GetRoleRequest { RoleName = "anything" }));
        Assert.Equal("AccessDenied", denied.ErrorCode);
    }

    /// <summary>The IAM client has no CreateRole (the module never creates roles): a stack makes one.</summary>
    internal static async Task<string> CreateRoleAsync(ClientRig rig)
    {
        using var cfn = rig.Client<CloudFormationClient>(CloudFormationClient.Description);
        var stack = "kvs-iam-" + Guid.NewGuid().ToString("N")[..8];
        var roleName = "role-" + stack;
        await cfn.CreateStackAsync(new CreateStackRequest
        {
            StackName = stack,
            TemplateBody = CloudFormationClientTests.RoleTemplate,
            Parameters = [new Parameter { ParameterKey = "RoleName", ParameterValue = roleName }],
            Capabilities = ["CAPABILITY_NAMED_IAM"],
        });
        var done = await CloudFormationWaiters.StackCreateCompleteAsync(cfn, stack, new WaitOptions { MinDelay = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
        Assert.Equal(WaitState.Success, done.State);
        return roleName;
    }
}
