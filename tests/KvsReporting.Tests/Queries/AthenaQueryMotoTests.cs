using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using Amazon.S3.Model;
using Xunit;

namespace KvsReporting.Tests.Queries;

[CollectionDefinition("AthenaQueue", DisableParallelization = true)]
public sealed class AthenaQueueCollection
{
}

/// <summary>Invoke-KvsAthenaQuery and friends against moto (rows queued through its control API).</summary>
[Collection("AthenaQueue")]
public sealed class AthenaQueryMotoTests : IDisposable
{
    private static readonly MotoColumn[] EveryType =
    [
        new("b", "boolean"), new("ti", "tinyint"), new("si", "smallint"), new("i", "integer"), new("bi", "bigint"),
        new("r", "real"), new("d", "double"), new("dec", "decimal", 38, 9), new("c", "char(3)"), new("v", "varchar"),
        new("dt", "date"), new("ts", "timestamp(3)"), new("tz", "timestamp(3) with time zone"), new("t", "time(3)"),
        new("ttz", "time(3) with time zone"), new("ids", "interval day to second"), new("iym", "interval year to month"),
        new("vb", "varbinary"), new("j", "json"), new("arr", "array(row(a integer, b varchar))"), new("m", "map(varchar, double)"),
        new("v", "varchar"),
    ];

    private static readonly string?[][] EveryTypeRows =
    [
        ["true", "-5", "300", "123456", "9007199254740993", "1.5", "2.25", "12345678901234567890.123456789", "ab ", "plain",
         "2025-06-01", "2025-06-01 14:03:07.123", "2025-06-01 10:03:07.123 America/New_York", "14:03:07.123", "14:03:07.123+02:00",
         "1 02:03:04.500", "2-3", "68 69", "[1,2,3]", "[{a=1, b=x}, {a=2, b=null}]", "{k=1.5, z=null}", "second"],
        [null, null, null, null, null, null, null, null, null, string.Empty, null, null, null, null, null, null, null, null, null, null, null, null],
    ];

    private readonly AthenaMotoRig rig = AthenaMotoRig.Shared;
    private readonly PowerShellSession session = new();

