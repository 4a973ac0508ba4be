using System.Management.Automation;
using Amazon.Runtime;
using KvsReporting.Aws.Glue;
using KvsReporting.Errors;

namespace KvsReporting.Crawler;

/// <summary>
/// Reads, starts, stops and waits for a Glue crawler. Shared by the crawler cmdlets so they report states,
/// failures and troubleshooting advice the same way.
/// </summary>
internal sealed class CrawlerOperations(GlueClient glue, string region, Uri? endpoint, Action<string> verbose)
{
    /// <summary>First poll interval; polls back off to <see cref="MaxPoll"/>.</summary>
    internal static TimeSpan FirstPoll { get; set; } = TimeSpan.FromSeconds(2);

    internal static TimeSpan MaxPoll { get; set; } = TimeSpan.FromSeconds(30);

    private static int nextActivityId = 4200;

    public async Task<KvsCrawlerStatus> GetStatusAsync(string name, CancellationToken cancellationToken)
    {
        var crawler = (await glue.GetCrawlerAsync(new GetCrawlerRequest { Name = name }, cancellationToken)).Crawler
            ?? throw new KvsErrorException(KvsErrors.Create(
                new KvsReportingException($"Glue returned no crawler named '{name}'."),
                "KvsGetCrawlerNotFound",
                ErrorCategory.ObjectNotFound,
                name,
                "Check the crawler name and -Region, or pipe the stack object (Get-KvsReportingStack | Get-KvsCrawlerStatus)."));
        var wantMetrics = crawler.LastCrawl is not null || crawler.State == "RUNNING";
        var metrics = wantMetrics ? await TryGetMetricsAsync(name, cancellationToken) : null;
        return KvsCrawlerStatus.From(crawler, region, endpoint, metrics);
    }

