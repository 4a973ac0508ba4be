using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KvsReporting.Reports;
using Xunit;
using Xunit.Abstractions;

namespace KvsReporting.Tests.Reports;

/// <summary>The report in a real browser: it loads without errors, every chart draws its data, and what the
/// charts show equals Get-KvsDetectionSummary for the same range.</summary>
[Collection("Serial")]
public sealed class BrowserReportTests : IClassFixture<SummaryDataFixture>, IDisposable
{
    private static readonly string[] Charts = ["chart-time", "chart-hours", "chart-plates", "chart-confidence", "chart-cameras"];

    private readonly DetectionFixture data;
    private readonly ITestOutputHelper log;
    private readonly PowerShellSession session = ReportSession.Create();
    private readonly string outDir = Directory.CreateTempSubdirectory("kvs-browser-").FullName;

    public BrowserReportTests(SummaryDataFixture fixture, ITestOutputHelper log)
    {
        data = fixture.Data;
        this.log = log;
    }

    [Fact]
    public void The_page_loads_cleanly_draws_every_chart_and_shows_the_summary_numbers()
    {
        const string Range = "-After '2025-06-03' -Before '2025-06-14'";
        var path = Path.Combine(outDir, "report.html");
        Run($"Export-KvsReport -Local $p -Path '{path}' {Range} -Title 'Detections, 3 to 13 June'");

        var (dom, browserLog) = HeadlessChromium.DumpDom(path);
        Assert.Contains("data-report-ready=\"true\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("data-errors=", dom, StringComparison.Ordinal);
        Assert.DoesNotContain(browserLog.Split('\n'), l => l.Contains(":CONSOLE", StringComparison.Ordinal));

        foreach (var id in Charts)
        {
            var canvas = Canvas(dom, id);
            Assert.Equal("true", canvas["data-rendered"]);
            Assert.True(int.Parse(canvas["data-drawn-elements"]) > 0, $"{id} drew no bars or points");
            Assert.True(int.Parse(canvas["data-painted-pixels"]) > 5000, $"{id} is (nearly) blank");
        }

        Assert.Equal(Shown(dom, "chart-time"), Summary($"-By Day {Range}"));
        Assert.Equal(Shown(dom, "chart-plates"), Summary($"-By Plate -Top 20 {Range}"));
        Assert.Equal(Shown(dom, "chart-confidence"), Summary($"-By ConfidenceBand {Range}"));
        Assert.Equal(Shown(dom, "chart-cameras"), Summary($"-By Camera {Range}"));
        // The hours chart shows every hour, stacked by weekday; each stack equals the hour's summary row.
        var hours = Summary($"-By Hour {Range}").ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal(Enumerable.Range(0, 24).Select(h => (h.ToString("00"), hours.GetValueOrDefault(h.ToString("00")))), Shown(dom, "chart-hours"));

        var total = Summary($"-By Camera {Range}").Sum(c => c.Value);
        Assert.Equal(total.ToString(), Attribute(dom, "kpis", "data-detections"));
        Assert.Matches(@"id=""kpi-detections"">" + Regex.Escape(total.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US"))) + "<", dom);
        Assert.Equal(Math.Min(1000, total).ToString(), Regex.Match(dom, @"<table id=""recent-table""[^>]*data-rows=""(\d+)""").Groups[1].Value);
        Assert.Equal(Math.Min(1000, total), Regex.Count(Regex.Match(dom, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value, "<tr>"));

        var png = Path.Combine(TestEnvironment.TestResults, "report-screenshot.png");
        var screenshotLog = HeadlessChromium.Screenshot(path, png);
        Assert.True(File.Exists(png), "no screenshot: " + screenshotLog);
        Assert.True(new FileInfo(png).Length > 50_000, "the screenshot is too small to show charts");
        File.Copy(path, Path.Combine(TestEnvironment.TestResults, "report.html"), overwrite: true);
        log.WriteLine($"screenshot: {png}");
    }

    [Fact]
    public async Task The_recent_detections_table_searches_and_sorts()
    {
        var path = Path.Combine(outDir, "table.html");
        Run($"Export-KvsReport -Local $p -Path '{path}' -RecentLimit 300");
        var recent = data.Counted.OrderByDescending(r => r.Time).ThenByDescending(r => r.ImageName, StringComparer.Ordinal).Take(300).ToList();
        var plate = recent.GroupBy(r => r.LicensePlate).OrderByDescending(g => g.Count()).First().Key!;

        using var page = await DevToolsPage.OpenAsync(path);
        const string Rows = "document.querySelectorAll('#recent-table tbody tr')";
        Assert.Equal(300, (await page.EvaluateAsync($"{Rows}.length"))!.GetValue<int>());

        // Search is case-insensitive and matches plates, cameras and image names.
        var shown = await page.EvaluateAsync($$"""
            (() => { const s = document.getElementById('recent-search'); s.value = '{{plate.ToLowerInvariant()}}';
                     s.dispatchEvent(new Event('input')); return Array.from({{Rows}}).map(r => r.children[1].textContent); })()
            """);
        Assert.Equal(recent.Count(r => r.LicensePlate == plate), shown!.AsArray().Count);
        Assert.All(shown.AsArray(), p => Assert.Equal(plate, p!.GetValue<string>()));
        Assert.Contains(" of 300 rows", (await page.EvaluateAsync("document.getElementById('recent-count').textContent"))!.GetValue<string>(), StringComparison.Ordinal);

        // Clicking a header sorts by that column; clicking again reverses it.
        await page.EvaluateAsync("(() => { const s = document.getElementById('recent-search'); s.value = ''; s.dispatchEvent(new Event('input')); })()");
        string First(int column) => $"{Rows}[0].children[{column}].textContent";
        await page.EvaluateAsync("document.querySelector('#recent-table th[data-key=p]').click()");
        Assert.Equal(recent.Select(r => r.LicensePlate!).Min(StringComparer.Ordinal), (await page.EvaluateAsync(First(1)))!.GetValue<string>());
        await page.EvaluateAsync("document.querySelector('#recent-table th[data-key=p]').click()");
        Assert.Equal(recent.Select(r => r.LicensePlate!).Max(StringComparer.Ordinal), (await page.EvaluateAsync(First(1)))!.GetValue<string>());
        await page.EvaluateAsync("document.querySelector('#recent-table th[data-key=c]').click()");
        Assert.Equal(recent.Max(r => r.Confidence)!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), (await page.EvaluateAsync(First(2)))!.GetValue<string>());
        Assert.Equal("descending", (await page.EvaluateAsync("document.querySelector('#recent-table th[data-key=c]').getAttribute('aria-sort')"))!.GetValue<string>());

        // Every chart object reports the data it drew, straight from the charting library.
        var datasets = await page.EvaluateAsync("Object.values(Chart.instances).map(c => c.data.datasets.reduce((n, d) => n + d.data.length, 0))");
        Assert.Equal(5, datasets!.AsArray().Count);
        Assert.All(datasets.AsArray(), n => Assert.True(n!.GetValue<int>() > 0));
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task The_browser_check_sees_console_errors_and_exceptions()
    {
        // Guards the guard: a page that logs and throws must show up in Problems, or the checks above prove nothing.
        var path = Path.Combine(outDir, "broken.html");
        File.WriteAllText(path, "<html><body><script>console.error('kvs-broken'); document.documentElement.setAttribute('data-report-ready', 'true'); setTimeout(function () { missingFunction(); }, 0);</script></body></html>");
        using var page = await DevToolsPage.OpenAsync(path);
        await page.WaitForAsync("true", TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        await page.EvaluateAsync("1");
        Assert.Contains(page.Problems, p => p.Contains("kvs-broken", StringComparison.Ordinal));
        Assert.Contains(page.Problems, p => p.Contains("missingFunction", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_range_still_loads_cleanly()
    {
        var path = Path.Combine(outDir, "empty.html");
        Run($"Export-KvsReport -Local $p -Path '{path}' -After '2030-01-01'");
        var (dom, browserLog) = HeadlessChromium.DumpDom(path);
        Assert.Contains("data-report-ready=\"true\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("data-errors=", dom, StringComparison.Ordinal);
        Assert.DoesNotContain(browserLog.Split('\n'), l => l.Contains(":CONSOLE", StringComparison.Ordinal));
        Assert.Contains("No detections in this range.", dom, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Canvas(string dom, string id)
    {
        var tag = Regex.Match(dom, $@"<canvas id=""{id}""[^>]*>");
        Assert.True(tag.Success, $"no canvas {id} in the page");
        return Regex.Matches(tag.Value, @"([\w-]+)=""([^""]*)""").ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    private static string Attribute(string dom, string id, string name) =>
        WebUtility.HtmlDecode(Regex.Match(dom, $@"id=""{id}""[^>]*\s{name}=""([^""]*)""").Groups[1].Value);

    private static List<(string, long)> Shown(string dom, string id)
    {
        var canvas = Canvas(dom, id);
        var labels = JsonSerializer.Deserialize<string[]>(canvas["data-labels"])!;
        var values = JsonSerializer.Deserialize<long[]>(canvas["data-values"])!;
        return labels.Zip(values).Select(p => (p.First, p.Second)).ToList();
    }

    private List<(string Key, long Value)> Summary(string arguments)
    {
        var output = Run("Get-KvsDetectionSummary -Local $p " + arguments);
        return output.Select(o => SummaryRow.From(o)).Select(s => (s.Key, s.Detections)).ToList();
    }

    private System.Collections.ObjectModel.Collection<System.Management.Automation.PSObject> Run(string script)
    {
        var (output, errors) = session.Run(script, new Dictionary<string, object?> { ["p"] = data.Folder });
        Assert.Empty(errors);
        return output;
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(outDir, recursive: true);
    }
}
