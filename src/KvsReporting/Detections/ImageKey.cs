using System.Globalization;
using System.Text.RegularExpressions;

namespace KvsReporting.Detections;

/// <summary>
/// What a frame's S3 key tells: the stream (camera) and the capture time. Placeholder until the shared key
/// parser from the local engine's branch is merged; it recognises <c>.../&lt;stream&gt;/...&lt;epoch millis or
/// yyyy-MM-ddTHH-mm-ss&gt;...jpg</c> and otherwise says nothing.
/// </summary>
internal static partial class ImageKey
{
    public static bool TryParse(string key, out string? camera, out DateTimeOffset? frameTime)
    {
        camera = null;
        frameTime = null;
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        var parts = key.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var file = parts[^1];
        var millis = EpochMillis().Match(file);
        if (millis.Success && long.TryParse(millis.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            frameTime = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        else if (IsoStamp().Match(file) is { Success: true } iso
            && DateTime.TryParseExact(iso.Value.Replace('T', ' '), "yyyy-MM-dd HH-mm-ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            frameTime = new DateTimeOffset(at, TimeSpan.Zero);
        }

        var stem = Path.GetFileNameWithoutExtension(file);
        var cut = stem.IndexOfAny(['_', '-']);
        if (parts.Length >= 2 && !char.IsAsciiDigit(parts[^2][0]))
        {
            camera = parts[^2];
        }
        else if (cut > 0 && !char.IsAsciiDigit(stem[0]))
        {
            camera = stem[..cut];
        }

        return camera is not null || frameTime is not null;
    }

    [GeneratedRegex(@"(?<!\d)1\d{12}(?!\d)")]
    private static partial Regex EpochMillis();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}")]
    private static partial Regex IsoStamp();
}
