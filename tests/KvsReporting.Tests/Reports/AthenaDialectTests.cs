using KvsReporting.Local;
using KvsReporting.Queries;
using KvsReporting.Reports;
using Xunit;

namespace KvsReporting.Tests.Reports;

/// <summary>
/// The Athena-dialect SQL, run for real: the embedded engine runs Athena SQL unchanged (it translates Trino's
/// functions), so the summaries generated for Athena must give exactly what the DuckDB-dialect SQL gives on the
/// same stack. This catches Athena SQL that is wrong in meaning, not only in spelling.
/// </summary>
[Collection("Serial")]
public sealed class AthenaDialectTests : IClassFixture<SummaryDataFixture>
{
    private static readonly ReportRange Range = ReportRange.From(new DateTime(2025, 6, 3), new DateTime(2025, 6, 12, 18, 0, 0));
    private readonly DetectionFixture data;

    public AthenaDialectTests(SummaryDataFixture fixture) => data = fixture.Data;

    public static TheoryData<SummaryDimension> Dimensions => new()
    {
        SummaryDimension.Hour, SummaryDimension.Day, SummaryDimension.Weekday,
        SummaryDimension.Plate, SummaryDimension.Camera, SummaryDimension.ConfidenceBand,
    };

    [Theory]
    [MemberData(nameof(Dimensions))]
    public async Task Athena_summaries_equal_the_embedded_engine_summaries(SummaryDimension by)
    {
        var athena = await Summaries(SqlDialect.Athena, q => q.SummarizeAsync(by, Range, 7, default));
        var duck = await Summaries(SqlDialect.DuckDb, q => q.SummarizeAsync(by, Range, 7, default));
        Assert.InRange(duck.Count, 4, 7); // -Top 7, and only 5 cameras exist
        Assert.Equal(duck, athena);
    }

    [Fact]
    public async Task Athena_plate_history_equals_the_embedded_engine_history()
    {
        var plate = data.Counted.GroupBy(r => r.LicensePlate).OrderByDescending(g => g.Count()).First().Key!;
        var athena = await Summaries(SqlDialect.Athena, q => q.PlateHistoryAsync([plate, "Z*"], Range, default));
        var duck = await Summaries(SqlDialect.DuckDb, q => q.PlateHistoryAsync([plate, "Z*"], Range, default));
        Assert.NotEmpty(duck);
        Assert.Equal(duck, athena);
    }

    [Fact]
    public async Task Athena_report_data_equals_the_embedded_engine_report_data()
    {
        var athena = await Collect(SqlDialect.Athena);
        var duck = await Collect(SqlDialect.DuckDb);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(duck), System.Text.Json.JsonSerializer.Serialize(athena));
    }

    private async Task<ReportData> Collect(SqlDialect dialect)
    {
        using var engine = new DialectEngine(data.Folder, dialect);
        return await new ReportDataCollector(new ReportQueries(engine, new ReportEngineTarget { LocalPath = data.Folder }))
            { RecentLimit = 50 }.CollectAsync(Range, default);
    }

    private async Task<List<string>> Summaries<T>(SqlDialect dialect, Func<ReportQueries, IAsyncEnumerable<T>> run)
    {
        using var engine = new DialectEngine(data.Folder, dialect);
        var rows = new List<string>();
        await foreach (var row in run(new ReportQueries(engine, new ReportEngineTarget { LocalPath = data.Folder })))
        {
            rows.Add(System.Text.Json.JsonSerializer.Serialize(row));
        }

        return rows;
    }

    /// <summary>The embedded engine, asked for SQL of the given dialect (it accepts Athena SQL as well).</summary>
    private sealed class DialectEngine(string folder, SqlDialect dialect) : IQueryEngine, IDisposable
    {
        private readonly LocalReportEngine engine = new(folder);

        public SqlDialect Dialect => dialect;

        public IAsyncEnumerable<object?[]> QueryAsync(QueryRequest request, Action<IReadOnlyList<QueryColumn>> onColumns, CancellationToken cancellationToken) =>
            engine.QueryAsync(request, onColumns, cancellationToken);

        public void Dispose() => engine.Dispose();
    }
}
