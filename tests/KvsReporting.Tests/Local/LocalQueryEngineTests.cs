using System.Management.Automation;
using KvsReporting.Errors;
using KvsReporting.Local;
using KvsReporting.Queries;
using Xunit;

namespace KvsReporting.Tests.Local;

public sealed class LocalQueryEngineTests : IDisposable
{
    private readonly TempStack stack = new();

    public LocalQueryEngineTests() => stack.CrawlSample(500);

    [Fact]
    public void The_seed_query_runs_unchanged_and_returns_the_crawled_columns_with_Athena_types()
    {
        var (columns, rows) = stack.Query("SELECT * FROM \"default\".\"licenseplatedetections\" limit 10;");

        Assert.Equal(10, rows.Count);
        Assert.Equal(
            new[] { "image_name:varchar", "license_plate:varchar", "confidence:double", "bucket_name:varchar", "timestamp:varchar" },
            columns.Select(c => $"{c.Name}:{c.AthenaType}"));
        Assert.All(rows, r => Assert.InRange((double)r[2]!, 80.0, 99.99));
    }

    [Theory]
    [InlineData("\"default\".\"licenseplatedetections\"")]
    [InlineData("\"kvsworkshop\".\"default\".\"licenseplatedetections\"")]
    [InlineData("\"AwsDataCatalog\".\"kvsworkshop_db\".\"licenseplatedetections\"")]
    [InlineData("awsdatacatalog.kvsworkshop_db.licenseplatedetections")]
    [InlineData("kvsworkshop_db.licenseplatedetections")]
    [InlineData("licenseplatedetections")]
    public void Every_Athena_name_of_the_table_reads_the_same_rows(string name)
    {
        var expected = stack.Query("SELECT image_name, license_plate FROM \"AwsDataCatalog\".\"kvsworkshop_db\".\"licenseplatedetections\" ORDER BY image_name").Rows;
        var actual = stack.Query($"SELECT image_name, license_plate FROM {name} ORDER BY image_name").Rows;

        Assert.Equal(500, actual.Count);
        Assert.Equal(expected.Select(r => (string)r[0]!), actual.Select(r => (string)r[0]!));
    }

    [Fact]
    public void The_query_context_selects_the_connector_catalog_for_unqualified_names()
    {
        var engine = new LocalQueryEngine(stack.Folder);
        var rows = new List<object?[]>();
        var request = new QueryRequest("SELECT count(*) FROM licenseplatedetections") { Catalog = "kvsworkshop", Database = "default" };
        foreach (var row in engine.QueryAsync(request, _ => { }, CancellationToken.None).ToBlockingEnumerable())
        {
            rows.Add(row);
        }

        Assert.Equal(500L, rows.Single()[0]);
    }

    [Theory]
    [InlineData("x' OR '1'='1")]
    [InlineData("'; DROP TABLE kvsworkshop_db.licenseplatedetections; --")]
    public void A_parameter_is_data_never_SQL(string hostile)
    {
        var (_, rows) = stack.Query("SELECT count(*) FROM licenseplatedetections WHERE license_plate = ?", hostile);
        Assert.Equal(0L, rows.Single()[0]);

        Assert.Equal(500L, stack.Query("SELECT count(*) FROM licenseplatedetections").Rows.Single()[0]);
    }

    [Fact]
    public void Parameters_bind_positionally_with_their_types()
    {
        var plate = (string)stack.Query("SELECT license_plate FROM licenseplatedetections ORDER BY image_name LIMIT 1").Rows.Single()[0]!;
        var (_, rows) = stack.Query("SELECT count(*) FROM licenseplatedetections WHERE license_plate = ? AND confidence >= ?", plate, 80.0);
        Assert.True((long)rows.Single()[0]! >= 1);
    }

