using KvsReporting.Local;

namespace KvsReporting.Crawler;

/// <summary>
/// Presents a local stack's crawler as a <see cref="KvsCrawlerStatus"/>, so Get-KvsCrawlerStatus (and Start-/
/// Wait-KvsCrawler) can answer the same type on both engines.
/// </summary>
public static class KvsCrawlerStatusFromLocal
{
    public static KvsCrawlerStatus ToKvsCrawlerStatus(this LocalCrawlerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var last = status.LastCrawl;
        var schedule = GlueCronSchedule.TryParse(status.Schedule, out var parsed) ? parsed : null;
        var targets = new List<KvsCrawlerTarget>();
        if (status.Target is { } target)
        {
            var colon = target.IndexOf(':', StringComparison.Ordinal);
            targets.Add(colon > 0
                ? new KvsCrawlerTarget(target[..colon] switch { "dynamodb" => "DynamoDB", "stack" => "Local", _ => "File" }, target[(colon + 1)..])
                : new KvsCrawlerTarget("Local", target));
        }

        return new KvsCrawlerStatus
        {
            CrawlerName = status.CrawlerName,
            State = status.State,
            Database = status.DatabaseName,
            ScheduleExpression = string.IsNullOrEmpty(status.Schedule) ? null : status.Schedule, // on demand, as Glue reports it
            ScheduleDescription = schedule?.Describe(),
            // A local stack records the schedule but nothing runs it: crawls happen when Start-KvsCrawler is called.
            ScheduleState = "NOT_SCHEDULED",
            LastCrawlStatus = last?.Status,
            LastCrawlStartTime = last?.StartTime,
            LastCrawlEndTime = last?.EndTime,
            LastCrawlErrorMessage = last?.ErrorMessage,
            TablesCreated = last?.TablesCreated,
            TablesUpdated = last?.TablesUpdated,
            TablesDeleted = last is null ? null : 0,
            Elapsed = status.CurrentCrawl is { } running ? DateTimeOffset.UtcNow - running.StartTime : null,
            Targets = targets,
            LocalPath = status.LocalPath,
            LastCrawl = last,
            UpdateBehavior = "UPDATE_IN_DATABASE",
            DeleteBehavior = "LOG",
        };
    }
}
