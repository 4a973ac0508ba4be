using KvsReporting.Local;
using Xunit;

namespace KvsReporting.Tests.Local;

public sealed class AthenaSqlTranslatorTests
{
    [Fact]
    public void Text_inside_literals_identifiers_and_comments_is_never_rewritten()
    {
        const string sql = "SELECT 'date_parse(x, ''%i'')' AS \"date_parse(\" -- date_parse(a, '%i')\nFROM t";
        Assert.Equal(sql, AthenaSqlTranslator.Translate(sql).Sql);
    }

    [Fact]
    public void Nested_calls_are_rewritten_inside_out()
    {
        var result = AthenaSqlTranslator.Translate("SELECT format_datetime(date_parse(ts, '%Y-%m-%d %H:%i'), 'yyyy-MM-dd''T''HH') FROM t");
        Assert.Equal("SELECT strftime(strptime(ts, '%Y-%m-%d %H:%M'), '%Y-%m-%dT%H') FROM t", result.Sql);
        Assert.Equal(new[] { "date_parse", "format_datetime" }, result.Rewrites.OrderBy(r => r, StringComparer.Ordinal));
    }

    [Fact]
    public void Backquoted_identifiers_become_double_quoted()
    {
        Assert.Equal("SELECT \"timestamp\" FROM \"default\".x", AthenaSqlTranslator.Translate("SELECT `timestamp` FROM `default`.x").Sql);
    }

    [Fact]
    public void A_qualified_name_that_looks_like_a_function_is_left_alone()
    {
        const string sql = "SELECT s.date_add('day', 1, x) FROM t";
        Assert.Equal(sql, AthenaSqlTranslator.Translate(sql).Sql);
    }

    [Fact]
    public void A_wrong_argument_count_is_unsupported_naming_the_function()
    {
        var ex = Assert.Throws<UnsupportedAthenaSqlException>(() => AthenaSqlTranslator.Translate("SELECT date_add('day', 1) FROM t"));
        Assert.Equal("date_add", ex.Construct);
    }
}
