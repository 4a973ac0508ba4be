using System.Runtime.CompilerServices;
using KvsReporting.Queries;

namespace KvsReporting.Reports;

/// <summary>Runs report SQL on an engine and maps result rows to the report types. No aggregation happens here:
/// every number comes from the engine.</summary>
internal sealed class ReportQueries
{
    private readonly IQueryEngine engine;
    private readonly ReportEngineTarget target;

    public ReportQueries(IQueryEngine engine, ReportEngineTarget target)
    {
        this.engine = engine;
        this.target = target;
    }

    public SqlDialect Dialect => engine.Dialect;

    /// <summary>The detections table the reports read (the stack's TableName, as the crawler names it).</summary>
    public string Table => target.TableName;

    public async IAsyncEnumerable<KvsDetectionSummary> SummarizeAsync(
        SummaryDimension dimension, ReportRange range, int? top, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = SummarySql.Build(engine.Dialect, dimension, range, top, Table);
        await foreach (var row in RunAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var key = ReportValues.ToText(row["group_key"]) ?? string.Empty;
            yield return new KvsDetectionSummary
            {
                Dimension = dimension,
                Key = dimension == SummaryDimension.Weekday ? WeekdayName(key) : key,
                Detections = ReportValues.ToLong(row["detections"]),
                Percent = ReportValues.ToDouble(row["percent"]) ?? 0,
                DistinctPlates = ReportValues.ToLong(row["distinct_plates"]),
                AvgConfidence = ReportValues.ToDouble(row["avg_confidence"]),
                MinConfidence = ReportValues.ToDouble(row["min_confidence"]),
                MaxConfidence = ReportValues.ToDouble(row["max_confidence"]),
                First = ReportValues.ToUtc(row["first_seen"]),
                Last = ReportValues.ToUtc(row["last_seen"]),
                LocalPath = target.LocalPath,
                WorkGroup = target.WorkGroup,
                Catalog = target.Catalog,
                Database = target.Database,
            };
        }
    }

    public async IAsyncEnumerable<KvsPlateSighting> PlateHistoryAsync(
        IReadOnlyList<string> plates, ReportRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = PlateHistorySql.Build(engine.Dialect, plates, range, Table);
        await foreach (var row in RunAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var gap = row["gap_ms"];
            yield return new KvsPlateSighting
            {
                LicensePlate = ReportValues.ToText(row["license_plate"]) ?? string.Empty,
                Sighting = ReportValues.ToLong(row["sighting"]),
                Timestamp = ReportValues.ToUtc(row["ts"]) ?? default,
                SincePrevious = gap is null or DBNull ? null : TimeSpan.FromMilliseconds(ReportValues.ToLong(gap)),
                Confidence = ReportValues.ToDouble(row["confidence"]),
                Camera = ReportValues.ToText(row["camera"]),
                ImageName = ReportValues.ToText(row["image_name"]) ?? string.Empty,
                BucketName = ReportValues.ToText(row["bucket_name"]),
            };
        }
    }

    /// <summary>Runs any report query and yields rows addressable by column name.</summary>
    public async IAsyncEnumerable<ResultRow> RunAsync(QueryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        request = request with
        {
            WorkGroup = request.WorkGroup ?? target.WorkGroup,
            Catalog = request.Catalog ?? target.Catalog,
            Database = request.Database ?? target.Database,
            OutputLocation = request.OutputLocation ?? target.OutputLocation,
            Timeout = request.Timeout ?? target.Timeout,
        };
        Dictionary<string, int>? columns = null;
        await foreach (var values in engine.QueryAsync(request, c => columns = Index(c), cancellationToken).ConfigureAwait(false))
        {
            yield return new ResultRow(columns ?? throw new InvalidOperationException("The engine returned rows before columns."), values);
        }
    }

    internal static string WeekdayName(string isoDay) => isoDay switch
    {
        "1" => "Monday",
        "2" => "Tuesday",
        "3" => "Wednesday",
        "4" => "Thursday",
        "5" => "Friday",
        "6" => "Saturday",
        "7" => "Sunday",
        _ => isoDay,
    };

    private static Dictionary<string, int> Index(IReadOnlyList<QueryColumn> columns)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
        {
            index.TryAdd(columns[i].Name, i);
        }

        return index;
    }
}

/// <summary>One result row, read by column name.</summary>
internal readonly struct ResultRow
{
    private readonly Dictionary<string, int> columns;
    private readonly object?[] values;

    public ResultRow(Dictionary<string, int> columns, object?[] values)
    {
        this.columns = columns;
        this.values = values;
    }

    public object? this[string name] => columns.TryGetValue(name, out var i) && i < values.Length
        ? values[i]
        : throw new KeyNotFoundException($"The result has no column '{name}'.");
}
