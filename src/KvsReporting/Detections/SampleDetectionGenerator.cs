namespace KvsReporting.Detections;

/// <summary>What <see cref="SampleDetectionGenerator"/> produces.</summary>
public sealed record SampleDetectionOptions
{
    public int Count { get; init; } = 1000;

    public int Seed { get; init; }

    /// <summary>First instant of the period (UTC).</summary>
    public DateTimeOffset Start { get; init; }

    /// <summary>End of the period (UTC, exclusive).</summary>
    public DateTimeOffset End { get; init; }

    public IReadOnlyList<string> Cameras { get; init; } = DefaultCameras;

    public string BucketName { get; init; } = "kvs-license-frames";

    public static readonly IReadOnlyList<string> DefaultCameras = new[] { "gate-north", "gate-south", "garage-entry" };
}

/// <summary>
/// Realistic, reproducible detections: traffic shaped by hour of day and weekday, a pool of frequent plates
/// (staff, residents, delivery vans) among one-time visitors, plates in several US-state-like and EU-like
/// formats, Rekognition-like confidence (80.00 to 99.99, most reads high), frame keys shaped like the stream's
/// exports and the Lambda's timestamp a moment after the frame. The same options (seed included) give the same
/// detections on every machine: everything derives from one seeded <see cref="Random"/>.
/// </summary>
public static class SampleDetectionGenerator
{
    // Relative traffic per hour of day (UTC): quiet night, morning and evening peaks.
    private static readonly double[] HourProfile =
    {
        0.15, 0.10, 0.08, 0.08, 0.12, 0.30, 0.70, 1.40, 1.80, 1.30, 0.95, 0.90,
        1.00, 0.95, 0.90, 1.00, 1.30, 1.70, 1.50, 1.00, 0.70, 0.50, 0.35, 0.22,
    };

    // Relative traffic per day of week, Sunday first (DayOfWeek order).
    private static readonly double[] WeekdayProfile = { 0.55, 1.00, 1.02, 1.00, 1.05, 1.12, 0.75 };

    // L = letter, D = digit; anything else is kept (spaces and dashes as printed on plates). Weighted toward US formats.
    private static readonly (string Pattern, int Weight)[] PlateFormats =
    {
        ("LLL-DDDD", 6), // New York style
        ("DLLLDDD", 6),  // California style
        ("LLL DDD", 4),
        ("DDD-LLL", 3),
        ("LLLDDD", 3),
        ("LL-LL DDD", 2), // German style
        ("LL-DDD-LL", 2), // French style
        ("DD-LLL-D", 1),  // Dutch style
        ("LLDD LLL", 2),  // UK style
        ("LL DDD LL", 1), // Italian style
        ("DDDD LLL", 1),  // Spanish style
    };

    // Plates avoid I, O and Q, as many issuers do.
    private const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    /// <summary>Share of detections that are repeat visitors from the frequent pool.</summary>
    private const double RepeatShare = 0.35;

    public static LicensePlateDetection[] Generate(SampleDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Count must not be negative.");
        }

        if (options.End <= options.Start)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "End must be after Start.");
        }

        if (options.Cameras.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "At least one camera is needed.");
        }

        var random = new Random(options.Seed);
        var times = FrameTimes(random, options);
        var formatTotal = PlateFormats.Sum(f => f.Weight);
        // Regulars: about one plate per 50 detections, a few of them seen daily, most a few times a week.
        var pool = new string[Math.Clamp(options.Count / 50, 20, 20_000)];
        for (var i = 0; i < pool.Length; i++)
        {
            pool[i] = Plate(random, formatTotal);
        }

        var lastFrame = new long[options.Cameras.Count];
        var result = new LicensePlateDetection[options.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var cameraIndex = random.Next(options.Cameras.Count);
            var camera = options.Cameras[cameraIndex];

            // Frame keys carry millisecond stamps; one camera never exports two frames in the same millisecond.
            var frameMs = Math.Max(times[i] / TimeSpan.TicksPerMillisecond, lastFrame[cameraIndex] + 1);
            lastFrame[cameraIndex] = frameMs;
            var frameTime = new DateTimeOffset(frameMs * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

            // The pool's first plates come more often than its last (a mild skew, no single plate dominates).
            var u = random.NextDouble();
            var plate = random.NextDouble() < RepeatShare ? pool[(int)(pool.Length * Math.Pow(u, 1.25))] : Plate(random, formatTotal);

            // Most reads are clear: confidence skews toward 99.99.
            var c = random.NextDouble();
            var confidence = new decimal(9999 - (int)Math.Round(1999 * c * c * c), 0, 0, false, 2);

            // The Lambda runs a moment after the frame lands in S3 (0.2 to 2.5 s), with microsecond precision.
            var lambdaTicks = frameTime.UtcTicks + (long)((0.2 + (random.NextDouble() * 2.3)) * TimeSpan.TicksPerSecond);
            lambdaTicks -= lambdaTicks % 10;

            result[i] = new LicensePlateDetection
            {
                ImageName = ImageKey.Format(camera, frameTime),
                LicensePlate = plate,
                Confidence = confidence,
                BucketName = options.BucketName,
                Timestamp = new DateTimeOffset(lambdaTicks, TimeSpan.Zero),
                Camera = camera,
                FrameTime = frameTime,
            };
        }

        return result;
    }

    /// <summary>Frame times (UTC ticks, sorted) drawn from the hour-of-day and weekday profile over the period.</summary>
    private static long[] FrameTimes(Random random, SampleDetectionOptions options)
    {
        var start = options.Start.UtcTicks;
        var end = options.End.UtcTicks;
        var firstHour = start - (start % TimeSpan.TicksPerHour);
        var slots = (int)(((end - firstHour) + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour);
        var cumulative = new double[slots];
        var total = 0.0;
        for (var s = 0; s < slots; s++)
        {
            var slotStart = firstHour + (s * TimeSpan.TicksPerHour);
            var from = Math.Max(slotStart, start);
            var to = Math.Min(slotStart + TimeSpan.TicksPerHour, end);
            var hour = new DateTime(slotStart, DateTimeKind.Utc);
            total += HourProfile[hour.Hour] * WeekdayProfile[(int)hour.DayOfWeek] * (to - from) / TimeSpan.TicksPerHour;
            cumulative[s] = total;
        }

        var times = new long[options.Count];
        for (var i = 0; i < times.Length; i++)
        {
            var slot = Array.BinarySearch(cumulative, random.NextDouble() * total);
            slot = slot < 0 ? ~slot : slot;
            slot = Math.Min(slot, slots - 1);
            var slotStart = firstHour + (slot * TimeSpan.TicksPerHour);
            var from = Math.Max(slotStart, start);
            var to = Math.Min(slotStart + TimeSpan.TicksPerHour, end);
            times[i] = from + (long)(random.NextDouble() * (to - from));
        }

        Array.Sort(times);
        return times;
    }

    private static string Plate(Random random, int formatTotal)
    {
        var pick = random.Next(formatTotal);
        var pattern = PlateFormats[0].Pattern;
        foreach (var (p, weight) in PlateFormats)
        {
            if (pick < weight)
            {
                pattern = p;
                break;
            }

            pick -= weight;
        }

        return string.Create(pattern.Length, (pattern, random), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.pattern[i] switch
                {
                    'L' => Letters[state.random.Next(Letters.Length)],
                    'D' => (char)('0' + state.random.Next(10)),
                    var other => other,
                };
            }
        });
    }
}
