namespace KvsReporting.Reports;

/// <summary>What a detection summary groups by.</summary>
public enum SummaryDimension
{
    /// <summary>Hour of the day (UTC), 00 to 23, over every day in the range.</summary>
    Hour,

    /// <summary>Calendar day (UTC), yyyy-MM-dd.</summary>
    Day,

    /// <summary>Day of the week (UTC), Monday to Sunday.</summary>
    Weekday,

    /// <summary>Plate text.</summary>
    Plate,

    /// <summary>Camera (stream), the first segment of the frame's image key.</summary>
    Camera,

    /// <summary>Confidence in one-percent bands (80-81, 81-82, ... 99-100).</summary>
    ConfidenceBand,
}
