namespace KvsReporting.Reports;

/// <summary>What Export-KvsReport wrote: the file and the headline numbers in it.</summary>
public sealed class KvsReport
{
    /// <summary>Full path of the HTML file.</summary>
    public string Path { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    /// <summary>Detections in the range.</summary>
    public long Detections { get; set; }

    public long DistinctPlates { get; set; }

    public long Cameras { get; set; }

    /// <summary>First and last detection in the range (UTC).</summary>
    public DateTimeOffset? First { get; set; }

    public DateTimeOffset? Last { get; set; }

    /// <summary>Rows in the report's table of recent detections.</summary>
    public int RecentDetections { get; set; }

    /// <summary>Size of the file in bytes.</summary>
    public long Length { get; set; }

    /// <summary>Time taken to query and write.</summary>
    public TimeSpan Elapsed { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    public override string ToString() => Path;
}
