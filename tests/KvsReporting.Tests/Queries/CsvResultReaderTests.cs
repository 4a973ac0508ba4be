using System.Text;
using KvsReporting.Queries;
using KvsReporting.Queries.Results;
using KvsReporting.Queries.Types;
using Xunit;

namespace KvsReporting.Tests.Queries;

public sealed class CsvResultReaderTests
{
    private static readonly QueryColumn[] Columns =
    [
        new("id", "integer"), new("name", "varchar"), new("score", "decimal(5,2)"), new("seen", "timestamp(3)"), new("tags", "array(varchar)"),
    ];

    private static async Task<List<object?[]>> Read(string csv, long? maxRows = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var rows = new List<object?[]>();
        await foreach (var row in CsvResultReader.ReadAsync(stream, new ResultRowConverter(Columns), maxRows, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task Unquoted_empty_is_null_and_quoted_empty_is_an_empty_string()
    {
        var rows = await Read("\"id\",\"name\",\"score\",\"seen\",\"tags\"\n\"1\",\"\",,\"2025-06-01 14:03:07.123\",\n\"2\",,\"97.50\",,\"[]\"\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(string.Empty, rows[0][1]);
        Assert.Null(rows[0][2]);
        Assert.Null(rows[0][4]);
        Assert.Null(rows[1][1]);
        Assert.Equal(97.50m, rows[1][2]);
        Assert.Empty((object?[])rows[1][4]!);
    }

    [Fact]
    public async Task Rfc4180_quotes_commas_and_line_breaks_stay_data()
    {
        var rows = await Read("\"id\",\"name\",\"score\",\"seen\",\"tags\"\r\n\"1\",\"say \"\"hi\"\", then\r\nleave\",\"1.00\",\"2025-06-01 00:00:00.000\",\"[a, b]\"\r\n");
        Assert.Single(rows);
        Assert.Equal("say \"hi\", then\r\nleave", rows[0][1]);
        Assert.Equal(new object?[] { "a", "b" }, (object?[])rows[0][4]!);
    }

    [Fact]
    public async Task Csv_and_paged_strings_give_identical_values()
    {
        var fields = new List<string?[]>
        {
            new string?[] { "1", "ABC 123", "99.10", "2025-06-01 14:03:07.123", "[x, y]" },
            new string?[] { "2", string.Empty, null, null, "[]" },
            new string?[] { null, "quote \" and, comma", "0.00", "2024-02-29 23:59:59.999", null },
        };
        var csv = new StringBuilder("\"id\",\"name\",\"score\",\"seen\",\"tags\"\n");
        foreach (var row in fields)
        {
            csv.AppendJoin(',', row.Select(f => f is null ? string.Empty : "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")).Append('\n');
        }

        var fromCsv = await Read(csv.ToString());
        var converter = new ResultRowConverter(Columns);
        var fromPages = fields.Select((f, i) => converter.Convert(f, i + 1)).ToList();
        Assert.Equal(fromPages.Count, fromCsv.Count);
        for (var i = 0; i < fromPages.Count; i++)
        {
            Assert.Equal(fromPages[i], fromCsv[i]); // xunit compares nested arrays element by element
        }
    }

    [Fact]
    public async Task MaxRows_stops_reading()
    {
        var csv = "\"id\",\"name\",\"score\",\"seen\",\"tags\"\n" + string.Concat(Enumerable.Range(1, 50).Select(i => $"\"{i}\",\"n\",,,\n"));
        Assert.Equal(7, (await Read(csv, 7)).Count);
    }

    [Fact]
    public async Task A_bad_value_far_into_the_file_comes_after_the_rows_before_it_with_its_row_number()
    {
        var csv = new StringBuilder("\"id\",\"name\",\"score\",\"seen\",\"tags\"\n");
        for (var i = 1; i <= 3000; i++)
        {
            csv.Append(i == 2500 ? "\"x\"" : $"\"{i}\"").Append(",\"n\",,,\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var read = 0;
        var ex = await Assert.ThrowsAsync<AthenaValueException>(async () =>
        {
            await foreach (var row in CsvResultReader.ReadAsync(stream, new ResultRowConverter(Columns), null, CancellationToken.None))
            {
                Assert.Equal(++read, row[0]);
            }
        });
        Assert.Equal(2499, read);
        Assert.Contains("row 2500", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_of_another_width_is_an_error()
    {
        var ex = await Assert.ThrowsAsync<AthenaValueException>(() => Read("\"id\",\"name\"\n\"1\",\"a\"\n"));
        Assert.Contains("2 columns", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_early_releases_the_reader()
    {
        var csv = "\"id\",\"name\",\"score\",\"seen\",\"tags\"\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => $"\"{i}\",\"n\",,,\n"));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var taken = 0;
        await foreach (var _ in CsvResultReader.ReadAsync(stream, new ResultRowConverter(Columns), null, CancellationToken.None))
        {
            if (++taken == 3)
            {
                break;
            }
        }

        Assert.Equal(3, taken);
    }

    [Fact]
    public async Task A_bad_value_names_its_column_and_row()
    {
        var ex = await Assert.ThrowsAsync<AthenaValueException>(() => Read("\"id\",\"name\",\"score\",\"seen\",\"tags\"\n\"1\",\"a\",\"1.00\",,\n\"x\",\"b\",,,\n"));
        Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_and_empty_column_names_get_distinct_property_names()
    {
        var names = QueryRowObjectFactory.UniqueNames(["id", "ID", "name", "id", string.Empty]);
        Assert.Equal(new[] { "id", "ID_2", "name", "id_3", "_col4" }, names);
        var obj = new QueryRowObjectFactory([new("a", "integer"), new("a", "varchar")]).Create([1, "x"]);
        Assert.Equal(1, obj.Properties["a"].Value);
        Assert.Equal("x", obj.Properties["a_2"].Value);
        Assert.Equal(new[] { "a", "a_2" }, obj.Properties.Select(p => p.Name));
    }
}
