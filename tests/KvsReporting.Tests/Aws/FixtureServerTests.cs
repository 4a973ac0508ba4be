using System.Management.Automation;
using KvsReporting.Aws.Athena;
using KvsReporting.Aws.Connection;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// Service answers moto cannot give (Athena result pages: moto ignores MaxResults/NextToken; a crawler whose last
/// crawl failed: moto crawlers never crawl), served from model-validated fixtures over real HTTP.
/// </summary>
public sealed class FixtureServerTests
{
    private static AwsConnection Connection(string endpoint) => AwsConnectionResolver.Resolve(
        new AwsConnectionParameters { AccessKey = "AKIAFIXTURE", SecretKey = "fixture-secret", Region = "eu-west-1", EndpointUrl = endpoint },
        new AwsSettingsSources { Environment = _ => null });

    [Fact]
    public async Task Query_results_follow_NextToken_across_pages_in_order()
    {
        using var server = new FixtureServer(request => FixtureServer.Member(request, "NextToken") == "AQAB-page-2"
            ? (200, FixtureServer.Fixture("Athena", "GetQueryResults.page2"))
            : (200, FixtureServer.Fixture("Athena", "GetQueryResults.page1")));
        using var athena = AwsClientFactory.CreateAthena(Connection(server.Endpoint));

        var pages = new List<GetQueryResultsResponse>();
        await foreach (var page in athena.GetQueryResultPagesAsync("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"))
        {
            pages.Add(page);
        }

        Assert.Equal(2, pages.Count);
        var rows = pages.SelectMany(p => p.ResultSet!.Rows!).Select(r => r.Data!.Select(d => d.VarCharValue).ToArray()).ToList();
        Assert.Equal(new string?[] { "image_name", "license_plate", "confidence" }, rows[0].AsEnumerable());
        Assert.Equal(new string?[] { "frame-0002.jpg", "AB-12-CD", null }, rows[2].AsEnumerable()); // a Datum without VarCharValue is NULL
        Assert.Equal("frame-0003.jpg", rows[3][0]);
        Assert.Equal("double", pages[0].ResultSet!.ResultSetMetadata!.ColumnInfo![2].Type);

        var sent = server.Requests.ToList();
        Assert.All(sent, r => Assert.Equal("AmazonAthena.GetQueryResults", r.Target));
        Assert.Equal(string.Empty, FixtureServer.Member(sent[0], "NextToken"));
        Assert.Equal("AQAB-page-2", FixtureServer.Member(sent[1], "NextToken"));
        Assert.All(sent, r => Assert.Equal("1000", FixtureServer.Member(r, "MaxResults")));
        Assert.All(sent, r => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAFIXTURE/", r.Headers["Authorization"]));
    }

    [Fact]
    public void Crawler_status_reports_a_failed_last_crawl_with_its_logs_and_end_time()
    {
        using var server = new FixtureServer(request => request.Target switch
        {
            "AWSGlue.GetCrawler" => (200, FixtureServer.Fixture("Glue", "GetCrawler.last-crawl-failed")),
            "AWSGlue.GetCrawlerMetrics" => (200, FixtureServer.Fixture("Glue", "GetCrawlerMetrics")),
            _ => (400, "{\"__type\":\"InvalidInputException\",\"message\":\"unexpected\"}"),
        });
        using var session = new PowerShellSession();
        var (output, errors) = session.Run(
            "Get-KvsCrawlerStatus LicensePlateDetectionsCrawler -AccessKey AKIAFIXTURE -SecretKey fixture-secret -Region eu-west-1 -EndpointUrl $endpoint",
            new Dictionary<string, object?> { ["endpoint"] = server.Endpoint });
        Assert.Empty(errors);
        var status = Assert.Single(output);
        string? P(string name) => status.Properties[name].Value?.ToString();
        Assert.Equal("FAILED", P("LastCrawlStatus"));
        Assert.Contains("dynamodb:DescribeTable", P("LastCrawlErrorMessage"));
        Assert.Equal("/aws-glue/crawlers", P("LastCrawlLogGroup"));
        Assert.Equal("LicensePlateDetectionsCrawler", P("LastCrawlLogStream"));
        var start = (DateTimeOffset)status.Properties["LastCrawlStartTime"].Value;
        var end = (DateTimeOffset)status.Properties["LastCrawlEndTime"].Value;
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1748822400123), start);
        Assert.Equal(start.AddSeconds(42.5), end);
        Assert.Equal("UPDATE_IN_DATABASE", P("UpdateBehavior"));
    }
}
