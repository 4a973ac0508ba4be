using System.Management.Automation;
using KvsReporting.Errors;
using KvsReporting.Local;

namespace KvsReporting.Crawler;

/// <summary>
/// Reads and waits for a local stack's crawler the way <see cref="CrawlerOperations"/> does for Glue's, so
/// Wait-KvsCrawler and Stop-KvsCrawler report the same states, timeouts and failures on both engines.
/// </summary>
/// <remarks>
/// A local crawl finishes inside Start-KvsCrawler, so between commands of one session the crawler is READY and
/// a wait returns at once. Only a crawl run by another session (another process) can be seen RUNNING; that one
/// is waited for like a Glue crawl, polling its marker file.
/// </remarks>
internal sealed class LocalCrawlerOperations(LocalCrawler crawler)
{
    internal static TimeSpan FirstPoll { get; set; } = TimeSpan.FromMilliseconds(250);

    internal static TimeSpan MaxPoll { get; set; } = TimeSpan.FromSeconds(2);

    public string CrawlerName => crawler.Settings.CrawlerName;

    public string LocalPath => crawler.LocalPath;

    public KvsCrawlerStatus GetStatus() => crawler.GetStatus().ToKvsCrawlerStatus();

    /// <summary>Polls until the crawler is READY and its crawl log can be read, or the timeout runs out.</summary>
    public async Task<KvsCrawlerStatus> WaitAsync(TimeSpan timeout, Action<KvsCrawlerStatus, TimeSpan> onPoll, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var interval = FirstPoll;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            KvsCrawlerStatus status;
            try
            {
                status = GetStatus();
            }
            catch (KvsErrorException ex) when (ex.ErrorRecord.FullyQualifiedErrorId == "KvsLocalStackInUse")
            {
                // The other session finished its crawl but still holds the database for a moment.
                status = new KvsCrawlerStatus { CrawlerName = CrawlerName, State = "RUNNING", LocalPath = LocalPath };
            }

            var elapsed = DateTimeOffset.UtcNow - started;
            onPoll(status, elapsed);
            if (status.State == "READY")
            {
                return status;
            }

            if (elapsed >= timeout)
            {
                throw new KvsErrorException(KvsErrors.Create(
                    new TimeoutException($"Crawler '{CrawlerName}' is still {status.State} after {CrawlerOperations.FormatDuration(timeout)}: another session is crawling the local stack in '{LocalPath}'."),
                    "KvsWaitCrawlerTimeout",
                    ErrorCategory.OperationTimeout,
                    status,
                    "Wait again with a longer -Timeout (Wait-KvsCrawler -Local), or stop the crawl in the session that runs it (Ctrl+C)."));
            }

            var remaining = timeout - elapsed;
            await Task.Delay(interval < remaining ? interval : remaining, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxPoll.Ticks));
        }
    }

    /// <summary>Waits with progress and verbose lines; a last crawl that FAILED is thrown as its error record.</summary>
    public async Task<KvsCrawlerStatus> WaitWithProgressAsync(TimeSpan timeout, Action<ProgressRecord> progress, Action<string> verbose, CancellationToken cancellationToken)
    {
        const int activityId = 4199;
        var activity = $"Waiting for crawler {CrawlerName}";
        try
        {
            var final = await WaitAsync(
                timeout,
                (status, elapsed) =>
                {
                    progress(new ProgressRecord(activityId, activity, $"{status.State}, {CrawlerOperations.FormatDuration(elapsed)} elapsed"));
                    verbose($"Crawler {CrawlerName} of the local stack in '{LocalPath}': {status.State} after {CrawlerOperations.FormatDuration(elapsed)}.");
                },
                cancellationToken).ConfigureAwait(false);
            if (final.LastCrawlStatus == "FAILED")
            {
                throw new KvsErrorException(CrawlerOperations.CrawlFailed(final));
            }

            return final;
        }
        finally
        {
            progress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
