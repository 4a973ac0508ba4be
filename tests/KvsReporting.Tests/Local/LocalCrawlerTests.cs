using System.Text.Json;
using KvsReporting.Detections;
using KvsReporting.Errors;
using KvsReporting.Local;
using Xunit;

namespace KvsReporting.Tests.Local;

public sealed class LocalCrawlerTests : IDisposable
{
    private readonly TempStack stack = new();

    private static string Line(string image, string plate, object? confidence, string timestamp, string bucket = "frames") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["image_name"] = image,
            ["license_plate"] = plate,
            ["confidence"] = confidence,
            ["bucket_name"] = bucket,
            ["timestamp"] = timestamp,
        });

    [Fact]
    public void Drifted_items_are_kept_and_counted_and_unkeyable_ones_skipped_with_reasons()
    {
        var file = stack.File("drift.jsonl");
        File.WriteAllLines(file, new[]
        {
            Line("cam/a-20250601T140307000.jpg", "ABC-1234", 93.5, "2025-06-01T14:03:07.123456"),
            Line("cam/b-20250601T140308000.jpg", "XYZ 987", "91.25", "2025-06-01T14:03:08.123456"),           // confidence as string
            Line("cam/c-20250601T140309000.jpg", "KLM123", 88.0, "2025-06-01T16:03:09.5+02:00"),           // offset, other precision
            "{\"image_name\":\"cam/d-20250601T140310000.jpg\",\"license_plate\":\"NOCONF1\",\"timestamp\":\"2025-06-01T14:03:10\"}", // no confidence, no bucket
            "{\"license_plate\":\"NOKEY1\",\"confidence\":90.0}",                                          // no key
            "{\"image_name\": \"broken",                                                                   // malformed
            string.Empty,
        });

        var run = new LocalCrawler(stack.Folder).CrawlFile(file, null, CancellationToken.None);

        Assert.Equal("SUCCEEDED", run.Status);
        Assert.Equal(4, run.RowsAdded);
        Assert.Equal(2, run.RowsSkipped);
        Assert.Equal(1, run.SkippedReasons[CrawlNormalizer.SkipMissingKey]);
        Assert.Equal(1, run.SkippedReasons[CrawlFileSource.SkipMalformedJson]);
        Assert.Equal(1, run.Drift[CrawlNormalizer.DriftConfidenceAsString]);
        Assert.Equal(2, run.Drift[CrawlNormalizer.DriftTimestampNormalized]);
        Assert.Equal(1, run.Drift["missing confidence"]);

        var rows = stack.Query("SELECT image_name, confidence, \"timestamp\" FROM licenseplatedetections ORDER BY image_name").Rows;
        Assert.Equal(91.25, rows[1][1]);
        Assert.Equal("2025-06-01T14:03:09.500000", rows[2][2]); // 16:03 at +02:00 is 14:03 UTC
        Assert.Null(rows[3][1]);
        Assert.Equal("2025-06-01T14:03:10.000000", rows[3][2]);
    }

    [Fact]
    public void A_recrawl_adds_new_items_replaces_changed_ones_and_leaves_the_rest()
    {
        var file = stack.File("detections.jsonl");
        var detections = TempStack.Sample(200);
        File.WriteAllLines(file, detections.Select(Json));
        var crawler = new LocalCrawler(stack.Folder);
        var first = crawler.CrawlFile(file, null, CancellationToken.None);
        Assert.Equal((200L, 0L, 1), (first.RowsAdded, first.RowsUpdated, first.TablesCreated));

        detections[5].LicensePlate = "CHANGED1";
        var extra = TempStack.Sample(1, seed: 99)[0];
        File.WriteAllLines(file, detections.Append(extra).Select(Json));

        // Without a source the crawler reads its last source again, as a Glue crawler reads its target.
        var second = Assert.Single(Recrawl());
        Assert.Equal((1L, 1L, 199L, 0), (second.RowsAdded, second.RowsUpdated, second.RowsUnchanged, second.TablesCreated));
        Assert.Equal(201L, stack.Query("SELECT count(*) FROM licenseplatedetections").Rows.Single()[0]);
        Assert.Equal(1L, stack.Query("SELECT count(*) FROM licenseplatedetections WHERE license_plate = ?", "CHANGED1").Rows.Single()[0]);

        IEnumerable<LocalCrawlRun> Recrawl()
        {
            var again = new LocalCrawler(stack.Folder);
            yield return again.CrawlFile(again.Settings.CrawlSource!.Path!, null, CancellationToken.None);
        }
    }

    [Fact]
    public void DynamoDB_JSON_exports_CSV_and_JSON_arrays_catalog_the_same_rows()
    {
        var detections = TempStack.Sample(50);
        var ddb = stack.File("export.json");
        File.WriteAllLines(ddb, detections.Select(d => JsonSerializer.Serialize(new
        {
            Item = new Dictionary<string, object>
            {
                ["image_name"] = new { S = d.ImageName },
                ["license_plate"] = new { S = d.LicensePlate },
                ["confidence"] = new { N = d.Confidence!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) },
                ["bucket_name"] = new { S = d.BucketName },
                ["timestamp"] = new { S = DetectionTimestamp.Format(d.Timestamp!.Value) },
            },
        })));
        var csv = stack.File("export.csv");
        File.WriteAllLines(csv, new[] { "image_name,license_plate,confidence,bucket_name,timestamp" }
            .Concat(detections.Select(d => $"{d.ImageName},\"{d.LicensePlate}\",{d.Confidence:0.00},{d.BucketName},{DetectionTimestamp.Format(d.Timestamp!.Value)}")));
        var array = stack.File("export-array.json");
        File.WriteAllText(array, "[" + string.Join(",", detections.Select(Json)) + "]");

        var expected = Snapshot(() => new LocalCrawler(stack.Folder).CrawlObjects(detections, CancellationToken.None));
        foreach (var file in new[] { ddb, csv, array })
        {
            new LocalStackStore().Remove(stack.Folder);
            new LocalStackStore().Create(stack.Folder, new LocalStackSettings(), out _);
            var actual = Snapshot(() => new LocalCrawler(stack.Folder).CrawlFile(file, null, CancellationToken.None));
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i], actual[i]);
            }
        }

        List<string> Snapshot(Func<LocalCrawlRun> crawl)
        {
            var run = crawl();
            Assert.Equal(50L, run.RowsAdded);
            Assert.Empty(run.Drift);
            return stack.Query("SELECT * FROM licenseplatedetections ORDER BY image_name").Rows.Select(r => string.Join("|", r)).ToList();
        }
    }

    [Fact]
    public void Other_attributes_become_columns_typed_as_Glue_infers_them()
    {
        var file = stack.File("extra.jsonl");
        File.WriteAllLines(file, new[]
        {
            "{\"image_name\":\"a.jpg\",\"license_plate\":\"A1\",\"speed\":42,\"lane\":1,\"flags\":[\"night\"],\"box\":{\"w\":10,\"h\":4},\"reviewed\":true}",
            "{\"image_name\":\"b.jpg\",\"license_plate\":\"B2\",\"speed\":37.5,\"lane\":\"left\",\"flags\":[],\"box\":{\"w\":12,\"x\":0.5},\"reviewed\":false}",
        });

        new LocalCrawler(stack.Folder).CrawlFile(file, null, CancellationToken.None);

        var (columns, rows) = stack.Query("SELECT speed, lane, reviewed, box, flags FROM licenseplatedetections ORDER BY image_name");
        Assert.Equal(new[] { "double", "varchar", "boolean" }, columns.Take(3).Select(c => c.AthenaType));
        Assert.Equal(42.0, rows[0][0]);
        Assert.Equal("1", rows[0][1]);
        Assert.Equal("left", rows[1][1]);
        Assert.Equal(true, rows[0][2]);
        var glueTypes = stack.Query("SELECT column_name, glue_type FROM \"AwsDataCatalog\".kvs_internal.columns ORDER BY column_name").Rows
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("double", glueTypes["speed"]);
        Assert.Equal("string", glueTypes["lane"]);
        Assert.Equal("boolean", glueTypes["reviewed"]);
        Assert.Equal("struct<h:bigint,w:bigint,x:double>", glueTypes["box"]);
        Assert.Equal("array<string>", glueTypes["flags"]);
    }

    [Fact]
    public void The_status_reports_runs_like_Glue()
    {
        var crawler = new LocalCrawler(stack.Folder);
        var before = crawler.GetStatus();
        Assert.Equal("READY", before.State);
        Assert.Null(before.LastCrawl);

        stack.CrawlSample(30);
        var after = new LocalCrawler(stack.Folder).GetStatus();

        Assert.Equal("READY", after.State);
        Assert.Equal("LicensePlateDetectionsCrawler", after.CrawlerName);
        Assert.Equal("cron(0 0 * * ? *)", after.Schedule);
        Assert.Equal("SUCCEEDED", after.LastCrawl!.Status);
        Assert.Equal(30, after.LastCrawl.RowsAdded);
        Assert.Equal(1, after.LastCrawl.TablesCreated);
        Assert.NotNull(after.LastCrawl.EndTime);
    }

    [Fact]
    public void A_crawl_in_progress_shows_RUNNING_and_a_second_start_is_refused()
    {
        var crawler = new LocalCrawler(stack.Folder);
        using (var session = crawler.Begin("objects"))
        {
            Assert.Equal("RUNNING", new LocalCrawler(stack.Folder).GetStatus().State);
            var ex = Assert.Throws<KvsErrorException>(() => new LocalCrawler(stack.Folder).Begin("objects"));
            Assert.Equal("KvsStartCrawlerAlreadyRunning", ex.ErrorRecord.FullyQualifiedErrorId);
        }

        var status = new LocalCrawler(stack.Folder).GetStatus();
        Assert.Equal("READY", status.State);
        Assert.Equal("CANCELLED", status.LastCrawl!.Status);
    }

    private static string Json(LicensePlateDetection d) => Line(d.ImageName, d.LicensePlate, d.Confidence, DetectionTimestamp.Format(d.Timestamp!.Value), d.BucketName!);

    public void Dispose() => stack.Dispose();
}