    private (List<PSObject> Output, List<string> Verbose, List<ErrorRecord> Errors) Invoke(string script, string? endpoint = null, IDictionary<string, object?>? variables = null)
    {
        using var ps = session.Create();
        foreach (var (name, value) in rig.Variables(endpoint, variables))
        {
            ps.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        ps.AddScript(script);
        var output = ps.Invoke().ToList();
        return (output, ps.Streams.Verbose.Select(v => v.Message).ToList(), ps.Streams.Error.ToList());
    }

    private static string Query(string outputLocation, string extra = "") =>
        $"Invoke-KvsAthenaQuery -Query 'SELECT * FROM everything' -OutputLocation '{outputLocation}' {AthenaMotoRig.Connection} -Verbose {extra}";

    [Fact]
    public void Every_type_converts_and_both_result_paths_give_identical_objects()
    {
        var bucket = rig.NewBucket();
        rig.QueueSelect(EveryType, EveryTypeRows);
        var csv = Invoke(Query($"s3://{bucket}/results/"));
        Assert.True(csv.Errors.Count == 0, string.Join('\n', csv.Errors));
        Assert.Contains(csv.Verbose, v => v.Contains("2 row(s) read from the S3 result CSV", StringComparison.Ordinal));

        rig.QueueSelect(EveryType, EveryTypeRows);
        var pages = Invoke(Query("s3://kvs-no-such-bucket-for-results/results/"));
        Assert.Empty(pages.Errors);
        Assert.Contains(pages.Verbose, v => v.Contains("reading GetQueryResults pages instead", StringComparison.Ordinal));
        Assert.Contains(pages.Verbose, v => v.Contains("2 row(s) read from the GetQueryResults pages", StringComparison.Ordinal));

        AssertSameRows(csv.Output, pages.Output);
        var row = csv.Output[0];
        Assert.Equal(EveryType.Select(c => c.Name).Take(21).Append("v_2"), row.Properties.Select(p => p.Name));
        Assert.Equal(true, row.Properties["b"].Value);
        Assert.Equal((sbyte)-5, row.Properties["ti"].Value);
        Assert.Equal((short)300, row.Properties["si"].Value);
        Assert.Equal(123456, row.Properties["i"].Value);
        Assert.Equal(9007199254740993L, row.Properties["bi"].Value);
        Assert.Equal(1.5f, row.Properties["r"].Value);
        Assert.Equal(2.25, row.Properties["d"].Value);
        Assert.Equal(12345678901234567890.123456789m, row.Properties["dec"].Value);
        Assert.Equal("ab ", row.Properties["c"].Value);
        Assert.Equal(new DateOnly(2025, 6, 1), row.Properties["dt"].Value);
        Assert.Equal(new DateTime(2025, 6, 1, 14, 3, 7, 123, DateTimeKind.Utc), row.Properties["ts"].Value);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 3, 7, 123, TimeSpan.FromHours(-4)), row.Properties["tz"].Value);
        Assert.Equal(new TimeOnly(14, 3, 7, 123), row.Properties["t"].Value);
        var ttz = PSObject.AsPSObject(row.Properties["ttz"].Value);
        Assert.Equal("KvsReporting.Queries.Types.AthenaTimeWithTimeZone", ttz.BaseObject.GetType().FullName);
        Assert.Equal(new TimeOnly(14, 3, 7, 123), ttz.Properties["Time"].Value);
        Assert.Equal(TimeSpan.FromHours(2), ttz.Properties["Offset"].Value);
        Assert.Equal(new TimeSpan(1, 2, 3, 4, 500), row.Properties["ids"].Value);
        Assert.Equal(27, PSObject.AsPSObject(row.Properties["iym"].Value).Properties["TotalMonths"].Value);
        Assert.Equal("hi"u8.ToArray(), row.Properties["vb"].Value);
        Assert.Equal("[1,2,3]", row.Properties["j"].Value);
        var arr = (object?[])row.Properties["arr"].Value;
        Assert.Equal("x", ((OrderedDictionary)arr[0]!)["b"]);
        Assert.Null(((OrderedDictionary)arr[1]!)["b"]);
        Assert.Equal(1.5, ((OrderedDictionary)row.Properties["m"].Value)["k"]);
        Assert.Equal("plain", row.Properties["v"].Value);
        Assert.Equal("second", row.Properties["v_2"].Value);

