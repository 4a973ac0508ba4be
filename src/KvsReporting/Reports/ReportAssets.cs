using System.Text.RegularExpressions;

namespace KvsReporting.Reports;

/// <summary>
/// The charting library the report embeds. The build fetches a pinned Chart.js from npm and copies its UMD
/// bundle into the module's <c>assets/</c> folder (see build.ps1); it is read from there, never from the network.
/// </summary>
internal static partial class ReportAssets
{
    public const string ChartLibraryFile = "chart.umd.min.js";

    /// <summary>Overrides where the assets are looked for (tests that load the assembly outside the module).</summary>
    public static string? DirectoryOverride { get; set; }

    /// <summary>assets/ of the module folder: the assembly lives in bin/lib/ below it.</summary>
    public static string Directory => DirectoryOverride ?? Path.GetFullPath(
        Path.Combine(Path.GetDirectoryName(typeof(ReportAssets).Assembly.Location) ?? ".", "..", "..", "assets"));

    public static string ChartLibraryPath => Path.Combine(Directory, ChartLibraryFile);

    public static string ReadChartLibrary() => File.ReadAllText(ChartLibraryPath);

    /// <summary>"Chart.js v4.6.1" from the bundle's banner comment.</summary>
    public static string Describe(string library)
    {
        var match = Banner().Match(library);
        return match.Success ? $"Chart.js {match.Groups[1].Value}" : "Chart.js";
    }

    [GeneratedRegex(@"Chart\.js v(\d+\.\d+\.\d+)")]
    private static partial Regex Banner();
}
