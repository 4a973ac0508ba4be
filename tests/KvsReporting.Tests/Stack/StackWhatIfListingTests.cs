using System.Diagnostics;
using KvsReporting.Stack.Template;
using Xunit;

namespace KvsReporting.Tests.Stack;

/// <summary>What -WhatIf prints goes to the host, so this runs the command in a real pwsh and reads its output.</summary>
[Collection("Serial")]
public sealed class StackWhatIfListingTests
{
    [Fact]
    public async Task New_WhatIf_lists_every_resource_that_would_be_created()
    {
        var rig = StackMoto.Rig;
        var name = StackMoto.StackName("kvs-list");
        var script = $"Import-Module '{TestEnvironment.ModuleManifest}'; New-KvsReportingStack -StackName {name} -TableName Plates -WhatIf -EndpointUrl '{rig.Endpoint}' -Region {rig.Region} -AccessKey {rig.Admin.AccessKeyId} -SecretKey $env:KVS_T_SK";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestEnvironment.RepoRoot };
        foreach (var arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", script })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KVS_T_SK"] = rig.Admin.SecretAccessKey;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout;
        Assert.True(process.ExitCode == 0, await stderr);

        Assert.Contains($"What if: Creating CloudFormation stack '{name}' in {rig.Region} for table 'Plates' with {ReportingTemplate.Resources.Count} resources:", text, StringComparison.Ordinal);
        foreach (var resource in ReportingTemplate.Resources)
        {
            Assert.Contains($"{resource.LogicalId} ({resource.ResourceType})", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(rig.Admin.SecretAccessKey, text, StringComparison.Ordinal);
    }
}
