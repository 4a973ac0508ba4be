using System.Globalization;

namespace KvsReporting.Detections;

/// <summary>
/// The <c>timestamp</c> attribute as the Lambda writes it: ISO-8601 UTC without an offset, microseconds
/// (Python's <c>datetime.isoformat()</c>), e.g. <c>2025-06-01T14:03:07.123456</c>. Older writers used other
/// precisions, a space separator, or an offset; <see cref="TryParse"/> accepts those and says whether the text
/// was already canonical.
/// </summary>
public static class DetectionTimestamp
{
    private const string CanonicalFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff";

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(CanonicalFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses any ISO-8601-like text; text without an offset is UTC (the Lambda runs in UTC).</summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out bool canonical)
    {
        value = default;
        canonical = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.Length == 26 && DateTime.TryParseExact(text, CanonicalFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var exact))
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(exact, DateTimeKind.Utc));
            canonical = true;
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            && text.Trim().Length >= 10 && char.IsDigit(text.Trim()[0]))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }
}
