using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace KvsReporting.Tests.Local;

/// <summary>
/// The connector and QuickSight cmdlets manage AWS resources only: a real local stack piped into them stops with
/// one clear error on its folder, before any binding check on a property the local stack leaves empty and before
/// any AWS request; AWS input keeps its errors.
/// </summary>
[Collection("Serial")]
public sealed class AwsOnlyCmdletLocalStackTests : IDisposable
{
    // Explicit keys and an endpoint that counts connections: a cmdlet that went to AWS would reach it.
    private const string Aws = "-Region us-east-1 -AccessKey AKIAEXAMPLE -SecretKey not-a-secret -EndpointUrl $endpoint";

    private readonly PowerShellSession session = new();
    private readonly TempStack temp = new(create: false);
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private int connections;

    public AwsOnlyCmdletLocalStackTests()
    {
        session.Run(TempStack.NoIdleScript);
        listener.Start();
        _ = AcceptAsync();
        var (_, errors) = session.Run("$null = New-KvsReportingStack -Local $dir", Vars);
        Assert.Empty(errors);
    }

    private Dictionary<string, object?> Vars => new()
    {
        ["dir"] = temp.Folder,
        ["endpoint"] = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}",
    };

    [Theory]
    [InlineData("New-KvsAthenaDataSource", "KvsNewAthenaDataSourceLocalStack", "connector")]
    [InlineData("Get-KvsAthenaDataSource", "KvsGetAthenaDataSourceLocalStack", "connector")]
    [InlineData("Remove-KvsAthenaDataSource -Confirm:$false", "KvsRemoveAthenaDataSourceLocalStack", "connector")]
    [InlineData("Add-KvsQuickSightPolicy", "KvsAddQuickSightPolicyLocalStack", "QuickSight")]
    [InlineData("Get-KvsQuickSightPolicy", "KvsGetQuickSightPolicyLocalStack", "QuickSight")]
    [InlineData("Remove-KvsQuickSightPolicy -Confirm:$false", "KvsRemoveQuickSightPolicyLocalStack", "QuickSight")]
    [InlineData("New-KvsQuickSightDataSet", "KvsNewQuickSightDataSetLocalStack", "QuickSight")]
    [InlineData("Get-KvsQuickSightDataSet", "KvsGetQuickSightDataSetLocalStack", "QuickSight")]
    [InlineData("Remove-KvsQuickSightDataSet -Confirm:$false", "KvsRemoveQuickSightDataSetLocalStack", "QuickSight")]
    public void A_piped_local_stack_stops_with_one_clear_error_on_its_folder(string command, string errorId, string resource)
    {
        var (output, errors) = session.Run($"Get-KvsReportingStack -Local $dir | {command} {Aws}", Vars);

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal(errorId + "," + error.FullyQualifiedErrorId.Split(',')[1], error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal(temp.Folder, error.TargetObject);
        Assert.Contains("local stack", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(resource, error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("\"kvsworkshop\".\"default\".\"licenseplatedetections\"", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Export-KvsReport", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains($"Export-KvsReport -Local '{temp.Folder}'", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(0, connections);
    }

    [Fact]
    public void WhatIf_and_explicit_arguments_do_not_get_past_the_local_stack_error()
    {
        var (_, errors) = session.Run($"Get-KvsReportingStack -Local $dir | New-KvsAthenaDataSource -SpillBucket kvs-spill -WhatIf {Aws}", Vars);
        Assert.StartsWith("KvsNewAthenaDataSourceLocalStack,", Assert.Single(errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        var (_, dataSet) = session.Run($"Get-KvsReportingStack -Local $dir | New-KvsQuickSightDataSet -AwsAccountId 123456789012 -WhatIf {Aws}", Vars);
        Assert.StartsWith("KvsNewQuickSightDataSetLocalStack,", Assert.Single(dataSet).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(0, connections);
    }

    [Fact]
    public void AWS_input_keeps_its_binding_errors_and_an_empty_LocalPath_goes_to_AWS()
    {
        var (_, noBucket) = session.Run($"[pscustomobject]@{{ SpillBucket = $null; LocalPath = '' }} | New-KvsAthenaDataSource {Aws}", Vars);
        var spill = Assert.Single(noBucket);
        Assert.StartsWith("ParameterArgumentValidationError,", spill.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("'SpillBucket'. The argument is null or empty", spill.Exception.Message, StringComparison.Ordinal);
        var (_, empty) = session.Run($"New-KvsAthenaDataSource -SpillBucket '' {Aws}", Vars);
        Assert.StartsWith("ParameterArgumentValidationError,", Assert.Single(empty).FullyQualifiedErrorId, StringComparison.Ordinal);

        var (_, badAccount) = session.Run($"New-KvsQuickSightDataSet -AwsAccountId abc {Aws}", Vars);
        var account = Assert.Single(badAccount);
        Assert.StartsWith("ParameterArgumentValidationError,", account.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("does not match the \"^[0-9]{12}$\" pattern", account.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, connections);

        // An AWS stack object (no LocalPath, no account yet) binds and is taken to AWS, which here is the counting endpoint.
        var (_, aws) = session.Run($"[pscustomobject]@{{ StackName = 'kvs'; Account = $null; LocalPath = $null }} | Get-KvsQuickSightDataSet {Aws} -ErrorAction Continue", Vars);
        Assert.NotEmpty(aws);
        Assert.DoesNotContain(aws, e => e.FullyQualifiedErrorId.Contains("LocalStack", StringComparison.Ordinal) || e.FullyQualifiedErrorId.StartsWith("ParameterArgument", StringComparison.Ordinal));
        Assert.True(connections > 0, "the AWS path must have called the endpoint");
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref connections);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        listener.Stop();
        session.Dispose();
        temp.Dispose();
    }
}
