using KvsReporting.Aws.Athena;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Lambda;
using KvsReporting.Tests.Aws.Clients;
using Xunit;

namespace KvsReporting.Tests.Connector;

/// <summary>New-/Get-/Remove-KvsAthenaDataSource: SAR through the validated double, CloudFormation, Lambda and Athena in moto.</summary>
[Collection("Moto")]
public sealed class AthenaDataSourceTests
{
    private static string UniqueName() => "KVSTest" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Deploys_the_connector_registers_the_catalog_and_a_second_run_changes_nothing()
    {
        using var rig = new ConnectorRig();
        var name = UniqueName();
        var catalog = name.ToLowerInvariant();
        var vars = new Dictionary<string, object?> { ["name"] = name };
        var (output, errors) = rig.Run("[pscustomobject]@{ SpillBucket = 'kvs-spill-bucket' } | New-KvsAthenaDataSource @conn -Name $name -Wait -TimeoutSeconds 60", vars);
        Assert.Empty(errors);
        var source = Assert.Single(output);
        Assert.Equal(catalog, source.Properties["Name"].Value);
        Assert.Equal("Created", source.Properties["Status"].Value);
        Assert.EndsWith(":function:" + catalog, (string)source.Properties["FunctionArn"].Value, StringComparison.Ordinal);
        Assert.Equal("kvs-spill-bucket", source.Properties["SpillBucket"].Value);
        Assert.Equal("serverlessrepo-" + catalog, source.Properties["ConnectorStackName"].Value);
        Assert.True(rig.Double.Violations.Count == 0, string.Join("\n", rig.Double.Violations));
        Assert.Contains(rig.Double.Calls, c => c.Operation == "CreateCloudFormationChangeSet");

        var aws = rig.Cmdlets.Aws;
        using var athena = aws.Client<AthenaClient>(AthenaClient.Description);
        var registered = (await athena.GetDataCatalogAsync(new GetDataCatalogRequest { Name = catalog })).DataCatalog;
        Assert.Equal("LAMBDA", registered!.Type);
        Assert.Equal(source.Properties["FunctionArn"].Value, registered.Parameters!["function"]);
        using var lambda = aws.Client<LambdaClient>(LambdaClient.Description);
        var function = await lambda.FindFunctionAsync(catalog);
        Assert.Equal("kvs-spill-bucket", function!.Configuration!.Environment!.Variables!["spill_bucket"]);
        Assert.Equal("CREATE_COMPLETE", (await rig.CloudFormation.FindStackAsync("serverlessrepo-" + catalog))!.StackStatus);

        var (again, againErrors) = rig.Run("New-KvsAthenaDataSource @conn -Name $name -SpillBucket kvs-spill-bucket -Wait", vars);
        Assert.Empty(againErrors);
        Assert.Equal("Existing", Assert.Single(again).Properties["Status"].Value);
        Assert.Equal(1, rig.Sar.ChangeSetsCreated);

        var (got, _) = rig.Run("Get-KvsAthenaDataSource @conn -Name $name", vars);
        Assert.Equal("Existing", Assert.Single(got).Properties["Status"].Value);

        // The data source feeds least-privilege QuickSight policies by property name.
        var role = await IamClientTests.CreateRoleAsync(aws);
        var (policies, policyErrors) = rig.Run("Get-KvsAthenaDataSource @conn -Name $name | Add-KvsQuickSightPolicy @conn -RoleName $role", new Dictionary<string, object?> { ["name"] = name, ["role"] = role });
        Assert.Empty(policyErrors);
        Assert.Contains(policies, p => (string)p.Properties["PolicyName"].Value == "QuickSightLambdaAccess" && ((IEnumerable<string>)p.Properties["Resources"].Value).Contains((string)source.Properties["FunctionArn"].Value));
    }

    [Fact]
    public void WhatIf_deploys_nothing_and_bad_names_fail_before_any_request()
    {
        using var rig = new ConnectorRig();
        var name = UniqueName();
        var (output, errors) = rig.Run("New-KvsAthenaDataSource @conn -Name $name -SpillBucket kvs-spill-bucket -WhatIf", new Dictionary<string, object?> { ["name"] = name });
        Assert.Empty(errors);
        Assert.Empty(output);
        Assert.Equal(0, rig.Sar.ChangeSetsCreated);

        var (_, bad) = rig.Run("New-KvsAthenaDataSource @conn -Name 'kvs workshop' -SpillBucket kvs-spill-bucket");
        Assert.StartsWith("KvsNewAthenaDataSourceInvalidName", Assert.Single(bad).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("lower case", bad[0].Exception.Message, StringComparison.Ordinal);

        var (_, badBucket) = rig.Run("New-KvsAthenaDataSource @conn -SpillBucket Bad_Bucket");
        Assert.StartsWith("KvsNewAthenaDataSourceInvalidSpillBucket", Assert.Single(badBucket).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Double.Calls, c => c.Service == "serverlessrepo");
    }

    [Fact]
    public async Task Remove_deletes_catalog_and_stack_and_a_second_remove_changes_nothing()
    {
        using var rig = new ConnectorRig(ownAthenaCatalogs: true);
        var name = UniqueName();
        var vars = new Dictionary<string, object?> { ["name"] = name };
        Assert.Empty(rig.Run("New-KvsAthenaDataSource @conn -Name $name -SpillBucket kvs-spill-bucket -Wait", vars).Errors);

        var (whatIf, _) = rig.Run("Remove-KvsAthenaDataSource @conn -Name $name -WhatIf", vars);
        Assert.Empty(whatIf);
        Assert.Single(rig.Run("Get-KvsAthenaDataSource @conn -Name $name", vars).Output);

        var (_, removeErrors) = rig.Run("Get-KvsAthenaDataSource @conn -Name $name | Remove-KvsAthenaDataSource @conn -Wait -Confirm:$false", vars);
        Assert.Empty(removeErrors);
        Assert.Null(await rig.CloudFormation.FindStackAsync("serverlessrepo-" + name.ToLowerInvariant()));

        var (_, notFound) = rig.Run("Get-KvsAthenaDataSource @conn -Name $name", vars);
        Assert.StartsWith("KvsGetAthenaDataSourceNotFound", Assert.Single(notFound).FullyQualifiedErrorId, StringComparison.Ordinal);
        var (_, secondErrors) = rig.Run("Remove-KvsAthenaDataSource @conn -Name $name -Confirm:$false", vars);
        Assert.Empty(secondErrors);
        Assert.True(rig.Double.Violations.Count == 0, string.Join("\n", rig.Double.Violations));
    }
}
