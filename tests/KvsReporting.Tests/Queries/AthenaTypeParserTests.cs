using KvsReporting.Queries.Types;
using Xunit;

namespace KvsReporting.Tests.Queries;

public sealed class AthenaTypeParserTests
{
    [Theory]
    [InlineData("varchar", AthenaTypeKind.Varchar)]
    [InlineData("VARCHAR(10)", AthenaTypeKind.Varchar)]
    [InlineData("string", AthenaTypeKind.Varchar)]
    [InlineData("int", AthenaTypeKind.Integer)]
    [InlineData("float", AthenaTypeKind.Real)]
    [InlineData("double precision", AthenaTypeKind.Double)]
    [InlineData("timestamp(3)", AthenaTypeKind.Timestamp)]
    [InlineData("timestamp(6) with time zone", AthenaTypeKind.TimestampWithTimeZone)]
    [InlineData("time with time zone", AthenaTypeKind.TimeWithTimeZone)]
    [InlineData("interval day to second", AthenaTypeKind.IntervalDayToSecond)]
    [InlineData("interval year to month", AthenaTypeKind.IntervalYearToMonth)]
    [InlineData("uuid", AthenaTypeKind.Other)]
    public void Reads_scalar_signatures(string signature, AthenaTypeKind kind) =>
        Assert.Equal(kind, AthenaType.Parse(signature).Kind);

    [Fact]
    public void Reads_decimal_precision_and_scale()
    {
        var type = AthenaType.Parse("decimal(38, 9)");
        Assert.Equal(AthenaTypeKind.Decimal, type.Kind);
        Assert.Equal(new[] { 38, 9 }, type.Parameters);
        Assert.Equal("decimal(38,9)", type.ToString());
    }

    [Fact]
    public void Reads_nested_complex_types_with_named_and_quoted_fields()
    {
        var type = AthenaType.Parse("array(row(a integer, \"b c\" map(varchar, array(decimal(10,2))), ts timestamp(3) with time zone, double precision))");
        Assert.Equal(AthenaTypeKind.Array, type.Kind);
        var row = type.Arguments[0];
        Assert.Equal(AthenaTypeKind.Row, row.Kind);
        Assert.Equal(new string?[] { "a", "b c", "ts", null }, row.Fields.Select(f => f.Name));
        Assert.Equal(AthenaTypeKind.Map, row.Fields[1].Type.Kind);
        Assert.Equal(AthenaTypeKind.Decimal, row.Fields[1].Type.Arguments[1].Arguments[0].Kind);
        Assert.Equal(AthenaTypeKind.TimestampWithTimeZone, row.Fields[2].Type.Kind);
        Assert.Equal(AthenaTypeKind.Double, row.Fields[3].Type.Kind);
        Assert.Equal("array(row(a integer, \"b c\" map(varchar, array(decimal(10,2))), ts timestamp(3) with time zone, double))", type.ToString());
    }

    [Fact]
    public void Reads_decimal_from_column_info_parts()
    {
        Assert.Equal("decimal(12,3)", AthenaTypeParser.FromColumnInfo("decimal", 12, 3).ToString());
        Assert.Equal("varchar", AthenaTypeParser.FromColumnInfo("varchar", 2147483647, 0).ToString());
    }

    [Theory]
    [InlineData("array(")]
    [InlineData("map(varchar)")]
    [InlineData("decimal(a,b)")]
    [InlineData("row()")]
    [InlineData("varchar) x")]
    public void Rejects_broken_signatures_with_a_clear_error(string signature)
    {
        var ex = Assert.Throws<AthenaTypeSignatureException>(() => AthenaType.Parse(signature));
        Assert.Contains(signature, ex.Message, StringComparison.Ordinal);
    }
}
