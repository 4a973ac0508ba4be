using System.Management.Automation;
using KvsReporting.Errors;

namespace KvsReporting.Reports;

/// <summary>
/// <para type="synopsis">Lists every sighting of one or more plates, with the time since the previous
/// sighting.</para>
/// <para type="description">Returns one KvsPlateSighting per detection of each plate, oldest first, numbered,
/// with the gap since that plate's previous sighting computed by the engine. Plates accept wildcards
/// (* and ?). A plate without wildcards that was never seen in the range is a non-terminating error.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsPlateHistory")]
[OutputType(typeof(KvsPlateSighting))]
public sealed class GetKvsPlateHistoryCommand : KvsReportCmdlet
{
    /// <summary>
    /// <para type="description">Plates to trace, as read by Rekognition (case does not matter). Wildcards *
    /// and ? are allowed. Binds from the LicensePlate property of detections and plate summaries.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] LicensePlate { get; set; } = [];

    protected override string Operation => "GetPlateHistory";

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var range = ResolveRange();
        var target = await ResolveTargetAsync().ConfigureAwait(false);
        var plates = LicensePlate.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (plates.Count == 0)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await WithEngineAsync(target, async queries =>
        {
            await foreach (var sighting in queries.PlateHistoryAsync(plates, range, cancellationToken).ConfigureAwait(false))
            {
                seen.Add(sighting.LicensePlate);
                Emit(sighting);
            }
        }).ConfigureAwait(false);

        foreach (var plate in plates.Where(p => !WildcardPattern.ContainsWildcardCharacters(p) && !seen.Contains(p.Trim())))
        {
            EmitError(KvsErrors.Create(
                new KvsReportingException($"Plate '{plate}' was not detected {Describe(range)}."),
                "KvsGetPlateHistoryPlateNotFound",
                ErrorCategory.ObjectNotFound,
                plate,
                "Check the plate text, or widen -After/-Before. Wildcards (* and ?) find similar plates."));
        }
    }

    private static string Describe(ReportRange range) => (range.After, range.Before) switch
    {
        (null, null) => "at all",
        ({ } a, null) => $"at or after {a:u}",
        (null, { } b) => $"before {b:u}",
        ({ } a, { } b) => $"between {a:u} and {b:u}",
    };
}
