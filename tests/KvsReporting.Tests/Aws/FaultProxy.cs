using System.Diagnostics;
using System.Text.Json;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// tests/rig/fault-proxy.py in front of moto (its own instance and port per use): fails a seeded share of
/// requests with 429/400 ThrottlingException, 503 HTML, 500 InternalFailure or a dropped connection.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private static readonly HttpClient Control = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string stateFile;

    public FaultProxy(string target, double rate, int seed, string kinds = "throttle429,throttle400,unavailable503,internal500,drop", string mode = "before")
    {
        var outDir = Path.Combine(TestEnvironment.RepoRoot, "output", "rig");
        Directory.CreateDirectory(outDir);
        stateFile = Path.Combine(outDir, $"fault-proxy-xunit-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            Path.Combine(TestEnvironment.RepoRoot, "tests", "rig", "start-fault-proxy.sh"), target,
            rate.ToString(System.Globalization.CultureInfo.InvariantCulture), seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            stateFile, "--kinds", kinds, "--mode", mode,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit(30_000);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"start-fault-proxy.sh failed: {stderr}");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(stateFile));
        Endpoint = doc.RootElement.GetProperty("endpoint").GetString()!.TrimEnd('/');
        _ = stdout;
    }

    public string Endpoint { get; }

    public Uri Uri => new(Endpoint);

    /// <summary>Exact faults for the next requests ("none" forwards one), before the seeded draw resumes.</summary>
    public void Queue(params string[] faults)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { faults }), System.Text.Encoding.UTF8, "application/json");
        using var response = Control.PostAsync(Endpoint + "/__proxy/queue", content).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"fault proxy queue: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }
    }

    public JsonElement Stats()
    {
        var json = Control.GetStringAsync(Endpoint + "/__proxy/stats").GetAwaiter().GetResult();
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public void Dispose()
    {
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(TestEnvironment.RepoRoot, "tests", "rig", "stop-fault-proxy.sh"));
        info.ArgumentList.Add(stateFile);
        using var process = Process.Start(info);
        process?.WaitForExit(30_000);
        File.Delete(stateFile);
    }
}