public sealed class LocalCrawlerStatusMappingTests : IDisposable
{
    private readonly TempStack stack = new();

    [Fact]
    public void A_local_crawler_reads_as_a_KvsCrawlerStatus_like_Glue_answers()
    {
        var file = stack.File("d.jsonl");
        File.WriteAllText(file, "{\"image_name\":\"a.jpg\",\"license_plate\":\"A1\",\"confidence\":90.5,\"timestamp\":\"2025-06-01T00:00:00.000000\"}\n");
        new LocalCrawler(stack.Folder).CrawlFile(file, null, CancellationToken.None);

        var status = KvsReporting.Crawler.KvsCrawlerStatusFromLocal.ToKvsCrawlerStatus(new LocalCrawler(stack.Folder).GetStatus());

        Assert.Equal("LicensePlateDetectionsCrawler", status.CrawlerName);
        Assert.Equal("READY", status.State);
        Assert.Equal("kvsworkshop_db", status.Database);
        Assert.Equal("cron(0 0 * * ? *)", status.ScheduleExpression);
        Assert.False(string.IsNullOrEmpty(status.ScheduleDescription));
        Assert.Equal("SUCCEEDED", status.LastCrawlStatus);
        Assert.Equal(1, status.TablesCreated);
        Assert.Equal("File:" + file, Assert.Single(status.Targets).ToString());
    }

    public void Dispose() => stack.Dispose();
}
