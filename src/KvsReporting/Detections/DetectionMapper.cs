using System.Globalization;
using KvsReporting.Queries;
using KvsReporting.Queries.Types;

namespace KvsReporting.Detections;

/// <summary>
/// Maps result rows with the detection table's columns (image_name, license_plate, confidence, bucket_name,
/// timestamp; any order, any case, extra columns ignored) to <see cref="LicensePlateDetection"/>. Tolerates the
/// drift real tables have: confidence as a string, timestamps of any fractional precision with or without an
/// offset, missing attributes. A value it cannot read is left empty and counted; a row without an image name
/// (the table's key) is skipped and counted; <see cref="Summary"/> says it all in one line.
/// </summary>
public sealed class DetectionMapper
{
    private readonly int image;
    private readonly int plate;
    private readonly int confidence;
    private readonly int bucket;
    private readonly int timestamp;
    private readonly Dictionary<string, int> unreadable = new(StringComparer.Ordinal);

    public DetectionMapper(IReadOnlyList<QueryColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int Find(string name)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }

        image = Find("image_name");
        plate = Find("license_plate");
        confidence = Find("confidence");
        bucket = Find("bucket_name");
        timestamp = Find("timestamp");
        if (image < 0)
        {
            throw new AthenaValueException("The result has no image_name column, so its rows are not detections; select image_name, license_plate, confidence, bucket_name and timestamp.");
        }
    }

    /// <summary>True when the columns include image_name (the table's key), without which rows are not detections.</summary>
    public static bool CanMap(IReadOnlyList<QueryColumn> columns) =>
        columns?.Any(c => string.Equals(c.Name, "image_name", StringComparison.OrdinalIgnoreCase)) ?? false;

    public long Mapped { get; private set; }

    public long Skipped { get; private set; }

    public LicensePlateDetection? Map(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var imageName = AsText(values[image]);
        if (string.IsNullOrEmpty(imageName))
        {
            Skipped++;
            return null;
        }

        var detection = new LicensePlateDetection
        {
            ImageName = imageName,
            LicensePlate = plate >= 0 ? AsText(values[plate]) ?? string.Empty : string.Empty,
            BucketName = bucket >= 0 ? AsText(values[bucket]) : null,
        };
        if (detection.LicensePlate.Length == 0)
        {
            Count("license_plate missing");
        }

        if (confidence >= 0 && values[confidence] is { } c)
        {
            detection.Confidence = ReadConfidence(c);
            if (detection.Confidence is null)
            {
                Count("confidence unreadable");
            }
        }

        if (timestamp >= 0 && values[timestamp] is { } t)
        {
            detection.Timestamp = ReadTimestamp(t);
            if (detection.Timestamp is null)
            {
                Count("timestamp unreadable");
            }
        }

        ImageKey.WithFrameInfo(detection);
        Mapped++;
        return detection;
    }

    /// <summary>One line for one warning, or null when every row mapped cleanly.</summary>
    public string? Summary()
    {
        if (Skipped == 0 && unreadable.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (Skipped > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Skipped} row(s) without an image_name were skipped"));
        }

        if (unreadable.Count > 0)
        {
            parts.Add("values left empty: " + string.Join(", ", unreadable.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} ({p.Value})"))));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Mapped} detection(s) read; ") + string.Join("; ", parts) + ".";
    }

    /// <summary>Reads a confidence from a number or a string (invariant culture, optional trailing %).</summary>
    public static decimal? ReadConfidence(object value) => value switch
    {
        decimal d => d,
        double d when double.IsFinite(d) => decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => decimal.Parse(f.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
        int or long or short or sbyte => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        string s when decimal.TryParse(s.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>
    /// Reads an ISO-8601 timestamp as UTC: without an offset it is UTC (the Lambda runs in UTC), with one it is
    /// converted; any number of fractional digits (beyond 7 truncated to .NET's 100 ns).
    /// </summary>
    public static DateTimeOffset? ReadTimestamp(object value)
    {
        switch (value)
        {
            case DateTimeOffset dto:
                return dto.ToUniversalTime();
            case DateTime dt:
                return new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            case string s:
                var text = s.AsSpan().Trim();
                try
                {
                    var local = AthenaScalarParser.ParseDateTime(TimestampType, text, out var used);
                    var rest = text[used..].Trim();
                    if (rest.IsEmpty || rest.Equals("Z", StringComparison.OrdinalIgnoreCase) || rest.Equals("UTC", StringComparison.OrdinalIgnoreCase))
                    {
                        return new DateTimeOffset(local, TimeSpan.Zero);
                    }

                    var zoned = (DateTimeOffset)AthenaScalarParser.Parse(ZonedType, string.Concat(text[..used], " ", rest))!;
                    return zoned.ToUniversalTime();
                }
                catch (AthenaValueException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    private static readonly AthenaType TimestampType = AthenaType.Parse("timestamp");
    private static readonly AthenaType ZonedType = AthenaType.Parse("timestamp with time zone");

    private static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private void Count(string what) => unreadable[what] = unreadable.GetValueOrDefault(what) + 1;
}
