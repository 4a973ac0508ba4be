using System.Globalization;
using System.Text;
using System.Text.Json;
using KvsReporting.Detections;

namespace KvsReporting.Local;

/// <summary>
/// Turns source items into table rows, tolerating the drift real tables show (missing attributes, confidence
/// written as a string, timestamps with other precisions or an offset). It keeps what it can, counts every
/// tolerance under <see cref="Drift"/>, and skips only items it cannot key, counted under <see cref="Skipped"/>.
/// </summary>
public sealed class CrawlNormalizer
{
    public const string SkipMissingKey = "missing image_name (the table key)";
    public const string SkipKeyNotString = "image_name is not a string";
    public const string DriftConfidenceAsString = "confidence written as a string (converted)";
    public const string DriftConfidenceNotNumber = "confidence not a number (stored as null)";
    public const string DriftTimestampNormalized = "timestamp with another precision or an offset (normalized to UTC microseconds)";
    public const string DriftTimestampEpoch = "timestamp written as epoch seconds (converted)";
    public const string DriftTimestampInvalid = "timestamp not a date (stored as null)";

    private readonly bool typedSource;

    /// <param name="typedSource">False for CSV, where every value is text and a text confidence is no drift.</param>
    public CrawlNormalizer(bool typedSource = true)
    {
        this.typedSource = typedSource;
    }

    public Dictionary<string, long> Skipped { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Drift { get; } = new(StringComparer.Ordinal);

    public GlueSchema Schema { get; } = new();

    public long SkippedCount => Skipped.Values.Sum();

    public void CountSkip(string reason) => Increment(Skipped, reason);

    /// <summary>Normalizes one record; null when it is skipped (and counted).</summary>
    public CrawlRow? Normalize(CrawlRecord record)
    {
        if (record.Item is not { } item)
        {
            CountSkip(record.SkipReason ?? "unreadable record");
            return null;
        }

        if (!item.TryGetValue("image_name", out var key) || key is null || (key is string s && string.IsNullOrWhiteSpace(s)))
        {
            CountSkip(SkipMissingKey);
            return null;
        }

        if (key is not string imageName)
        {
            CountSkip(SkipKeyNotString);
            return null;
        }

        string? extras = null;
        if (item.Count > 5 || item.Keys.Any(k => !GlueSchema.IsDetectionColumn(k)))
        {
            extras = Extras(item);
        }

        return new CrawlRow(
            imageName,
            Text(item, "license_plate"),
            Confidence(item),
            Text(item, "bucket_name"),
            Timestamp(item),
            extras);
    }

    /// <summary>A detection object from the pipeline: already typed, nothing to tolerate.</summary>
    public CrawlRow? Normalize(LicensePlateDetection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        if (string.IsNullOrWhiteSpace(detection.ImageName))
        {
            CountSkip(SkipMissingKey);
            return null;
        }

        return new CrawlRow(
            detection.ImageName,
            detection.LicensePlate,
            detection.Confidence is { } c ? (double)c : null,
            detection.BucketName,
            detection.Timestamp is { } t ? DetectionTimestamp.Format(t) : null,
            null);
    }

    private string? Text(CrawlItem item, string name)
    {
        if (!item.TryGetValue(name, out var value) || value is null)
        {
            Increment(Drift, $"missing {name}");
            return null;
        }

        return value switch
        {
            string s => s,
            CrawlNumber n => n.Text,
            bool b => b ? "true" : "false",
            _ => JsonOf(value),
        };
    }

    private double? Confidence(CrawlItem item)
    {
        if (!item.TryGetValue("confidence", out var value) || value is null)
        {
            Increment(Drift, "missing confidence");
            return null;
        }

        if (value is CrawlNumber n && double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        if (value is string s && double.TryParse(s.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out d))
        {
            if (typedSource)
            {
                Increment(Drift, DriftConfidenceAsString);
            }

            return d;
        }

        if (value is string empty && !typedSource && empty.Length == 0)
        {
            Increment(Drift, "missing confidence");
            return null;
        }

        Increment(Drift, DriftConfidenceNotNumber);
        return null;
    }

    private string? Timestamp(CrawlItem item)
    {
        if (!item.TryGetValue("timestamp", out var value) || value is null || value is string { Length: 0 })
        {
            Increment(Drift, "missing timestamp");
            return null;
        }

        if (value is string s)
        {
            if (DetectionTimestamp.TryParse(s, out var t, out var canonical))
            {
                if (canonical)
                {
                    return s;
                }

                Increment(Drift, DriftTimestampNormalized);
                return DetectionTimestamp.Format(t);
            }
        }
        else if (value is CrawlNumber n && double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) && epoch is > 0 and < 32503680000)
        {
            Increment(Drift, DriftTimestampEpoch);
            return DetectionTimestamp.Format(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(epoch * 1000)));
        }

        Increment(Drift, DriftTimestampInvalid);
        return null;
    }

    private string Extras(CrawlItem item)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in item)
            {
                if (GlueSchema.IsDetectionColumn(name))
                {
                    continue;
                }

                var column = name.ToLowerInvariant();
                Schema.Observe(column, value);
                writer.WritePropertyName(column);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string JsonOf(object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case CrawlNumber n when double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                writer.WriteRawValue(n.Text.Trim());
                break;
            case CrawlNumber n:
                writer.WriteStringValue(n.Text);
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var v in list)
                {
                    WriteValue(writer, v);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void Increment(Dictionary<string, long> counts, string reason) =>
        counts[reason] = counts.TryGetValue(reason, out var n) ? n + 1 : 1;
}
