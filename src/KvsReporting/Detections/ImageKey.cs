using System.Globalization;

namespace KvsReporting.Detections;

/// <summary>
/// The S3 key of a frame exported from the Kinesis video stream:
/// <c>&lt;camera&gt;/&lt;yyyy&gt;/&lt;MM&gt;/&lt;dd&gt;/&lt;HH&gt;/&lt;camera&gt;-&lt;yyyyMMddTHHmmssfff&gt;.jpg</c>. The camera (stream)
/// and the frame's capture time are recovered from the key, so every mapper of detections fills
/// <see cref="LicensePlateDetection.Camera"/> and <see cref="LicensePlateDetection.FrameTime"/> the same way.
/// </summary>
public static class ImageKey
{
    private const string StampFormat = "yyyyMMdd'T'HHmmssfff";

    /// <summary>Builds the key of a frame of <paramref name="camera"/> captured at <paramref name="frameTime"/> (UTC).</summary>
    public static string Format(string camera, DateTimeOffset frameTime)
    {
        ArgumentException.ThrowIfNullOrEmpty(camera);
        var t = frameTime.UtcDateTime;

        // Written digit by digit: sample generation formats millions of keys.
        return string.Create((camera.Length * 2) + 38, (camera, t), static (span, state) =>
        {
            var (cam, time) = state;
            var i = 0;
            cam.AsSpan().CopyTo(span);
            i += cam.Length;
            span[i++] = '/';
            i = Digits(span, i, time.Year, 4);
            span[i++] = '/';
            i = Digits(span, i, time.Month, 2);
            span[i++] = '/';
            i = Digits(span, i, time.Day, 2);
            span[i++] = '/';
            i = Digits(span, i, time.Hour, 2);
            span[i++] = '/';
            cam.AsSpan().CopyTo(span[i..]);
            i += cam.Length;
            span[i++] = '-';
            i = Digits(span, i, time.Year, 4);
            i = Digits(span, i, time.Month, 2);
            i = Digits(span, i, time.Day, 2);
            span[i++] = 'T';
            i = Digits(span, i, time.Hour, 2);
            i = Digits(span, i, time.Minute, 2);
            i = Digits(span, i, time.Second, 2);
            i = Digits(span, i, time.Millisecond, 3);
            ".jpg".AsSpan().CopyTo(span[i..]);
        });
    }

    private static int Digits(Span<char> span, int index, int value, int width)
    {
        for (var k = width - 1; k >= 0; k--)
        {
            span[index + k] = (char)('0' + (value % 10));
            value /= 10;
        }

        return index + width;
    }

    /// <summary>Reads camera and capture time from a frame key. Only the file name carries them, so keys under
    /// any prefix parse; a key of another shape returns false.</summary>
    public static bool TryParse(string? key, out string camera, out DateTimeOffset frameTime)
    {
        camera = string.Empty;
        frameTime = default;
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        var span = key.AsSpan();
        var slash = span.LastIndexOf('/');
        var file = slash < 0 ? span : span[(slash + 1)..];
        var dot = file.LastIndexOf('.');
        if (dot > 0)
        {
            file = file[..dot];
        }

        // <camera>-<yyyyMMddTHHmmssfff>: the stamp is the fixed-length tail after the last dash.
        var dash = file.LastIndexOf('-');
        if (dash <= 0 || file.Length - dash - 1 != StampLength)
        {
            return false;
        }

        if (!DateTime.TryParseExact(file[(dash + 1)..], StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return false;
        }

        camera = file[..dash].ToString();
        frameTime = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        return true;
    }

    /// <summary>Fills Camera and FrameTime of a detection from its image name, when the name has the frame shape.</summary>
    public static LicensePlateDetection WithFrameInfo(LicensePlateDetection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        if (TryParse(detection.ImageName, out var camera, out var frameTime))
        {
            detection.Camera = camera;
            detection.FrameTime = frameTime;
        }

        return detection;
    }

    private const int StampLength = 18; // yyyyMMddTHHmmssfff
}
