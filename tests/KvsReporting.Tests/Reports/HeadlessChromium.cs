using System.Diagnostics;

namespace KvsReporting.Tests.Reports;

/// <summary>
/// Debian's chromium, headless, with a fresh profile per run and everything that could reach the network off.
/// tests/rig/install-chromium.sh installs it (build.ps1's Test task runs that script).
/// </summary>
internal static class HeadlessChromium
{
    public static string Executable =>
        Environment.GetEnvironmentVariable("KVS_CHROMIUM") is { Length: > 0 } configured ? configured
        : new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("chromium is not installed: run tests/rig/install-chromium.sh (build.ps1 -Task Test does).");

    /// <summary>Loads the page, lets its scripts run, and returns the DOM as serialised after them, plus the
    /// browser's log (console messages and uncaught errors appear there as ":CONSOLE" lines).</summary>
    public static (string Dom, string Log) DumpDom(string htmlPath) =>
        Run(htmlPath, "--dump-dom");

    public static string Screenshot(string htmlPath, string pngPath, int width = 1400, int height = 2300)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        var (_, log) = Run(htmlPath, $"--screenshot={pngPath}", $"--window-size={width},{height}", "--hide-scrollbars");
        return log;
    }

    private static (string Stdout, string Stderr) Run(string htmlPath, params string[] extra)
    {
        var profile = Directory.CreateTempSubdirectory("kvs-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
            }.Concat(extra))
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add(new Uri(htmlPath).AbsoluteUri);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 90 s");
            }

            return (stdout.Result, stderr.Result);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
