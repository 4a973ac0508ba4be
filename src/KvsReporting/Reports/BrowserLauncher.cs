using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KvsReporting.Reports;

/// <summary>Opens a file in the user's default browser: the OS's own opener (start / open / xdg-open).</summary>
internal static class BrowserLauncher
{
    /// <summary>Returns null when the opener started, otherwise why it could not (no desktop, no opener).</summary>
    public static string? TryOpen(string path)
    {
        try
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                using var shell = Process.Start(new ProcessStartInfo(path) { UseShellExecute = true });
                return null;
            }

            var opener = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "open" : "xdg-open";
            if (FindOnPath(opener) is not { } executable)
            {
                return $"'{opener}' was not found on PATH";
            }

            var start = new ProcessStartInfo(executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(path);
            using var process = Process.Start(start);
            return process is null ? $"'{opener}' did not start" : null;
        }
        catch (Win32Exception ex)
        {
            return ex.Message;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
