using System.Diagnostics;
using System.Management.Automation;
using KvsReporting.Tests.Aws.Clients;

namespace KvsReporting.Tests.QuickSight;

/// <summary>Runs the built module's cmdlets against moto with the admin user's keys passed as parameters.</summary>
public sealed class CmdletRig : IDisposable
{
    public CmdletRig()
    {
        Aws = ClientRig.Require();
    }

    public ClientRig Aws { get; }

    public PowerShellSession Session { get; } = new();

    /// <summary>The connection parameters, spliced into scripts as @conn.</summary>
    public Dictionary<string, object?> Variables(IDictionary<string, object?>? more = null)
    {
        var credentials = Aws.Admin.GetCredentials();
        var conn = new System.Collections.Hashtable
        {
            ["Region"] = Aws.Region,
            ["EndpointUrl"] = Aws.Endpoint.ToString(),
            ["AccessKey"] = credentials.AccessKey,
            ["SecretKey"] = credentials.SecretKey,
        };
        var variables = new Dictionary<string, object?> { ["conn"] = conn };
        foreach (var (key, value) in more ?? new Dictionary<string, object?>())
        {
            variables[key] = value;
        }

        return variables;
    }

    public (IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, IDictionary<string, object?>? more = null)
    {
        var (output, errors) = Session.Run(script, Variables(more));
        return (output.ToList(), errors);
    }

    /// <summary>
    /// Runs a script in a real pwsh process and returns what its console shows (What if: lines go to the
    /// host, which an in-process runspace without a UI drops).
    /// </summary>
    public string RunInConsole(string script)
    {
        var credentials = Aws.Admin.GetCredentials();
        var prelude = $"$ErrorActionPreference='Stop'; Import-Module '{TestEnvironment.ModuleManifest}'; "
            + $"$conn = @{{ Region='{Aws.Region}'; EndpointUrl='{Aws.Endpoint}'; AccessKey='{credentials.AccessKey}'; SecretKey='{credentials.SecretKey}' }}; ";
        var start = new ProcessStartInfo("dotnet", ["pwsh", "-NoProfile", "-NonInteractive", "-Command", prelude + script])
        {
            WorkingDirectory = TestEnvironment.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("pwsh did not finish within 2 minutes.");
        }

        return stdout.Result + stderr.Result;
    }

    public void Dispose() => Session.Dispose();
}