        var nulls = csv.Output[1];
        Assert.All(nulls.Properties.Where(p => p.Name != "v"), p => Assert.Null(p.Value));
        Assert.Equal(string.Empty, nulls.Properties["v"].Value); // NULL and empty string stay apart on both paths
    }

    [Fact]
    public async Task A_placed_rfc4180_csv_reads_the_same_as_the_pages()
    {
        MotoColumn[] columns = [new("id", "integer"), new("note", "varchar"), new("tags", "array(varchar)")];
        string?[][] rows =
        [
            ["1", "say \"hi\", then\nleave", "[a, b]"],
            ["2", string.Empty, null],
            ["3", null, "[]"],
        ];
        var bucket = rig.NewBucket();
        using var proxy = new AthenaRewritingProxy(rig.Endpoint) { ReportState = "RUNNING" };
        rig.QueueSelect(columns, rows);
        using var ps = session.Create();
        foreach (var (name, value) in rig.Variables(proxy.Endpoint))
        {
            ps.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        ps.AddScript($"Invoke-KvsAthenaQuery 'SELECT id, note, tags FROM notes' -OutputLocation 's3://{bucket}/r/' {AthenaMotoRig.Connection} -Verbose");
        var running = ps.BeginInvoke();

        // While the poller sees RUNNING, replace moto's CSV (moto does not escape quotes) with a real RFC 4180 one.
        using var s3 = rig.S3();
        var key = WaitFor(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }).Result.S3Objects?.FirstOrDefault()?.Key);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            UseChunkEncoding = false,
            BucketName = bucket,
            Key = key,
            ContentBody = "\"id\",\"note\",\"tags\"\r\n\"1\",\"say \"\"hi\"\", then\nleave\",\"[a, b]\"\r\n\"2\",\"\",\r\n\"3\",,\"[]\"\r\n",
        });
        proxy.ReportState = null;
        var fromCsv = ps.EndInvoke(running).ToList();
        Assert.True(ps.Streams.Error.Count == 0, string.Join('\n', ps.Streams.Error));
        Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("from the S3 result CSV", StringComparison.Ordinal));

        rig.QueueSelect(columns, rows);
        var fromPages = Invoke($"Invoke-KvsAthenaQuery 'SELECT id, note, tags FROM notes' -OutputLocation 's3://kvs-missing-{Guid.NewGuid():N}/r/' {AthenaMotoRig.Connection}");
        AssertSameRows(fromCsv, fromPages.Output);
        Assert.Equal("say \"hi\", then\nleave", fromCsv[0].Properties["note"].Value);
        Assert.Equal(string.Empty, fromCsv[1].Properties["note"].Value);
        Assert.Null(fromCsv[1].Properties["tags"].Value);
        Assert.Null(fromCsv[2].Properties["note"].Value);
    }

    [Fact]
    public void Timeout_stops_the_query_on_the_service_and_never_resubmits()
    {
        var bucket = rig.NewBucket();
        using var proxy = new AthenaRewritingProxy(rig.Endpoint) { ReportState = "RUNNING" };
        rig.QueueSelect([new("x", "integer")], [["1"]]);
        var result = Invoke($"Invoke-KvsAthenaQuery 'SELECT 1' -OutputLocation 's3://{bucket}/r/' -Timeout 1.5 {AthenaMotoRig.Connection} -Verbose", proxy.Endpoint);
        var error = Assert.Single(result.Errors);
        Assert.Equal("KvsInvokeQueryTimeout", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("stopped on the service", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, proxy.Count("StartQueryExecution"));
        Assert.Equal(1, proxy.Count("StopQueryExecution"));
        Assert.True(proxy.Count("GetQueryExecution") >= 3, "polled more than once");
        Assert.Equal("CANCELLED", StateOnMoto((string)error.TargetObject));
    }

    [Fact]
    public void Stopping_the_pipeline_stops_the_query_on_the_service()
    {
        var bucket = rig.NewBucket();
        using var proxy = new AthenaRewritingProxy(rig.Endpoint) { ReportState = "RUNNING" };
        rig.QueueSelect([new("x", "integer")], [["1"]]);
        using var ps = session.Create();
        foreach (var (name, value) in rig.Variables(proxy.Endpoint))
        {
            ps.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        ps.AddScript($"Invoke-KvsAthenaQuery 'SELECT 1' -OutputLocation 's3://{bucket}/r/' {AthenaMotoRig.Connection}");
        var running = ps.BeginInvoke();
        WaitFor(() => proxy.Count("GetQueryExecution") >= 2 ? "polling" : null);
        ps.Stop(); // what Ctrl+C does
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        Assert.Equal(1, proxy.Count("StopQueryExecution"));
        Assert.Equal(1, proxy.Count("StartQueryExecution"));
        var id = Assert.Single(Invoke($"Get-KvsQueryExecution -QueryExecutionId {proxy.StartedQueryExecutionId} {AthenaMotoRig.Connection}").Output);
        Assert.Equal("CANCELLED", Execution(id).State);
    }

    [Fact]
    public void Throttled_polls_back_off_and_the_query_still_finishes_once()
    {
        var bucket = rig.NewBucket();
        using var proxy = new AthenaRewritingProxy(rig.Endpoint) { ThrottleGetQueryExecution = KvsReporting.Aws.Runtime.AwsRetry.MaxErrorRetry + 1 }; // one more than the SDK retries: the poller sees it
        rig.QueueSelect([new("x", "integer")], [["7"]]);
        var result = Invoke($"Invoke-KvsAthenaQuery 'SELECT 7 AS x' -OutputLocation 's3://{bucket}/r/' {AthenaMotoRig.Connection} -Verbose", proxy.Endpoint);
        Assert.True(result.Errors.Count == 0, string.Join('\n', result.Errors));
        Assert.Equal(7, Assert.Single(result.Output).Properties["x"].Value);
        Assert.Contains(result.Verbose, v => v.Contains("GetQueryExecution was throttled; polling again in", StringComparison.Ordinal));
        Assert.Equal(1, proxy.Count("StartQueryExecution"));
        Assert.True(proxy.Count("GetQueryExecution") > KvsReporting.Aws.Runtime.AwsRetry.MaxErrorRetry + 1);
    }

    [Fact]
    public void An_unreachable_endpoint_is_a_connection_error_naming_the_call()
    {
        var result = Invoke($"Invoke-KvsAthenaQuery 'SELECT 1' {AthenaMotoRig.Connection}", "http://127.0.0.1:9");
        var error = Assert.Single(result.Errors);
        Assert.Equal("KvsStartQueryExecutionConnectionFailed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.DoesNotContain(rig.SecretKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Stopping_while_the_start_call_is_in_flight_returns_at_once_and_stops_the_query_when_its_id_arrives()
    {
        var bucket = rig.NewBucket();
        using var proxy = new AthenaRewritingProxy(rig.Endpoint) { ReportState = "RUNNING", StartAnswerDelay = TimeSpan.FromSeconds(3) };
        rig.QueueSelect([new("x", "integer")], [["1"]]);
        using var ps = session.Create();
        foreach (var (name, value) in rig.Variables(proxy.Endpoint))
        {
            ps.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        ps.AddScript($"Invoke-KvsAthenaQuery 'SELECT 1' -OutputLocation 's3://{bucket}/r/' {AthenaMotoRig.Connection}");
        var running = ps.BeginInvoke();
        WaitFor(() => proxy.Count("StartQueryExecution") == 1 ? "sent" : null);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the pipeline stopped after {clock.Elapsed}, not at once");
        WaitFor(() => proxy.Count("StopQueryExecution") == 1 ? "stopped" : null);
        Assert.Equal(1, proxy.Count("StartQueryExecution"));
        Assert.Equal("CANCELLED", Execution(Assert.Single(Invoke($"Get-KvsQueryExecution -QueryExecutionId {proxy.StartedQueryExecutionId} {AthenaMotoRig.Connection}").Output)).State);
    }

    [Fact]
    public void A_failed_query_reports_athenas_reason_id_and_syntax_location()
    {
        var bucket = rig.NewBucket();
        using var proxy = new AthenaRewritingProxy(rig.Endpoint)
        {
            ReportState = "FAILED",
            ReportReason = "line 1:8: mismatched input 'FORM'. Expecting: ',', 'FROM'",
        };
        rig.QueueSelect([new("x", "integer")], [["1"]]);
        var result = Invoke($"Invoke-KvsAthenaQuery 'SELECT * FORM t' -OutputLocation 's3://{bucket}/r/' {AthenaMotoRig.Connection}", proxy.Endpoint);
        var error = Assert.Single(result.Errors);
        Assert.Equal("KvsInvokeQuerySyntaxError", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ParserError, error.CategoryInfo.Category);
        Assert.Equal("KvsReporting.Queries.AthenaQueryFailedException", error.Exception.GetType().FullName);
        var failure = PSObject.AsPSObject(error.Exception);
        Assert.Equal(1, failure.Properties["Line"].Value);
        Assert.Equal(8, failure.Properties["Column"].Value);
        Assert.Equal(error.TargetObject, failure.Properties["QueryExecutionId"].Value);
        Assert.Contains("mismatched input 'FORM'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("line 1, column 8", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains((string)error.TargetObject, error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_query_runs_as_written_with_the_connector_catalog_and_passthru_has_statistics()
    {
        var bucket = rig.NewBucket();
        MotoColumn[] columns = [new("image_name", "varchar"), new("license_plate", "varchar"), new("confidence", "decimal", 5, 2), new("bucket_name", "varchar"), new("timestamp", "varchar")];
        rig.QueueSelect(columns, [["cam1/f.jpg", "ABC123", "97.25", "frames", "2025-06-01T14:03:07.123456"]]);
        var result = Invoke($"Invoke-KvsAthenaQuery -Query 'SELECT * FROM \"default\".\"licenseplatedetections\" limit 10' -Catalog kvsworkshop -Database default -OutputLocation 's3://{bucket}/r/' -PassThru {AthenaMotoRig.Connection}");
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        Assert.Equal("ABC123", result.Output[0].Properties["license_plate"].Value);
        var execution = Execution(result.Output[1]);
        Assert.Equal("SUCCEEDED", execution.State);
        Assert.Equal("SELECT * FROM \"default\".\"licenseplatedetections\" limit 10", execution.Query);
        Assert.Equal("kvsworkshop", execution.Catalog);
        Assert.Equal("default", execution.Database);
        Assert.StartsWith($"s3://{bucket}/r/", execution.OutputLocation, StringComparison.Ordinal);
        Assert.Equal(10m * (1 << 20) / (1L << 40) * 5m, execution.EstimatedCostUsd); // the 10 MB minimum
    }

    [Fact]
    public void As_detection_maps_any_result_with_the_detection_columns()
    {
        var bucket = rig.NewBucket();
        MotoColumn[] columns = [new("image_name", "varchar"), new("license_plate", "varchar"), new("confidence", "varchar"), new("bucket_name", "varchar"), new("timestamp", "varchar")];
        rig.QueueSelect(columns, [["cam1/f.jpg", "ABC123", "97.25", "frames", "2025-06-01T14:03:07.123456"], ["cam1/g.jpg", "XYZ", "high", "frames", "2025-06-01T14:03:08"], [null, "Q", "90", "frames", null]]);
        var result = Invoke($"Invoke-KvsAthenaQuery 'SELECT * FROM licenseplatedetections' -As Detection -OutputLocation 's3://{bucket}/r/' {AthenaMotoRig.Connection} -WarningVariable w; $w | ForEach-Object {{ \"WARNING: $_\" }}");
        var detections = result.Output.Where(o => o.BaseObject.GetType().FullName == "KvsReporting.Detections.LicensePlateDetection").Select(Detection).ToList();
        Assert.Equal(2, detections.Count);
        Assert.Equal(97.25m, detections[0].Confidence);
        Assert.Equal("s3://frames/cam1/f.jpg", detections[0].ImageUri);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 14, 3, 7, TimeSpan.Zero).AddTicks(1234560), detections[0].Timestamp);
        Assert.Null(detections[1].Confidence);
        var warning = Assert.Single(result.Output.Select(o => o.BaseObject).OfType<string>());
        Assert.Equal("WARNING: 2 detection(s) read; 1 row(s) without an image_name were skipped; values left empty: confidence unreadable (1).", warning);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("x'; DROP TABLE licenseplatedetections; --")]
    public void Get_KvsDetection_sends_filters_as_parameters_so_injection_stays_data(string attack)
    {
        var bucket = rig.NewBucket();
        MotoColumn[] columns = [new("image_name", "varchar"), new("license_plate", "varchar"), new("confidence", "varchar"), new("bucket_name", "varchar"), new("timestamp", "varchar")];
        rig.QueueSelect(columns, []);
        var result = Invoke(
            $"Get-KvsDetection -LicensePlate $attack -MinConfidence 90 -After ([DateTimeOffset]'2025-06-01T00:00:00Z') -OutputLocation 's3://{bucket}/r/' -PassThru {AthenaMotoRig.Connection}",
            variables: new Dictionary<string, object?> { ["attack"] = attack });
        Assert.Empty(result.Errors);
        var execution = Execution(Assert.Single(result.Output));
        Assert.DoesNotContain(attack, execution.Query!, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP", execution.Query!, StringComparison.Ordinal);
        Assert.Equal(3, execution.Query!.Count(c => c == '?'));
        Assert.Equal(
            ["'" + attack.ToUpperInvariant().Replace("'", "''", StringComparison.Ordinal) + "'", "TIMESTAMP '2025-06-01 00:00:00.0000000 UTC'", "DOUBLE '90'"],
            execution.ExecutionParameters);
    }

    [Fact]
    public void Get_KvsQueryExecution_lists_recent_executions_and_Stop_honours_WhatIf()
    {
        var bucket = rig.NewBucket();
        rig.QueueSelect([new("x", "integer")], [["1"]]);
        var run = Invoke($"Invoke-KvsAthenaQuery 'SELECT 42 AS x' -OutputLocation 's3://{bucket}/r/' -PassThru {AthenaMotoRig.Connection}");
        var id = Execution(run.Output.Last()).QueryExecutionId;

        var recent = Invoke($"Get-KvsQueryExecution -First 500 {AthenaMotoRig.Connection}").Output.Select(Execution).ToList();
        Assert.Contains(recent, e => e.QueryExecutionId == id && e.Query == "SELECT 42 AS x" && e.State == "SUCCEEDED");

        // a piped execution binds by its id, not by its WorkGroup (which would list the workgroup instead)
        var piped = Invoke($"Get-KvsQueryExecution -QueryExecutionId '{id}' {AthenaMotoRig.Connection} | Get-KvsQueryExecution {AthenaMotoRig.Connection}");
        Assert.Equal(id, Execution(Assert.Single(piped.Output)).QueryExecutionId);

        var whatIf = Invoke($"Stop-KvsAthenaQuery -QueryExecutionId '{id}' -WhatIf {AthenaMotoRig.Connection}");
        Assert.Empty(whatIf.Errors);
        Assert.Equal("SUCCEEDED", StateOnMoto(id));
        var stopped = Invoke($"Get-KvsQueryExecution -QueryExecutionId '{id}' {AthenaMotoRig.Connection} | Stop-KvsAthenaQuery -Confirm:$false -PassThru {AthenaMotoRig.Connection}");
        Assert.Empty(stopped.Errors);
        Assert.Equal("CANCELLED", Execution(Assert.Single(stopped.Output)).State);
    }

    private string StateOnMoto(string id) =>
        Execution(Assert.Single(Invoke($"Get-KvsQueryExecution -QueryExecutionId '{id}' {AthenaMotoRig.Connection}").Output)).State;

    /// <summary>The module's objects come from its own load context: read them by property name.</summary>
    private sealed record ExecutionView(string QueryExecutionId, string State, string? Query, string? Catalog, string? Database, string? OutputLocation, decimal EstimatedCostUsd, IReadOnlyList<string> ExecutionParameters);

    private static ExecutionView Execution(PSObject o)
    {
        Assert.Equal("KvsReporting.Queries.KvsQueryExecution", o.BaseObject.GetType().FullName);
        return new ExecutionView(
            (string)o.Properties["QueryExecutionId"].Value, (string)o.Properties["State"].Value, (string?)o.Properties["Query"].Value,
            (string?)o.Properties["Catalog"].Value, (string?)o.Properties["Database"].Value, (string?)o.Properties["OutputLocation"].Value,
            (decimal)o.Properties["EstimatedCostUsd"].Value, ((IEnumerable<string>)o.Properties["ExecutionParameters"].Value).ToList());
    }

    private sealed record DetectionView(decimal? Confidence, string? ImageUri, DateTimeOffset? Timestamp);

    private static DetectionView Detection(PSObject o) =>
        new((decimal?)o.Properties["Confidence"].Value, (string?)o.Properties["ImageUri"].Value, (DateTimeOffset?)o.Properties["Timestamp"].Value);

    private static string WaitFor(Func<string?> probe)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (probe() is { } value)
                {
                    return value;
                }
            }
            catch (AggregateException)
            {
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException("The condition did not come true within 20 s.");
    }

    private static void AssertSameRows(IReadOnlyList<PSObject> expected, IReadOnlyList<PSObject> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Properties.Select(p => p.Name), actual[i].Properties.Select(p => p.Name));
            foreach (var property in expected[i].Properties)
            {
                AssertSameValue(property.Value, actual[i].Properties[property.Name].Value, $"row {i}, {property.Name}");
            }
        }
    }

    private static void AssertSameValue(object? expected, object? actual, string where)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, where + ": expected null");
                break;
            case IDictionary map:
                var other = Assert.IsAssignableFrom<IDictionary>(actual);
                Assert.Equal(map.Keys.Cast<object>(), other.Keys.Cast<object>());
                foreach (var key in map.Keys)
                {
                    AssertSameValue(map[key], other[key], where + "." + key);
                }

                break;
            case object?[] array:
                var list = Assert.IsType<object?[]>(actual);
                Assert.Equal(array.Length, list.Length);
                for (var i = 0; i < array.Length; i++)
                {
                    AssertSameValue(array[i], list[i], $"{where}[{i}]");
                }

                break;
            default:
                Assert.Equal(expected.GetType(), actual?.GetType());
                Assert.Equal(expected, actual);
                break;
        }
    }

    public void Dispose() => session.Dispose();
}