    [Fact]
    public void Presto_date_and_aggregate_functions_give_the_answers_Athena_gives()
    {
        var (columns, rows) = stack.Query("""
            SELECT
              from_iso8601_timestamp('2025-06-01T16:03:07.123+02:00') AS t,
              date_parse('2025-06-01 14:03:07', '%Y-%m-%d %H:%i:%s') AS parsed,
              format_datetime(date_parse('2025-06-01 14:03:07', '%Y-%m-%d %H:%i:%s'), 'yyyy-MM-dd HH') AS hour_text,
              date_format(TIMESTAMP '2025-06-01 14:03:07', '%Y/%m/%d %T') AS formatted,
              date_diff('hour', TIMESTAMP '2025-06-01 00:30:00', TIMESTAMP '2025-06-01 01:10:00') AS whole_hours,
              date_add('day', 2, TIMESTAMP '2025-06-01 00:00:00') AS later,
              regexp_like('ABC-1234', '^[A-Z]{3}-[0-9]{4}$') AS matches,
              (SELECT approx_distinct(license_plate) FROM licenseplatedetections) AS plates
            """);
        var row = rows.Single();

        Assert.Equal("timestamp", columns[0].AthenaType);
        Assert.Equal(new DateTime(2025, 6, 1, 14, 3, 7, 123), (DateTime)row[0]!); // the offset is honoured: UTC instant
        Assert.Equal(new DateTime(2025, 6, 1, 14, 3, 7), (DateTime)row[1]!);
        Assert.Equal("2025-06-01 14", row[2]);
        Assert.Equal("2025/06/01 14:03:07", row[3]);
        Assert.Equal(0L, row[4]); // Trino counts whole hours elapsed (40 minutes: 0), not boundaries crossed
        Assert.Equal(new DateTime(2025, 6, 3), (DateTime)row[5]!);
        Assert.Equal(true, row[6]);
        Assert.InRange((long)row[7]!, 300L, 500L);
    }

    [Theory]
    [InlineData("2025-06-01T14:03:07.123456", "2025-06-01T14:03:07.1234560")]
    [InlineData("2025-06-01T14:03:07.123+02", "2025-06-01T12:03:07.1230000")]
    [InlineData("2025-06-01T14:03:07.1-0500", "2025-06-01T19:03:07.1000000")]
    [InlineData("2025-06-01T14:03:07.12345Z", "2025-06-01T14:03:07.1234500")]
    [InlineData("2025-06-01T14:03:07", "2025-06-01T14:03:07.0000000")]
    public void from_iso8601_timestamp_honours_every_offset_form(string text, string utc)
    {
        var value = (DateTime)stack.Query("SELECT from_iso8601_timestamp(?)", text).Rows.Single()[0]!;
        Assert.Equal(utc, value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Nested_and_decimal_results_carry_Athena_type_names()
    {
        var (columns, _) = stack.Query("SELECT CAST(1.5 AS DECIMAL(10,2)) AS d, [1, 2] AS a, {'x': 1, 'y': 'b'} AS r, DATE '2025-06-01' AS day");

        Assert.Equal(new[] { "decimal(10,2)", "array(integer)", "row(x integer, y varchar)", "date" }, columns.Select(c => c.AthenaType));
    }

    [Fact]
    public void A_function_Athena_has_and_the_local_engine_lacks_is_named_in_the_error()
    {
        var ex = Assert.Throws<KvsErrorException>(() => stack.Query("SELECT map_agg(license_plate, confidence) FROM licenseplatedetections"));

        Assert.Equal("KvsInvokeQueryUnsupportedSql", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Contains("map_agg", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.NotImplemented, ex.ErrorRecord.CategoryInfo.Category);
    }

    [Fact]
    public void A_format_that_cannot_be_translated_is_named_in_the_error()
    {
        var ex = Assert.Throws<KvsErrorException>(() => stack.Query("SELECT date_parse(\"timestamp\", bucket_name) FROM licenseplatedetections"));
        Assert.Equal("KvsInvokeQueryUnsupportedSql", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Contains("date_parse", ex.Message, StringComparison.Ordinal);

        var specifier = Assert.Throws<KvsErrorException>(() => stack.Query("SELECT date_format(now(), '%U')"));
        Assert.Contains("%U", specifier.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_table_says_to_crawl_first()
    {
        var ex = Assert.Throws<KvsErrorException>(() => stack.Query("SELECT * FROM \"default\".\"otherdetections\""));

        Assert.Equal("KvsInvokeQueryTableNotFound", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Contains("otherdetections", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Start-KvsCrawler", ex.ErrorRecord.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelling_stops_a_running_query()
    {
        var engine = new LocalQueryEngine(stack.Folder);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var request = new QueryRequest("SELECT count(*) FROM range(100000000000) a");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in engine.QueryAsync(request, _ => { }, cts.Token).ToBlockingEnumerable())
            {
            }
        });
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancel took {watch.Elapsed}");
    }

    public void Dispose() => stack.Dispose();
}
