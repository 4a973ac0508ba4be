using System.Management.Automation;
using KvsReporting.Completion;
using KvsReporting.Queries;

namespace KvsReporting.Detections;

/// <summary>
/// <para type="synopsis">Gets license plate detections, filtered by plate, time, confidence or image, from Athena or a local stack.</para>
/// <para type="description">Builds one parameterized query over the detections table (values travel as query parameters,
/// never inside the SQL text) and writes LicensePlateDetection objects: ImageName, LicensePlate, Confidence (decimal),
/// BucketName, Timestamp (UTC), ImageUri, and the camera and frame time where the image key tells them. Items with missing
/// or odd attributes (confidence as text, other timestamp precisions) are converted where possible; what could not be read
/// is counted in one warning.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsDetection")]
[OutputType(typeof(LicensePlateDetection), typeof(KvsQueryExecution))]
public sealed class GetKvsDetectionCommand : KvsQueryCmdlet
{
    /// <summary>
    /// <para type="description">Plates to find; * and ? are wildcards; case does not matter. Several plates match any of them.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? LicensePlate { get; set; }

    /// <summary>
    /// <para type="description">Only detections at or after this time (a DateTime without offset is taken as local time, like Get-Date).</para>
    /// </summary>
    [Parameter]
    public DateTimeOffset? After { get; set; }

    /// <summary>
    /// <para type="description">Only detections before this time.</para>
    /// </summary>
    [Parameter]
    public DateTimeOffset? Before { get; set; }

    /// <summary>
    /// <para type="description">Only detections with at least this confidence, in percent (0-100).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public decimal? MinConfidence { get; set; }

    /// <summary>
    /// <para type="description">Image keys to find; * and ? are wildcards; case-sensitive like S3 keys.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ImageName { get; set; }

    /// <summary>
    /// <para type="description">Only the first N detections, oldest first.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? First { get; set; }

    /// <summary>
    /// <para type="description">The detections table (Athena lower-cases names). Bound from a stack object's TableName.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TableCompleter))]
    public string TableName { get; set; } = DetectionSql.DefaultTable;

    /// <summary>
    /// <para type="description">Also write the KvsQueryExecution after the detections.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var engine = await CreateEngineAsync();
        var filter = new DetectionFilter
        {
            LicensePlates = LicensePlate ?? [],
            ImageNames = ImageName ?? [],
            After = After,
            Before = Before,
            MinConfidence = MinConfidence,
            First = First,
        };
        var (sql, parameters) = DetectionSql.Build(filter, engine.Dialect, TableName.ToLowerInvariant());
        EmitVerbose("Detection query: " + sql);
        await StreamAsync(engine, Request(sql, parameters), QueryOutputKind.Detection, PassThru.IsPresent, cancellationToken);
    }
}
