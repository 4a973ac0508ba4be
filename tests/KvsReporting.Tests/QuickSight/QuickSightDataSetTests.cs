using KvsReporting.Tests.Connector;
using Xunit;

namespace KvsReporting.Tests.QuickSight;

/// <summary>New-/Get-/Remove-KvsQuickSightDataSet through the double's QuickSight, validated against the model.</summary>
[Collection("Moto")]
public sealed class QuickSightDataSetTests
{
    private const string Analyst = "arn:aws:quicksight:us-east-1:123456789012:user/default/analyst";

    [Fact]
    public void Creates_source_and_typed_data_set_imports_into_SPICE_with_progress_and_a_second_run_writes_nothing()
    {
        using var rig = new ConnectorRig();
        var id = "kvs-ds-" + Guid.NewGuid().ToString("N")[..8];
        var vars = new Dictionary<string, object?> { ["id"] = id, ["principal"] = Analyst };
        using var ps = rig.Cmdlets.Session.Create();
        foreach (var (key, value) in rig.Cmdlets.Variables(vars))
        {
            ps.Runspace.SessionStateProxy.SetVariable(key, value);
        }

        ((System.Collections.Hashtable)ps.Runspace.SessionStateProxy.GetVariable("conn"))["EndpointUrl"] = rig.Double.Endpoint.ToString();
        ps.AddScript("[pscustomobject]@{ WorkGroup = 'KVSWorkshopWorkgroup'; Catalog = 'AwsDataCatalog'; Database = 'kvsworkshop_db'; TableName = 'LicensePlateDetections'; Account = '123456789012' } | New-KvsQuickSightDataSet @conn -DataSetId $id -Principal $principal -Wait");
        var output = ps.Invoke();
        Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
        var set = Assert.Single(output);
        Assert.Equal("Created", set.Properties["Status"].Value);
        Assert.Equal("COMPLETED", set.Properties["IngestionStatus"].Value);
        Assert.Equal(42L, set.Properties["RowsIngested"].Value);
        Assert.Contains("timestamp:DATETIME", (IEnumerable<string>)set.Properties["Columns"].Value);
        Assert.Contains("confidence:DECIMAL", (IEnumerable<string>)set.Properties["Columns"].Value);
        Assert.Equal([Analyst], (IEnumerable<string>)set.Properties["Principals"].Value);
        Assert.Contains(ps.Streams.Progress, p => p.StatusDescription.StartsWith("RUNNING", StringComparison.Ordinal));
        Assert.True(rig.Double.Violations.Count == 0, string.Join("\n", rig.Double.Violations));
        Assert.Contains(rig.Double.Calls, c => c.Operation == "CreateDataSource");

        var writes = rig.QuickSight.Writes.Count;
        var (again, errors) = rig.Run("New-KvsQuickSightDataSet @conn -DataSetId $id -Principal $principal -AwsAccountId 123456789012 -Wait", vars);
        Assert.Empty(errors);
        Assert.Equal("Unchanged", Assert.Single(again).Properties["Status"].Value);
        Assert.Equal(writes, rig.QuickSight.Writes.Count);

        var (got, _) = rig.Run("Get-KvsQuickSightDataSet @conn -DataSetId $id -AwsAccountId 123456789012", vars);
        var described = Assert.Single(got);
        Assert.Equal("licenseplatedetections", described.Properties["TableName"].Value);
        Assert.Equal("kvsworkshop_db", described.Properties["Database"].Value);
        Assert.True(rig.Double.Violations.Count == 0, string.Join("\n", rig.Double.Violations));
    }

    [Fact]
    public void A_connector_catalog_changes_the_definition_WhatIf_writes_nothing_and_remove_is_idempotent()
    {
        using var rig = new ConnectorRig();
        var id = "kvs-ds-" + Guid.NewGuid().ToString("N")[..8];
        var vars = new Dictionary<string, object?> { ["id"] = id };
        var (_, first) = rig.Run("New-KvsQuickSightDataSet @conn -DataSetId $id -AwsAccountId 123456789012 -ImportMode DirectQuery", vars);
        Assert.True(first.Count == 0, string.Join("\n", first.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
        var writes = rig.QuickSight.Writes.Count;

        Assert.Empty(rig.Run("New-KvsQuickSightDataSet @conn -DataSetId $id -AwsAccountId 123456789012 -ImportMode DirectQuery -Catalog kvsworkshop -WhatIf", vars).Output);
        Assert.Equal(writes, rig.QuickSight.Writes.Count);

        var (updated, errors) = rig.Run("New-KvsQuickSightDataSet @conn -DataSetId $id -AwsAccountId 123456789012 -ImportMode DirectQuery -Catalog kvsworkshop", vars);
        Assert.Empty(errors);
        var set = Assert.Single(updated);
        Assert.Equal("Updated", set.Properties["Status"].Value);
        Assert.Equal("default", set.Properties["Database"].Value);
        Assert.Null(set.Properties["IngestionId"].Value);

        Assert.Empty(rig.Run("Remove-KvsQuickSightDataSet @conn -DataSetId $id -AwsAccountId 123456789012 -IncludeDataSource -Confirm:$false", vars).Errors);
        var (_, notFound) = rig.Run("Get-KvsQuickSightDataSet @conn -DataSetId $id -AwsAccountId 123456789012", vars);
        Assert.StartsWith("KvsGetQuickSightDataSetNotFound", Assert.Single(notFound).FullyQualifiedErrorId, StringComparison.Ordinal);
        var writesAfterRemove = rig.QuickSight.Writes.Count;
        Assert.Empty(rig.Run("Remove-KvsQuickSightDataSet @conn -DataSetId $id -AwsAccountId 123456789012 -IncludeDataSource -Confirm:$false", vars).Errors);
        Assert.Equal(writesAfterRemove, rig.QuickSight.Writes.Count);
        Assert.True(rig.Double.Violations.Count == 0, string.Join("\n", rig.Double.Violations));
    }

    [Fact]
    public void A_failed_import_is_an_error_that_names_the_cause()
    {
        using var rig = new ConnectorRig();
        rig.QuickSight.FailIngestionsWith = "ACCOUNT_CAPACITY_LIMIT_EXCEEDED";
        var id = "kvs-ds-" + Guid.NewGuid().ToString("N")[..8];
        var (_, errors) = rig.Run("New-KvsQuickSightDataSet @conn -DataSetId $id -AwsAccountId 123456789012 -Wait", new Dictionary<string, object?> { ["id"] = id });
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsNewQuickSightDataSetIngestionFailed", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("ACCOUNT_CAPACITY_LIMIT_EXCEEDED", error.Exception.Message, StringComparison.Ordinal);
    }
}
