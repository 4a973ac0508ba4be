using System.Diagnostics;
using System.Management.Automation;
using KvsReporting.Errors;

namespace KvsReporting.Reports;

/// <summary>
/// <para type="synopsis">Writes a self-contained HTML report of the detections: charts and a searchable
/// table.</para>
/// <para type="description">Queries the engine (Athena, or the embedded engine of a local stack) for the
/// aggregates a QuickSight analysis of this data would show: detections over time, busiest hours by weekday,
/// top plates, confidence distribution, activity per camera, and the most recent detections. It writes them
/// into one HTML file with the charting library (Chart.js, MIT License) inlined, so the file opens anywhere
/// without network access and can be attached to a ticket. Only aggregates and the recent-detections table are
/// embedded, so the file stays small whatever the number of detections. Returns a KvsReport.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "KvsReport", SupportsShouldProcess = true)]
[OutputType(typeof(KvsReport))]
public sealed class ExportKvsReportCommand : KvsReportCmdlet
{
    private const int ProgressId = 9001;

    /// <summary>
    /// <para type="description">The HTML file to write; an existing file is replaced.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">Heading and window title of the report.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "License plate detections";

    /// <summary>
    /// <para type="description">How many plates the top-plates chart shows (default 20).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 200)]
    public int Top { get; set; } = 20;

    /// <summary>
    /// <para type="description">How many of the most recent detections the table holds (default 1000).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, 100_000)]
    public int RecentLimit { get; set; } = 1000;

    /// <summary>
    /// <para type="description">Opens the report in the default browser after writing it; warns instead when
    /// the machine has no way to open one.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Show { get; set; }

    protected override string Operation => "ExportReport";

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var range = ResolveRange();
        var requested = Path;
        var path = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(requested)).ConfigureAwait(false);
        if (Directory.Exists(path))
        {
            throw KvsErrors.Terminating(
                $"'{path}' is a folder; -Path needs a file name.",
                "KvsExportReportPathIsFolder",
                ErrorCategory.InvalidArgument,
                path,
                "Pass a file path such as report.html.");
        }

        if (!await ShouldProcessAsync(path, "Write HTML report").ConfigureAwait(false))
        {
            return;
        }

        var chartLibrary = ReadChartLibrary();
        var target = await ResolveTargetAsync().ConfigureAwait(false);
        ReportData? data = null;
        await WithEngineAsync(target, async queries =>
        {
            var collector = new ReportDataCollector(queries)
            {
                TopPlates = Top,
                RecentLimit = RecentLimit,
                OnStep = (step, n, of) => EmitProgress(new ProgressRecord(ProgressId, "Export-KvsReport", $"Querying {step}")
                {
                    PercentComplete = (n - 1) * 100 / (of + 1),
                }),
            };
            data = await collector.CollectAsync(range, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        data!.Title = Title;
        data.GeneratedAt = DateTimeOffset.UtcNow;
        data.Source = target.IsLocal ? $"local stack {target.LocalPath}" : $"Athena {target.Catalog ?? "AwsDataCatalog"}.{target.Database}";
        data.ChartLibrary = ReportAssets.Describe(chartLibrary);

        EmitProgress(new ProgressRecord(ProgressId, "Export-KvsReport", $"Writing {path}") { PercentComplete = 90 });
        try
        {
            await HtmlReportWriter.WriteAsync(path, data, chartLibrary, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw KvsErrors.Terminating(
                $"Cannot write the report to '{path}': {ex.Message}",
                "KvsExportReportWriteFailed",
                ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError,
                path,
                "Choose a path in a folder you can write to.",
                ex);
        }

        EmitProgress(new ProgressRecord(ProgressId, "Export-KvsReport", "Done") { RecordType = ProgressRecordType.Completed });
        var report = new KvsReport
        {
            Path = path,
            Title = Title,
            Detections = data.Totals.Detections,
            DistinctPlates = data.Totals.DistinctPlates,
            Cameras = data.Totals.Cameras,
            First = data.Totals.First,
            Last = data.Totals.Last,
            RecentDetections = data.Recent.Count,
            Length = new FileInfo(path).Length,
            Elapsed = stopwatch.Elapsed,
            GeneratedAt = data.GeneratedAt,
        };
        EmitVerbose($"Wrote {report.Length:N0} bytes to {path} in {stopwatch.Elapsed.TotalSeconds:0.00} s ({report.Detections:N0} detections).");

        if (Show)
        {
            if (BrowserLauncher.TryOpen(path) is { } reason)
            {
                EmitWarning($"The report was written but could not be opened in a browser: {reason}. Open {path} yourself.");
            }
        }

        Emit(report);
    }

    private static string ReadChartLibrary()
    {
        try
        {
            return ReportAssets.ReadChartLibrary();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw KvsErrors.Terminating(
                $"The charting library the report embeds is missing from the module ({ReportAssets.ChartLibraryPath}).",
                "KvsExportReportAssetMissing",
                ErrorCategory.ObjectNotFound,
                ReportAssets.ChartLibraryPath,
                "Reinstall KvsReporting, or rebuild it with build.ps1 -Task Build (it fetches Chart.js).",
                ex);
        }
    }
}
