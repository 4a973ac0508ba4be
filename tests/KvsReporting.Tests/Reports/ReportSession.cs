using System.Management.Automation;

namespace KvsReporting.Tests.Reports;

/// <summary>A runspace with the built module imported (its isolated load context, its assets, its format
/// views), as a user has it. Report objects come from that context, so tests read them through PSObject.</summary>
internal static class ReportSession
{
    public static PowerShellSession Create() => new();

    public static T? Get<T>(this PSObject o, string name)
    {
        var value = o.Properties[name]?.Value;
        return value is null ? default : (T)LanguagePrimitives.ConvertTo(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}

internal sealed record SummaryRow(
    string Dimension, string Key, long Detections, double Percent, long DistinctPlates, double? AvgConfidence,
    double? MinConfidence, double? MaxConfidence, DateTimeOffset? First, DateTimeOffset? Last, string? LicensePlate, string? LocalPath)
{
    public static SummaryRow From(PSObject o) => new(
        o.Get<string>("Dimension")!, o.Get<string>("Key")!, o.Get<long>("Detections"), o.Get<double>("Percent"),
        o.Get<long>("DistinctPlates"), o.Get<double?>("AvgConfidence"), o.Get<double?>("MinConfidence"),
        o.Get<double?>("MaxConfidence"), o.Get<DateTimeOffset?>("First"), o.Get<DateTimeOffset?>("Last"),
        o.Get<string>("LicensePlate"), o.Get<string>("LocalPath"));
}

internal sealed record SightingRow(
    string LicensePlate, long Sighting, DateTimeOffset Timestamp, TimeSpan? SincePrevious, double? Confidence, string? Camera, string ImageName, string? ImageUri)
{
    public static SightingRow From(PSObject o) => new(
        o.Get<string>("LicensePlate")!, o.Get<long>("Sighting"), o.Get<DateTimeOffset>("Timestamp"), o.Get<TimeSpan?>("SincePrevious"),
        o.Get<double?>("Confidence"), o.Get<string>("Camera"), o.Get<string>("ImageName")!, o.Get<string>("ImageUri"));
}

internal sealed record ReportRow(string Path, long Detections, long DistinctPlates, long Cameras, int RecentDetections, long Length, TimeSpan Elapsed)
{
    public static ReportRow From(PSObject o) => new(
        o.Get<string>("Path")!, o.Get<long>("Detections"), o.Get<long>("DistinctPlates"), o.Get<long>("Cameras"),
        o.Get<int>("RecentDetections"), o.Get<long>("Length"), o.Get<TimeSpan>("Elapsed"));
}
