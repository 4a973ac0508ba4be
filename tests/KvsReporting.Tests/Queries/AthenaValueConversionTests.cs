using System.Collections.Specialized;
using KvsReporting.Queries.Types;
using Xunit;

namespace KvsReporting.Tests.Queries;

public sealed class AthenaValueConversionTests
{
    private static object? Convert(string type, string text) => AthenaScalarParser.Parse(AthenaType.Parse(type), text);

    [Fact]
    public void Converts_every_scalar_type_to_its_dotnet_type()
    {
        Assert.Equal(true, Convert("boolean", "true"));
        Assert.Equal(false, Convert("boolean", "false"));
        Assert.Equal((sbyte)-128, Convert("tinyint", "-128"));
        Assert.Equal((short)32767, Convert("smallint", "32767"));
        Assert.Equal(-2147483648, Convert("integer", "-2147483648"));
        Assert.Equal(9223372036854775807L, Convert("bigint", "9223372036854775807"));
        Assert.Equal(1.5f, Convert("real", "1.5"));
        Assert.Equal(float.PositiveInfinity, Convert("real", "Infinity"));
        Assert.Equal(double.NaN, Convert("double", "NaN"));
        Assert.Equal(1.0E-300, Convert("double", "1.0E-300"));
        Assert.Equal(97.25m, Convert("decimal(5,2)", "97.25"));
        Assert.Equal("ABC 123", Convert("varchar", "ABC 123"));
        Assert.Equal("ab  ", Convert("char(4)", "ab  "));
        Assert.Equal(new DateOnly(2024, 2, 29), Convert("date", "2024-02-29"));
        Assert.Equal(new TimeOnly(14, 3, 7, 123), Convert("time(3)", "14:03:07.123"));
        Assert.Equal("{\"a\":[1,2]}", Convert("json", "{\"a\":[1,2]}"));
        Assert.Equal(Guid.Parse("6f1c6a6a-3c2e-4b43-9a38-0f6a0a9d2b11").ToString(), Convert("uuid", "6f1c6a6a-3c2e-4b43-9a38-0f6a0a9d2b11"));
    }

