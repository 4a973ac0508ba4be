using KvsReporting.Queries;
using KvsReporting.Reports;
using Xunit;

namespace KvsReporting.Tests.Reports;

/// <summary>The SQL each dialect gets: Athena's functions for Athena, parameters only as placeholders and only
/// where Athena accepts them (WHERE clauses), user values never in the text.</summary>
public sealed class ReportSqlTests
{
    private static readonly ReportRange Range = ReportRange.From(new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 6, 8, 0, 0, 0, DateTimeKind.Utc));

    public static TheoryData<SummaryDimension> Dimensions => new()
    {
        SummaryDimension.Hour, SummaryDimension.Day, SummaryDimension.Weekday,
        SummaryDimension.Plate, SummaryDimension.Camera, SummaryDimension.ConfidenceBand,
    };

    [Theory]
    [MemberData(nameof(Dimensions))]
    public void Summaries_bind_every_value_as_a_parameter(SummaryDimension by)
    {
        foreach (var dialect in new[] { SqlDialect.Athena, SqlDialect.DuckDb })
        {
            var request = SummarySql.Build(dialect, by, Range, top: 7);
            Assert.Equal(request.Parameters.Count, request.Sql.Count(c => c == '?'));
            Assert.Equal(["2025-06-01 00:00:00.000000", "2025-06-08 00:00:00.000000", 7L], request.Parameters);
            Assert.DoesNotContain("2025-06", request.Sql, StringComparison.Ordinal);
            Assert.DoesNotContain("LIMIT", request.Sql, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Athena_gets_Trino_functions_and_DuckDB_its_own()
    {
        var athena = SummarySql.Build(SqlDialect.Athena, SummaryDimension.Weekday, Range, null).Sql;
        var duck = SummarySql.Build(SqlDialect.DuckDb, SummaryDimension.Weekday, Range, null).Sql;
        Assert.Contains("day_of_week(ts)", athena, StringComparison.Ordinal);
        Assert.DoesNotContain("isodow", athena, StringComparison.Ordinal);
        Assert.Contains("isodow(ts)", duck, StringComparison.Ordinal);
    }

    [Fact]
    public void Athena_limits_recent_rows_in_a_WHERE_clause_where_its_parameters_are_allowed()
    {
        var athena = ReportSql.Recent(SqlDialect.Athena, Range, 1000);
        Assert.DoesNotContain("LIMIT", athena.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("WHERE rn <= ?", athena.Sql, StringComparison.Ordinal);
        Assert.Equal(1000L, athena.Parameters[^1]);
    }

    [Fact]
    public void Every_report_query_reads_the_stack_table_as_the_crawler_names_it()
    {
        const string Table = "Plates\"; DROP TABLE x; --";
        const string Quoted = "FROM \"plates\"\"; drop table x; --\")";
        var requests = new[]
        {
            SummarySql.Build(SqlDialect.Athena, SummaryDimension.Day, Range, null, Table),
            PlateHistorySql.Build(SqlDialect.DuckDb, ["A*"], Range, Table),
            ReportSql.Totals(SqlDialect.Athena, Range, Table),
            ReportSql.HourByWeekday(SqlDialect.DuckDb, Range, Table),
            ReportSql.HourlySeries(SqlDialect.Athena, Range, Table),
            ReportSql.Recent(SqlDialect.Athena, Range, 10, Table),
        };
        foreach (var request in requests)
        {
            Assert.Contains(Quoted, request.Sql, StringComparison.Ordinal);
            Assert.DoesNotContain("licenseplatedetections", request.Sql, StringComparison.Ordinal);
        }

        Assert.Contains("FROM \"licenseplatedetections\")", ReportSql.Totals(SqlDialect.Athena, Range).Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc-123", "ABC-123")]
    [InlineData("AB*", "AB%")]
    [InlineData("A?C", "A_C")]
    [InlineData("50%_OFF\\", "50\\%\\_OFF\\\\")]
    public void Plate_patterns_escape_LIKE_metacharacters(string input, string like) =>
        Assert.Equal(like, PlatePattern.ToLike(input));

    [Fact]
    public void Plate_history_has_one_placeholder_per_plate()
    {
        var request = PlateHistorySql.Build(SqlDialect.Athena, ["A'; --", "B*"], ReportRange.From(null, null));
        Assert.Equal(2, request.Sql.Count(c => c == '?'));
        Assert.Equal(["A'; --", "B%"], request.Parameters);
        Assert.Contains("date_diff('millisecond'", request.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Unspecified_times_are_UTC_and_local_times_are_converted()
    {
        var local = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Local);
        var range = ReportRange.From(new DateTime(2025, 6, 1, 12, 0, 0), local);
        Assert.Equal(new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc), range.After);
        Assert.Equal(local.ToUniversalTime(), range.Before);
        Assert.Equal(DateTimeKind.Utc, range.Before!.Value.Kind);
    }
}
