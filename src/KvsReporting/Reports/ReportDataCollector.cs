namespace KvsReporting.Reports;

/// <summary>Runs the report's queries on the engine, one after another (an embedded engine has one connection),
/// and gathers the aggregated results. The page never receives raw rows beyond the recent-detections table.</summary>
internal sealed class ReportDataCollector
{
    /// <summary>Below this many days the daily series has too few points to show a shape; use hours.</summary>
    private static readonly TimeSpan HourlySeriesBelow = TimeSpan.FromDays(3);

    private readonly ReportQueries queries;

    public ReportDataCollector(ReportQueries queries) => this.queries = queries;

    public int TopPlates { get; init; } = 20;

    public int TopCameras { get; init; } = 50;

    public int RecentLimit { get; init; } = 1000;

    /// <summary>Called before each step with its name and step number (for progress).</summary>
    public Action<string, int, int>? OnStep { get; init; }

    public async Task<ReportData> CollectAsync(ReportRange range, CancellationToken cancellationToken)
    {
        const int Steps = 7;
        var data = new ReportData { After = range.After, Before = range.Before, RecentLimit = RecentLimit };
        var dialect = queries.Dialect;

        OnStep?.Invoke("totals", 1, Steps);
        await foreach (var row in queries.RunAsync(ReportSql.Totals(dialect, range, queries.Table), cancellationToken).ConfigureAwait(false))
        {
            data.Totals = new ReportTotals
            {
                Detections = ReportValues.ToLong(row["detections"]),
                DistinctPlates = ReportValues.ToLong(row["distinct_plates"]),
                Cameras = ReportValues.ToLong(row["cameras"]),
                AvgConfidence = ReportValues.ToDouble(row["avg_confidence"]),
                First = ReportValues.ToUtc(row["first_seen"]),
                Last = ReportValues.ToUtc(row["last_seen"]),
            };
        }

        OnStep?.Invoke("detections over time", 2, Steps);
        var span = data.Totals.Last - data.Totals.First;
        if (span is { } s && s < HourlySeriesBelow)
        {
            data.TimeUnit = "hour";
            await foreach (var row in queries.RunAsync(ReportSql.HourlySeries(dialect, range, queries.Table), cancellationToken).ConfigureAwait(false))
            {
                data.TimeSeries.Add(new SeriesPoint(
                    ReportValues.ToText(row["group_key"]) ?? string.Empty,
                    ReportValues.ToLong(row["detections"]),
                    ReportValues.ToLong(row["distinct_plates"]),
                    null));
            }
        }
        else
        {
            data.TimeSeries = await SummaryAsync(SummaryDimension.Day, range, null, cancellationToken).ConfigureAwait(false);
        }

        // One grid query serves the busiest-hours chart: each hour's stack sums to that hour's summary row.
        OnStep?.Invoke("busiest hours by weekday", 3, Steps);
        var grid = new long[7][];
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = new long[24];
        }

        await foreach (var row in queries.RunAsync(ReportSql.HourByWeekday(dialect, range, queries.Table), cancellationToken).ConfigureAwait(false))
        {
            var weekday = ReportValues.ToLong(row["weekday"]);
            var hour = ReportValues.ToLong(row["hour"]);
            if (weekday is >= 1 and <= 7 && hour is >= 0 and <= 23)
            {
                grid[weekday - 1][hour] = ReportValues.ToLong(row["detections"]);
            }
        }

        data.HourByWeekday = grid;

        OnStep?.Invoke("top plates", 4, Steps);
        data.TopPlates = await SummaryAsync(SummaryDimension.Plate, range, TopPlates, cancellationToken).ConfigureAwait(false);
        OnStep?.Invoke("confidence", 5, Steps);
        data.ConfidenceBands = await SummaryAsync(SummaryDimension.ConfidenceBand, range, null, cancellationToken).ConfigureAwait(false);
        OnStep?.Invoke("cameras", 6, Steps);
        data.Cameras = await SummaryAsync(SummaryDimension.Camera, range, TopCameras, cancellationToken).ConfigureAwait(false);

        OnStep?.Invoke("recent detections", 7, Steps);
        await foreach (var row in queries.RunAsync(ReportSql.Recent(dialect, range, RecentLimit, queries.Table), cancellationToken).ConfigureAwait(false))
        {
            data.Recent.Add(new RecentDetection(
                ReportValues.ToUtc(row["ts"]),
                ReportValues.ToText(row["license_plate"]),
                ReportValues.ToDouble(row["confidence"]),
                ReportValues.ToText(row["camera"]),
                ReportValues.ToText(row["image_name"]),
                ReportValues.ToText(row["bucket_name"])));
        }

        return data;
    }

    private async Task<List<SeriesPoint>> SummaryAsync(SummaryDimension dimension, ReportRange range, int? top, CancellationToken cancellationToken)
    {
        var points = new List<SeriesPoint>();
        await foreach (var s in queries.SummarizeAsync(dimension, range, top, cancellationToken).ConfigureAwait(false))
        {
            points.Add(SeriesPoint.From(s));
        }

        return points;
    }
}
