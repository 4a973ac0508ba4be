using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace KvsReporting.Tests;

/// <summary>
/// A real PowerShell runspace with the built module imported from output/ (never the source tree).
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace runspace;

    public PowerShellSession(bool importModule = true, Action<InitialSessionState>? configure = null)
    {
        var iss = InitialSessionState.CreateDefault2();
        configure?.Invoke(iss);
        if (importModule)
        {
            iss.ImportPSModule(TestEnvironment.ModuleManifest);
        }

        runspace = RunspaceFactory.CreateRunspace(iss);
        runspace.Open();
    }

    public Runspace Runspace => runspace;

    public PowerShell Create()
    {
        var ps = PowerShell.Create();
        ps.Runspace = runspace;
        return ps;
    }

    /// <summary>Runs a script; returns output, and the error stream for assertions.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = Create();
        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                ps.Runspace.SessionStateProxy.SetVariable(name, value);
            }
        }

        ps.AddScript(script);
        var output = ps.Invoke();
        return (output, ps.Streams.Error.ToList());
    }

    public void Dispose() => runspace.Dispose();
}

public static class TestEnvironment
{
    public static string RepoRoot =>
        Environment.GetEnvironmentVariable("KVS_REPO_ROOT") is { Length: > 0 } root
            ? root
            : FindRepoRoot(AppContext.BaseDirectory);

    public static string ModuleManifest
    {
        get
        {
            if (Environment.GetEnvironmentVariable("KVS_MODULE_MANIFEST") is { Length: > 0 } manifest)
            {
                return manifest;
            }

            var moduleDir = Path.Combine(RepoRoot, "output", "KvsReporting");
            var versionDir = Directory.GetDirectories(moduleDir).OrderByDescending(d => d, StringComparer.Ordinal).First();
            return Path.Combine(versionDir, "KvsReporting.psd1");
        }
    }

    public static string ModuleDirectory => Path.GetDirectoryName(ModuleManifest)!;

    public static string? MotoConfigPath => Environment.GetEnvironmentVariable("KVS_MOTO_CONFIG");

    public static string TestResults =>
        Environment.GetEnvironmentVariable("KVS_TEST_RESULTS") is { Length: > 0 } dir ? dir : Path.Combine(RepoRoot, "output", "TestResults");

    private static string FindRepoRoot(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KvsReporting.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root from " + start);
    }
}
