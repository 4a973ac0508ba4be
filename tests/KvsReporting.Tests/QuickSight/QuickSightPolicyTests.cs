using KvsReporting.Aws.Iam;
using KvsReporting.Tests.Aws.Clients;
using Xunit;

namespace KvsReporting.Tests.QuickSight;

/// <summary>Add-/Get-/Remove-KvsQuickSightPolicy against moto's IAM with signature checking on.</summary>
[Collection("Moto")]
public sealed class QuickSightPolicyTests : IDisposable
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:kvsworkshop";
    private readonly CmdletRig rig = new();

    [Fact]
    public async Task Least_privilege_is_written_once_and_an_equivalent_policy_is_left_alone()
    {
        var role = await IamClientTests.CreateRoleAsync(rig.Aws);
        var vars = new Dictionary<string, object?> { ["role"] = role, ["fn"] = FunctionArn };
        var (first, errors) = rig.Run("Add-KvsQuickSightPolicy @conn -RoleName $role -FunctionArn $fn -SpillBucket spill-b -QueryResultBucket query-b", vars);
        Assert.Empty(errors);
        Assert.Equal(["Created", "Created"], first.Select(p => (string)p.Properties["Status"].Value));
        Assert.All(first, p => Assert.Equal("LeastPrivilege", p.Properties["Scope"].Value));

        using var iam = rig.Aws.Client<IamClient>(IamClient.Description);
        var s3 = await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = role, PolicyName = "QuickSightS3Access" });
        Assert.Contains("arn:aws:s3:::spill-b/*", s3.PolicyDocument, StringComparison.Ordinal);
        Assert.Contains("arn:aws:s3:::query-b", s3.PolicyDocument, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:aws:s3:::*", s3.PolicyDocument, StringComparison.Ordinal);
        var lambda = await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = role, PolicyName = "QuickSightLambdaAccess" });
        Assert.Contains(FunctionArn, lambda.PolicyDocument, StringComparison.Ordinal);

        // Same meaning, different text: reordered, single strings, other casing. A second run must not rewrite it.
        const string Reordered = """{"Statement":{"Resource":["arn:aws:lambda:us-east-1:123456789012:function:kvsworkshop:*","arn:aws:lambda:us-east-1:123456789012:function:kvsworkshop"],"Action":["Lambda:InvokeFunction"],"Effect":"Allow","Sid":"mine"},"Version":"2012-10-17"}""";
        await iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = role, PolicyName = "QuickSightLambdaAccess", PolicyDocument = Reordered });

        var (second, errors2) = rig.Run("Add-KvsQuickSightPolicy @conn -RoleName $role -FunctionArn $fn -SpillBucket spill-b -QueryResultBucket query-b", vars);
        Assert.Empty(errors2);
        Assert.Equal(["Unchanged", "Unchanged"], second.Select(p => (string)p.Properties["Status"].Value));
        var after = await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = role, PolicyName = "QuickSightLambdaAccess" });
        Assert.Equal(Reordered, after.PolicyDocument);
    }

    [Fact]
    public async Task WhatIf_shows_the_difference_to_broad_and_writes_nothing_then_remove_is_idempotent()
    {
        var role = await IamClientTests.CreateRoleAsync(rig.Aws);
        var vars = new Dictionary<string, object?> { ["role"] = role, ["fn"] = FunctionArn };
        Assert.Empty(rig.Run("Add-KvsQuickSightPolicy @conn -RoleName $role -FunctionArn $fn -SpillBucket spill-b", vars).Errors);

        var console = rig.RunInConsole($"Add-KvsQuickSightPolicy @conn -RoleName '{role}' -Broad -WhatIf");
        Assert.True(console.Contains("What if", StringComparison.Ordinal), console);
        Assert.Matches(new System.Text.RegularExpressions.Regex("(?m)^\\+\\s+\"arn:aws:s3:::\\*\""), console);
        Assert.Matches(new System.Text.RegularExpressions.Regex("(?m)^-\\s+\"arn:aws:s3:::spill-b/\\*\""), console);

        var (got, _) = rig.Run("Get-KvsQuickSightPolicy @conn -RoleName $role", vars);
        Assert.Equal(2, got.Count);
        Assert.All(got, p => Assert.Equal("LeastPrivilege", p.Properties["Scope"].Value));

        var (broad, _) = rig.Run("Add-KvsQuickSightPolicy @conn -RoleName $role -Broad", vars);
        Assert.Equal(["Updated", "Updated"], broad.Select(p => (string)p.Properties["Status"].Value));
        Assert.All(broad, p => Assert.Equal("Broad", p.Properties["Scope"].Value));

        var (removed, removeErrors) = rig.Run("Get-KvsQuickSightPolicy @conn -RoleName $role | Remove-KvsQuickSightPolicy @conn -Confirm:$false; Get-KvsQuickSightPolicy @conn -RoleName $role", vars);
        Assert.Empty(removeErrors);
        Assert.Empty(removed);
        var (again, againErrors) = rig.Run("Remove-KvsQuickSightPolicy @conn -RoleName $role -Confirm:$false", vars);
        Assert.Empty(againErrors);
        Assert.Empty(again);
    }

    [Fact]
    public void Missing_role_function_or_bucket_give_specific_errors()
    {
        var (_, noRole) = rig.Run("Add-KvsQuickSightPolicy @conn -RoleName kvs-no-such-role -Broad");
        Assert.Equal("KvsAddQuickSightPolicyRoleNotFound", Assert.Single(noRole).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("kvs-no-such-role", noRole[0].TargetObject);
    }

    [Fact]
    public async Task Least_privilege_without_a_connector_function_says_how_to_fix_it()
    {
        var role = await IamClientTests.CreateRoleAsync(rig.Aws);
        var (_, errors) = rig.Run("Add-KvsQuickSightPolicy @conn -RoleName $role -FunctionName kvs-missing-fn -SpillBucket b", new Dictionary<string, object?> { ["role"] = role });
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsAddQuickSightPolicyFunctionNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("New-KvsAthenaDataSource", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);

        var (_, noBucket) = rig.Run("Add-KvsQuickSightPolicy @conn -RoleName $role -FunctionArn x", new Dictionary<string, object?> { ["role"] = role });
        Assert.StartsWith("KvsAddQuickSightPolicyBucketMissing", Assert.Single(noBucket).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_IAM_permissions_gets_a_PermissionDenied_error_naming_the_role()
    {
        var limited = rig.Aws.Limited.GetCredentials();
        var (_, errors) = rig.Run(
            "Add-KvsQuickSightPolicy @conn -AccessKey $ak -SecretKey $sk -RoleName aws-quicksight-service-role-v0 -Broad",
            new Dictionary<string, object?> { ["ak"] = limited.AccessKey, ["sk"] = limited.SecretKey });
        var error = Assert.Single(errors);
        Assert.Equal("KvsGetRoleAccessDenied", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Equal("aws-quicksight-service-role-v0", error.TargetObject);
        Assert.DoesNotContain(limited.SecretKey, error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => rig.Dispose();
}