    /// <summary>Metrics are extras: a caller without glue:GetCrawlerMetrics (or a service without it) still gets the status.</summary>
    public async Task<GlueCrawlerMetrics?> TryGetMetricsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await glue.GetCrawlerMetricsAsync(new GetCrawlerMetricsRequest { CrawlerNameList = [name] }, cancellationToken);
            return response.CrawlerMetricsList?.FirstOrDefault(m => m.CrawlerName == name);
        }
        catch (AmazonServiceException ex)
        {
            verbose($"GetCrawlerMetrics for '{name}' gave {ex.ErrorCode ?? ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}; metrics are not reported.");
            return null;
        }
    }

    /// <summary>
    /// Starts a crawl. A crawler that is already running (or stopping) is not an error: the warning says so
    /// and the current status is returned, so a runbook can re-run safely.
    /// </summary>
    public async Task<(KvsCrawlerStatus Status, bool Started)> StartAsync(string name, Action<string> warn, CancellationToken cancellationToken)
    {
        try
        {
            await glue.StartCrawlerAsync(new StartCrawlerRequest { Name = name }, cancellationToken);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode is "CrawlerRunningException")
        {
            var current = await GetStatusAsync(name, cancellationToken);
            warn($"Crawler '{name}' is already {current.State}; not started again.");
            return (current, false);
        }

        return (await GetStatusAsync(name, cancellationToken), true);
    }

    /// <summary>
    /// Polls until the crawler is READY again, reporting each poll. Backs off from <see cref="FirstPoll"/> to
    /// <see cref="MaxPoll"/>, and further while the service throttles.
    /// </summary>
    public async Task<KvsCrawlerStatus> WaitAsync(
        string name,
        TimeSpan timeout,
        Action<KvsCrawlerStatus, TimeSpan> onPoll,
        CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var interval = FirstPoll;
        while (true)
        {
            KvsCrawlerStatus status;
            try
            {
                status = await GetStatusAsync(name, cancellationToken);
            }
            catch (AmazonServiceException ex) when (AwsFailure.IsThrottling(ex))
            {
                interval = Min(interval * 2, MaxPoll * 2);
                verbose($"Glue is throttling GetCrawler for '{name}'; next poll in {interval.TotalSeconds:0} s.");
                await Task.Delay(interval, cancellationToken);
                continue;
            }

            var elapsed = DateTimeOffset.UtcNow - started;
            onPoll(status, elapsed);
            if (status.State == "READY")
            {
                return status;
            }

            if (elapsed + interval > timeout)
            {
                var remaining = timeout - elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new KvsErrorException(KvsErrors.Create(
                        new TimeoutException($"Crawler '{name}' is still {status.State} after {FormatDuration(timeout)}."),
                        "KvsWaitCrawlerTimeout",
                        ErrorCategory.OperationTimeout,
                        status,
                        "Wait again with a longer -Timeout (Wait-KvsCrawler), or look at the crawl's CloudWatch log (LastCrawlLogGroup). The crawler keeps running; Stop-KvsCrawler stops it."));
                }

                interval = remaining;
            }

            await Task.Delay(interval, cancellationToken);
            interval = Min(interval * 1.5, MaxPoll);
        }
    }

    /// <summary>
    /// Waits for one crawler, reporting state and elapsed time as progress (and verbose lines); a crawl that
    /// ended FAILED is thrown as its error record.
    /// </summary>
    public async Task<KvsCrawlerStatus> WaitWithProgressAsync(string name, TimeSpan timeout, Action<ProgressRecord> progress, CancellationToken cancellationToken)
    {
        var activityId = Interlocked.Increment(ref nextActivityId);
        var activity = $"Waiting for crawler {name}";
        try
        {
            var final = await WaitAsync(
                name,
                timeout,
                (status, elapsed) =>
                {
                    var left = status.EstimatedTimeLeft is { } t ? $", about {FormatDuration(t)} left" : string.Empty;
                    var record = new ProgressRecord(activityId, activity, $"{status.State}, {FormatDuration(elapsed)} elapsed{left}");
                    if (status.EstimatedTimeLeft is { } remaining && remaining > TimeSpan.Zero)
                    {
                        record.SecondsRemaining = (int)remaining.TotalSeconds;
                    }

                    progress(record);
                    verbose($"Crawler {name}: {status.State} after {FormatDuration(elapsed)}.");
                },
                cancellationToken);
            if (final.LastCrawlStatus == "FAILED")
            {
                throw new KvsErrorException(CrawlFailed(final));
            }

            return final;
        }
        finally
        {
            progress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>The error for a crawl that ended FAILED, with the fix for the causes the seed names.</summary>
    public static ErrorRecord CrawlFailed(KvsCrawlerStatus status)
    {
        var message = status.LastCrawlErrorMessage ?? "no message";
        if (status.LocalPath is { Length: > 0 } folder)
        {
            return LocalCrawlFailed(status, message, folder);
        }

        var log = status.LastCrawlLogGroup is null ? string.Empty : $" Log: {status.LastCrawlLogGroup}/{status.LastCrawlLogStream}.";
        var table = status.Targets.FirstOrDefault(t => t.Kind == "DynamoDB")?.Path;
        if (LooksLikePermission(message))
        {
            return KvsErrors.Create(
                new KvsReportingException($"The last crawl of '{status.CrawlerName}' failed: its role cannot read the source. {message}{log}"),
                "KvsCrawlerFailedAccessDenied",
                ErrorCategory.PermissionDenied,
                status,
                $"Give the crawler's role {status.Role ?? "(unknown role)"} dynamodb:DescribeTable and dynamodb:Scan on table {table ?? "(its DynamoDB target)"} (the reporting stack's Glue role has them; Update-KvsReportingStack restores it), then Start-KvsCrawler -Wait.");
        }

        return KvsErrors.Create(
            new KvsReportingException($"The last crawl of '{status.CrawlerName}' failed: {message}{log}"),
            "KvsCrawlerFailed",
            ErrorCategory.InvalidResult,
            status,
            "Read the crawl's CloudWatch log named above, fix the cause, then Start-KvsCrawler -Wait.");
    }

    /// <summary>The same errors for a local stack's crawler: its source is read with the caller's own credentials, and there is no log group.</summary>
    private static ErrorRecord LocalCrawlFailed(KvsCrawlerStatus status, string message, string folder)
    {
        var source = status.Targets.Count > 0 ? status.Targets[0].ToString() : "its last source";
        if (LooksLikePermission(message))
        {
            return KvsErrors.Create(
                new KvsReportingException($"The last crawl of '{status.CrawlerName}' (local stack in '{folder}') failed: it could not read {source}. {message}"),
                "KvsCrawlerFailedAccessDenied",
                ErrorCategory.PermissionDenied,
                status,
                $"Give the credentials you crawl with dynamodb:DescribeTable and dynamodb:Scan on the source table, then Start-KvsCrawler -Local {folder}.");
        }

        return KvsErrors.Create(
            new KvsReportingException($"The last crawl of '{status.CrawlerName}' (local stack in '{folder}') failed: {message}"),
            "KvsCrawlerFailed",
            ErrorCategory.InvalidResult,
            status,
            $"Fix the cause in the message (Get-KvsCrawlerStatus -Local {folder} shows the last crawl), then Start-KvsCrawler -Local {folder}.");
    }

    internal static bool LooksLikePermission(string message) =>
        message.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase)
        || message.Contains("not authorized", StringComparison.OrdinalIgnoreCase)
        || message.Contains("is not authorized to perform", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Access Denied", StringComparison.OrdinalIgnoreCase);

    internal static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s" : $"{span.TotalSeconds:0} s";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
