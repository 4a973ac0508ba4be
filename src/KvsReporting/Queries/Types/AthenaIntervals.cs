using System.Globalization;

namespace KvsReporting.Queries.Types;

/// <summary>
/// An Athena <c>interval year to month</c>: a whole number of months (TimeSpan cannot hold months, whose
/// length varies). Athena renders it as <c>years-months</c>, e.g. <c>1-2</c> for 14 months.
/// </summary>
public readonly record struct AthenaYearMonthInterval(int TotalMonths)
{
    public int Years => TotalMonths / 12;

    public int Months => TotalMonths % 12;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(TotalMonths < 0 ? "-" : string.Empty)}{Math.Abs(Years)}-{Math.Abs(Months)}");
}

/// <summary>
/// An Athena <c>time with time zone</c>: a time of day and the UTC offset it was written with (.NET has no
/// time-of-day-with-offset type).
/// </summary>
public readonly record struct AthenaTimeWithTimeZone(TimeOnly Time, TimeSpan Offset)
{
    public override string ToString() =>
        Time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + (Offset < TimeSpan.Zero ? "-" : "+") + Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
