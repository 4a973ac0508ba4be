using System.Management.Automation;
using KvsReporting.Cmdlets;

namespace KvsReporting.Detections;

/// <summary>
/// <para type="synopsis">Generates realistic, reproducible license-plate detections.</para>
/// <para type="description">Produces LicensePlateDetection objects like the detection Lambda writes: plates in
/// several US-state-like and EU-like formats, confidence from 80.00 to 99.99 (mostly high), frame keys shaped
/// like the stream's exports (camera/yyyy/MM/dd/HH/camera-yyyyMMddTHHmmssfff.jpg), traffic shaped by hour of
/// day and weekday, and a pool of frequent plates among one-time visitors. The same -Seed, -Count, -Start,
/// -End and -Camera always give the same detections.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "KvsSampleDetection")]
[OutputType(typeof(LicensePlateDetection))]
public sealed class NewKvsSampleDetectionCommand : KvsAsyncCmdlet
{
    private const int ChunkSize = 2048;

    /// <summary>
    /// <para type="description">How many detections to generate (default 1000).</para>
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateRange(0, 100_000_000)]
    public int Count { get; set; } = 1000;

    /// <summary>
    /// <para type="description">Seed of the generator. Without it a random seed is used and shown in the verbose output, so the run can be repeated.</para>
    /// </summary>
    [Parameter]
    public int? Seed { get; set; }

    /// <summary>
    /// <para type="description">Start of the period (default: 7 days before -End). Times are UTC.</para>
    /// </summary>
    [Parameter]
    public DateTime? Start { get; set; }

    /// <summary>
    /// <para type="description">End of the period, exclusive (default: the most recent midnight UTC, so a seed gives the same week all day).</para>
    /// </summary>
    [Parameter]
    public DateTime? End { get; set; }

    /// <summary>
    /// <para type="description">Camera (stream) names the frames come from (default gate-north, gate-south, garage-entry).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidatePattern("^[A-Za-z0-9_.]+(?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?$")]
    public string[] Camera { get; set; } = SampleDetectionOptions.DefaultCameras.ToArray();

    /// <summary>
    /// <para type="description">Bucket the frames are in (default kvs-license-frames).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string BucketName { get; set; } = "kvs-license-frames";

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var end = End is { } e ? Utc(e) : new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var start = Start is { } s ? Utc(s) : end.AddDays(-7);
        if (end <= start)
        {
            throw Errors.KvsErrors.Terminating(
                $"-End ({end:u}) must be after -Start ({start:u}).",
                "KvsNewSampleDetectionInvalidPeriod",
                ErrorCategory.InvalidArgument,
                end,
                "Give an -End later than -Start.");
        }

        var seed = Seed ?? Random.Shared.Next();
        EmitVerbose($"Generating {Count} detections from {start:u} to {end:u} with seed {seed}.");
        var detections = SampleDetectionGenerator.Generate(new SampleDetectionOptions
        {
            Count = Count,
            Seed = seed,
            Start = start,
            End = end,
            Cameras = Camera,
            BucketName = BucketName,
        });

        // Posting chunks keeps the hand-over to the pipeline thread cheap for millions of objects.
        for (var offset = 0; offset < detections.Length; offset += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = new ArraySegment<LicensePlateDetection>(detections, offset, Math.Min(ChunkSize, detections.Length - offset));
            Post(() => WriteObject(chunk, enumerateCollection: true));
        }

        return Task.CompletedTask;
    }

    private static DateTimeOffset Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero),
    };
}
