using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;
using KvsReporting.Reports;
using Xunit;
using Xunit.Abstractions;

namespace KvsReporting.Tests.Reports;

[Collection("Serial")]
public sealed class ExportReportTests : IClassFixture<SummaryDataFixture>, IDisposable
{
    private readonly DetectionFixture data;
    private readonly ITestOutputHelper log;
    private readonly PowerShellSession session = ReportSession.Create();
    private readonly string outDir = Directory.CreateTempSubdirectory("kvs-report-out-").FullName;

    public ExportReportTests(SummaryDataFixture fixture, ITestOutputHelper log)
    {
        data = fixture.Data;
        this.log = log;
    }

    [Fact]
    public void The_report_is_one_file_that_needs_no_network_and_carries_the_engine_numbers()
    {
        var path = Path.Combine(outDir, "sub", "report.html");
        var report = Export($"Export-KvsReport -Local $p -Path '{path}' -Title 'Gate report'");

        Assert.Equal(path, report.Path);
        Assert.Equal(data.Counted.Count(), report.Detections);
        Assert.Equal(data.Counted.Select(r => r.LicensePlate).Distinct().Count(), report.DistinctPlates);
        Assert.Equal(5, report.Cameras);
        Assert.Equal(1000, report.RecentDetections);
        Assert.Equal(new FileInfo(path).Length, report.Length);

        var html = File.ReadAllText(path);
        Assert.Contains("Chart.js v4.", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']?(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);

        using var json = EmbeddedData(html);
        var root = json.RootElement;
        Assert.Equal(report.Detections, root.GetProperty("totals").GetProperty("detections").GetInt64());
        Assert.Equal(1000, root.GetProperty("recent").GetArrayLength());
        Assert.Equal(20, root.GetProperty("topPlates").GetArrayLength());
        Assert.Equal("day", root.GetProperty("timeUnit").GetString());
    }

    [Fact]
    public void Data_and_titles_cannot_break_out_of_their_script_or_markup()
    {
        const string Hostile = "</script><script>alert(1)</script><!--";
        var rows = DetectionFixture.Generate(50);
        rows.Add(new SeedDetection($"cam/2025/06/02/10/{Hostile}.jpg", Hostile, 95, "b", "2025-06-20T10:00:00"));
        using var hostile = new DetectionFixture(rows);
        var path = Path.Combine(outDir, "hostile.html");
        Export($"Export-KvsReport -Local $p -Path '{path}' -Title $t", hostile.Folder, ("t", "<b>Title</b> & " + Hostile));

        var html = File.ReadAllText(path);
        Assert.Equal(4, Regex.Count(html, "<script", RegexOptions.IgnoreCase)); // only the page's own
        Assert.Equal(4, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.Contains("&lt;b&gt;Title&lt;/b&gt; &amp; ", html, StringComparison.Ordinal);
        using var json = EmbeddedData(html);
        Assert.Contains(json.RootElement.GetProperty("recent").EnumerateArray(), r => r.GetProperty("licensePlate").GetString() == Hostile);
    }

    [Fact]
    public void A_short_range_is_charted_per_hour_and_After_Before_limit_every_number()
    {
        var path = Path.Combine(outDir, "day.html");
        var report = Export($"Export-KvsReport -Local $p -Path '{path}' -After '2025-06-04' -Before '2025-06-05T12:00:00'");
        var expected = data.Counted.Where(r => r.Time >= new DateTime(2025, 6, 4) && r.Time < new DateTime(2025, 6, 5, 12, 0, 0)).ToList();
        Assert.Equal(expected.Count, report.Detections);
        using var json = EmbeddedData(File.ReadAllText(path));
        Assert.Equal("hour", json.RootElement.GetProperty("timeUnit").GetString());
        var series = json.RootElement.GetProperty("timeSeries").EnumerateArray().ToList();
        Assert.Equal(expected.Count, series.Sum(p => p.GetProperty("detections").GetInt64()));
        Assert.Equal(expected.Select(e => e.Time!.Value.ToString("yyyy-MM-dd HH:00", System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order(StringComparer.Ordinal),
            series.Select(p => p.GetProperty("key").GetString()));
    }

    [Fact]
    public void WhatIf_writes_nothing()
    {
        var path = Path.Combine(outDir, "whatif.html");
        var (output, errors) = session.Run($"Export-KvsReport -Local $p -Path '{path}' -WhatIf", new Dictionary<string, object?> { ["p"] = data.Folder });
        Assert.Empty(errors);
        Assert.Empty(output);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Show_without_a_way_to_open_a_browser_warns_and_still_writes()
    {
        var path = Path.Combine(outDir, "show.html");
        var savedPath = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", outDir); // no xdg-open / open here
        try
        {
            using var ps = session.Create();
            ps.Runspace.SessionStateProxy.SetVariable("p", data.Folder);
            ps.AddScript($"Export-KvsReport -Local $p -Path '{path}' -Show");
            var output = ps.Invoke();
            Assert.Single(output);
            Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("could not be opened", StringComparison.Ordinal));
            Assert.True(File.Exists(path));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", savedPath);
        }
    }

    [Fact]
    public void A_folder_as_Path_is_an_argument_error()
    {
        var (_, errors) = session.Run($"Export-KvsReport -Local $p -Path '{outDir}'", new Dictionary<string, object?> { ["p"] = data.Folder });
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsExportReportPathIsFolder", error.FullyQualifiedErrorId);
        Assert.Equal(outDir, error.TargetObject);
    }

    [Fact]
    public void A_million_detections_make_a_small_file_because_the_engine_aggregates()
    {
        using var big = DetectionFixture.GenerateInSql(1_000_000);
        var path = Path.Combine(outDir, "million.html");
        var stopwatch = Stopwatch.StartNew();
        var report = Export($"Export-KvsReport -Local $p -Path '{path}'", big.Folder);
        log.WriteLine($"1,000,000 detections -> {report.Length:N0} bytes in {stopwatch.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(1_000_000, report.Detections);
        Assert.True(report.Length < 1_000_000, $"the report is {report.Length:N0} bytes");
    }

    internal static JsonDocument EmbeddedData(string html)
    {
        var match = Regex.Match(html, "<script type=\"application/json\" id=\"kvs-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success, "the page has no embedded data");
        return JsonDocument.Parse(match.Groups[1].Value);
    }

    private ReportRow Export(string script, string? folder = null, params (string Name, object Value)[] variables)
    {
        var vars = new Dictionary<string, object?> { ["p"] = folder ?? data.Folder };
        foreach (var (name, value) in variables)
        {
            vars[name] = value;
        }

        var (output, errors) = session.Run(script, vars);
        Assert.Empty(errors);
        return ReportRow.From(Assert.Single(output));
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(outDir, recursive: true);
    }
}
