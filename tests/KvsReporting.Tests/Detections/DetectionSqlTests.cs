using DuckDB.NET.Data;
using KvsReporting.Detections;
using KvsReporting.Queries;
using KvsReporting.Queries.Sql;
using Xunit;

namespace KvsReporting.Tests.Detections;

/// <summary>The generated SQL runs on a real DuckDB table holding the drift DynamoDB items have.</summary>
public sealed class DetectionSqlTests : IDisposable
{
    private readonly DuckDBConnection connection = new("Data Source=:memory:");

    public DetectionSqlTests()
    {
        connection.Open();
        Execute("SET TimeZone = 'America/New_York'"); // the results must not depend on the session's zone
        Execute("""
            CREATE TABLE licenseplatedetections (image_name VARCHAR, license_plate VARCHAR, confidence VARCHAR, bucket_name VARCHAR, "timestamp" VARCHAR);
            INSERT INTO licenseplatedetections VALUES
              ('cam1/a.jpg', 'ABC123', '97.25', 'frames', '2025-06-01T10:00:00.123456'),
              ('cam1/b.jpg', 'ABD999', '85', 'frames', '2025-06-01T12:00:00'),
              ('cam2/c.jpg', 'XYZ-77', '80.10', 'frames', '2025-06-02T09:30:00.1+02:00'),
              ('cam2/d.jpg', 'A%_\1', 'n/a', 'frames', 'yesterday'),
              ('cam2/e.jpg', 'O''BRIEN', '99.99', 'frames', '2025-06-03T00:00:00Z');
            """);
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<string> Images(DetectionFilter filter)
    {
        var (sql, parameters) = DetectionSql.Build(filter, SqlDialect.DuckDb);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value!));
        }

        using var reader = command.ExecuteReader();
        var images = new List<string>();
        while (reader.Read())
        {
            images.Add(reader.GetString(0));
        }

        images.Sort(StringComparer.Ordinal);
        return images;
    }

    [Fact]
    public void Plates_match_exactly_or_by_wildcard_without_regard_to_case()
    {
        Assert.Equal(["cam1/a.jpg"], Images(new DetectionFilter { LicensePlates = ["abc123"] }));
        Assert.Equal(["cam1/a.jpg", "cam1/b.jpg"], Images(new DetectionFilter { LicensePlates = ["AB*"] }));
        Assert.Equal(["cam1/a.jpg", "cam2/c.jpg"], Images(new DetectionFilter { LicensePlates = ["ABC12?", "xyz*"] }));
    }

    [Fact]
    public void Like_metacharacters_in_user_input_match_themselves()
    {
        Assert.Equal(["cam2/d.jpg"], Images(new DetectionFilter { LicensePlates = ["A%_\\*"] }));
        Assert.Empty(Images(new DetectionFilter { LicensePlates = ["A%"] })); // % is not a wildcard here
        Assert.Empty(Images(new DetectionFilter { LicensePlates = ["_BC123"] }));
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("x'; DROP TABLE licenseplatedetections; --")]
    [InlineData("*' OR 1=1 --")]
    [InlineData("\" OR \"\"=\"")]
    public void Injection_attempts_stay_data(string attack)
    {
        var (sql, parameters) = DetectionSql.Build(new DetectionFilter { LicensePlates = [attack], ImageNames = [attack] }, SqlDialect.Athena);
        Assert.DoesNotContain(attack, sql, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP", sql, StringComparison.Ordinal);
        Assert.Empty(Images(new DetectionFilter { LicensePlates = [attack] }));
        Assert.Empty(Images(new DetectionFilter { ImageNames = [attack] }));
        Assert.Equal(5, Images(new DetectionFilter()).Count); // the table is still there and whole
    }

    [Fact]
    public void Athena_string_literals_keep_quotes_as_data_when_substituted()
    {
        // Athena substitutes each ExecutionParameters string for its ?: the literal must be a closed string.
        // DuckDB shares SQL's quoting rule, so substitute the literals and run the text.
        var (sql, parameters) = DetectionSql.Build(new DetectionFilter { LicensePlates = ["o'brien", "' OR '1'='1"] }, SqlDialect.Athena);
        var parts = sql.Split('?');
        var text = parts[0];
        for (var i = 0; i < parameters.Count; i++)
        {
            text += AthenaParameterLiteral.Format(parameters[i]) + parts[i + 1];
        }

        using var command = connection.CreateCommand();
        command.CommandText = text;
        using var reader = command.ExecuteReader();
        var images = new List<string>();
        while (reader.Read())
        {
            images.Add(reader.GetString(0));
        }

        Assert.Equal(["cam2/e.jpg"], images);
    }

    [Fact]
    public void Time_range_reads_iso_strings_of_any_precision_and_offset()
    {
        Assert.Equal(["cam1/b.jpg", "cam2/c.jpg"], Images(new DetectionFilter
        {
            After = new DateTimeOffset(2025, 6, 1, 11, 0, 0, TimeSpan.Zero),
            Before = new DateTimeOffset(2025, 6, 3, 0, 0, 0, TimeSpan.Zero),
        }));
        // 09:30+02:00 is 07:30 UTC
        Assert.Equal(["cam2/c.jpg"], Images(new DetectionFilter { After = new DateTimeOffset(2025, 6, 2, 7, 30, 0, TimeSpan.Zero), Before = new DateTimeOffset(2025, 6, 2, 7, 31, 0, TimeSpan.Zero) }));
    }

    [Fact]
    public void Confidence_filter_reads_numbers_stored_as_text_and_skips_garbage()
    {
        Assert.Equal(["cam1/a.jpg", "cam2/e.jpg"], Images(new DetectionFilter { MinConfidence = 90m }));
        Assert.Equal(["cam1/a.jpg", "cam1/b.jpg", "cam2/c.jpg", "cam2/e.jpg"], Images(new DetectionFilter { MinConfidence = 80.1m }));
    }

    [Fact]
    public void First_takes_the_oldest()
    {
        var (sql, _) = DetectionSql.Build(new DetectionFilter { First = 2 }, SqlDialect.DuckDb);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var images = new List<string>();
        while (reader.Read())
        {
            images.Add(reader.GetString(0));
        }

        Assert.Equal(["cam1/a.jpg", "cam1/b.jpg"], images);
    }

    [Fact]
    public void Athena_literals_are_typed_and_quoted()
    {
        Assert.Equal("'O''BRIEN'", AthenaParameterLiteral.Format("O'BRIEN"));
        Assert.Equal("TIMESTAMP '2025-06-01 10:00:00.0000000 UTC'", AthenaParameterLiteral.Format(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(2))));
        Assert.Equal("DOUBLE '80.1'", AthenaParameterLiteral.Format(80.1));
        Assert.Equal("DECIMAL '97.25'", AthenaParameterLiteral.Format(97.25m));
        Assert.Equal("42", AthenaParameterLiteral.Format(42));
        Assert.Equal("DATE '2025-06-01'", AthenaParameterLiteral.Format(new DateOnly(2025, 6, 1)));
        Assert.Equal("NULL", AthenaParameterLiteral.Format(null));
        Assert.Throws<ArgumentException>(() => AthenaParameterLiteral.Format(new object()));
        Assert.Throws<ArgumentException>(() => AthenaParameterLiteral.Format(double.NaN));
    }

    public void Dispose() => connection.Dispose();
}
