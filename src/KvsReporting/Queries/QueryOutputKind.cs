namespace KvsReporting.Queries;

/// <summary>What Invoke-KvsAthenaQuery writes for each row.</summary>
public enum QueryOutputKind
{
    /// <summary>An object with one property per column (typed values).</summary>
    Object,

    /// <summary>A LicensePlateDetection (the result must have the detection table's columns).</summary>
    Detection,
}