    [Theory]
    [InlineData("97.25")]
    [InlineData("-97.25")]
    [InlineData("0.00")]
    [InlineData("-0.00")]
    [InlineData("007.50")]
    [InlineData("123456789012345678")]
    [InlineData("1234567890.12345678")]
    [InlineData("12345678901234567.89")]
    [InlineData("-999999999999999999")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1.5")]
    [InlineData("1234567890123456789.5")]
    public void Decimal_fast_path_gives_the_same_value_and_scale_as_decimal_parse(string text)
    {
        var expected = decimal.Parse(text, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture);
        var actual = (decimal)Convert("decimal(38,10)", text)!;
        Assert.Equal(decimal.GetBits(expected), decimal.GetBits(actual)); // sign, scale and digits alike
    }

    [Fact]
    public void Decimal_keeps_every_digit_decimal_can_hold_and_refuses_to_round()
    {
        Assert.Equal(1234567890123456789012345678m, Convert("decimal(38,0)", "1234567890123456789012345678"));
        Assert.Equal(-0.1234567890123456789012345678m, Convert("decimal(38,28)", "-0.1234567890123456789012345678"));
        Assert.Equal(12.3400m, Convert("decimal(10,4)", "12.3400"));
        Assert.Equal("12.3400", ((decimal)Convert("decimal(10,4)", "12.3400")!).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var rounding = Assert.Throws<AthenaValueException>(() => Convert("decimal(38,30)", "0.123456789012345678901234567890"));
        Assert.Contains("significant digits", rounding.Message, StringComparison.Ordinal);
        var overflow = Assert.Throws<AthenaValueException>(() => Convert("decimal(38,0)", "99999999999999999999999999999999999999"));
        Assert.Contains("range", overflow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamp_is_utc_with_any_fraction()
    {
        var ts = (DateTime)Convert("timestamp(3)", "2025-06-01 14:03:07.123")!;
        Assert.Equal(DateTimeKind.Utc, ts.Kind);
        Assert.Equal(new DateTime(2025, 6, 1, 14, 3, 7, 123, DateTimeKind.Utc), ts);
        Assert.Equal(new DateTime(2025, 6, 1, 14, 3, 7, DateTimeKind.Utc).AddTicks(1234567), Convert("timestamp(9)", "2025-06-01 14:03:07.123456789"));
        Assert.Equal(new DateTime(2025, 6, 1, 14, 3, 0, DateTimeKind.Utc), Convert("timestamp", "2025-06-01T14:03"));
        Assert.Throws<AthenaValueException>(() => Convert("timestamp", "2025-13-01 00:00:00"));
    }

    [Fact]
    public void Timestamp_with_time_zone_resolves_named_zones_and_offsets()
    {
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 14, 3, 7, 123, TimeSpan.Zero), Convert("timestamp(3) with time zone", "2025-06-01 14:03:07.123 UTC"));
        var ny = (DateTimeOffset)Convert("timestamp(3) with time zone", "2025-06-01 10:03:07.123 America/New_York")!;
        Assert.Equal(TimeSpan.FromHours(-4), ny.Offset); // daylight saving time in June
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 14, 3, 7, 123, TimeSpan.Zero), ny.ToUniversalTime());
        var winter = (DateTimeOffset)Convert("timestamp with time zone", "2025-01-15 10:00:00.000 America/New_York")!;
        Assert.Equal(TimeSpan.FromHours(-5), winter.Offset);
        Assert.Equal(TimeSpan.FromMinutes(330), ((DateTimeOffset)Convert("timestamp with time zone", "2025-06-01 10:00:00 +05:30")!).Offset);
        var unknown = Assert.Throws<AthenaValueException>(() => Convert("timestamp with time zone", "2025-06-01 10:00:00 Mars/Olympus"));
        Assert.Contains("Mars/Olympus", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_with_time_zone_and_intervals_have_their_own_types()
    {
        Assert.Equal(new AthenaTimeWithTimeZone(new TimeOnly(1, 2, 3, 456), TimeSpan.FromHours(-8)), Convert("time(3) with time zone", "01:02:03.456-08:00"));
        Assert.Equal(new TimeSpan(2, 3, 4, 5, 678), Convert("interval day to second", "2 03:04:05.678"));
        Assert.Equal(-new TimeSpan(0, 0, 0, 1, 500), Convert("interval day to second", "-0 00:00:01.500"));
        Assert.Equal(new AthenaYearMonthInterval(14), Convert("interval year to month", "1-2"));
        Assert.Equal(new AthenaYearMonthInterval(-3), Convert("interval year to month", "-0-3"));
    }

    [Fact]
    public void Varbinary_reads_athenas_spaced_hex()
    {
        Assert.Equal("hello"u8.ToArray(), Convert("varbinary", "68 65 6c 6c 6f"));
        Assert.Equal(Array.Empty<byte>(), Convert("varbinary", ""));
        Assert.Throws<AthenaValueException>(() => Convert("varbinary", "6 8z"));
    }

    [Fact]
    public void Bad_text_for_a_type_is_an_error_not_a_guess()
    {
        Assert.Throws<AthenaValueException>(() => Convert("integer", "12.5"));
        Assert.Throws<AthenaValueException>(() => Convert("tinyint", "300"));
        Assert.Throws<AthenaValueException>(() => Convert("boolean", "yes"));
        Assert.Throws<AthenaValueException>(() => Convert("date", "2023-02-29"));
    }

    [Fact]
    public void Arrays_maps_and_rows_nest_to_any_depth()
    {
        var value = (object?[])Convert("array(row(a integer, b varchar, c array(map(varchar, double))))",
            "[{a=1, b=x, y, c=[{k=1.5, j=null}]}, {a=null, b=, c=[]}, null]")!;
        Assert.Equal(3, value.Length);
        var first = (OrderedDictionary)value[0]!;
        Assert.Equal(1, first["a"]);
        Assert.Equal("x, y", first["b"]); // named row fields are split on ", name=", so the comma stays data
        var map = (OrderedDictionary)((object?[])first["c"]!)[0]!;
        Assert.Equal(1.5, map["k"]);
        Assert.Null(map["j"]);
        Assert.True(map.Contains("j"));
        var second = (OrderedDictionary)value[1]!;
        Assert.Null(second["a"]);
        Assert.Equal(string.Empty, second["b"]);
        Assert.Empty((object?[])second["c"]!);
        Assert.Null(value[2]);
    }

    [Fact]
    public void Map_keys_get_their_declared_type()
    {
        var map = (OrderedDictionary)Convert("map(integer, array(date))", "{1=[2024-01-01, 2024-01-02], 2=[]}")!;
        Assert.Equal(new object?[] { new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2) }, (object?[])map[(object)1]!);
        Assert.Empty((object?[])map[(object)2]!);
    }

    [Fact]
    public void Untyped_complex_columns_keep_elements_as_text()
    {
        var value = (object?[])Convert("array", "[1, [2, 3], {a=b}]")!;
        Assert.Equal("1", value[0]);
        Assert.Equal(new object?[] { "2", "3" }, (object?[])value[1]!);
        Assert.Equal("b", ((OrderedDictionary)value[2]!)["a"]);
    }

    [Fact]
    public void Unnamed_row_fields_are_numbered()
    {
        var row = (OrderedDictionary)Convert("row(integer, varchar)", "{field0=7, field1=seven}")!;
        Assert.Equal(7, row["field0"]);
        Assert.Equal("seven", row["field1"]);
        var bare = (OrderedDictionary)Convert("row(integer, varchar)", "{7, seven}")!;
        Assert.Equal(7, bare["field0"]);
        Assert.Equal("seven", bare["field1"]);
    }
}
