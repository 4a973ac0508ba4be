using System.Management.Automation;

namespace KvsReporting.Reports;

/// <summary>
/// <para type="synopsis">Summarises detections by hour, day, weekday, plate, camera or confidence band.</para>
/// <para type="description">Groups the detections in a time range and returns one KvsDetectionSummary per
/// group: detections, share of all detections, distinct plates, confidence average and spread, first and last
/// sighting. The engine (Athena, or the embedded engine of a local stack) does the aggregation, so the summary
/// of millions of detections returns a few rows. Only detections with a plate and a readable timestamp are
/// counted.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsDetectionSummary")]
[OutputType(typeof(KvsDetectionSummary))]
public sealed class GetKvsDetectionSummaryCommand : KvsReportCmdlet
{
    /// <summary>
    /// <para type="description">What to group by: Hour (hour of the day, UTC), Day, Weekday, Plate, Camera or
    /// ConfidenceBand (one-percent bands).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    public SummaryDimension By { get; set; }

    /// <summary>
    /// <para type="description">Only the N groups with the most detections, busiest first.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Top { get; set; }

    protected override string Operation => "GetDetectionSummary";

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var range = ResolveRange();
        var target = await ResolveTargetAsync().ConfigureAwait(false);
        await WithEngineAsync(target, async queries =>
        {
            await foreach (var row in queries.SummarizeAsync(By, range, Top, cancellationToken).ConfigureAwait(false))
            {
                Emit(row);
            }
        }).ConfigureAwait(false);
    }
}
