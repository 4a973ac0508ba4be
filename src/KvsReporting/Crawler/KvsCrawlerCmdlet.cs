using System.Management.Automation;
using KvsReporting.Aws.Glue;
using KvsReporting.Cmdlets;
using KvsReporting.Completion;

namespace KvsReporting.Crawler;

/// <summary>Base of the crawler cmdlets on AWS: crawler names from parameters or the pipeline, and waiting with progress.</summary>
public abstract class KvsCrawlerCmdlet : KvsAwsCmdlet
{
    private static int nextActivityId = 4200;

    /// <summary>
    /// <para type="description">Names of the crawlers. Binds from the pipeline, also by the CrawlerName property of a stack or crawler status object.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CrawlerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CrawlerCompleter))]
    public string[] Name { get; set; } = [];

    internal async Task<CrawlerOperations> GetOperationsAsync()
    {
        var connection = await GetAwsConnectionAsync();
        var glue = GetGlueClient(connection);
        return new CrawlerOperations(glue, connection.Region.SystemName, connection.EndpointFor(GlueClient.Description), EmitVerbose);
    }

    /// <summary>
    /// A failure for one name: reported and the next name goes on, unless it would fail every name the same
    /// way (credentials, permissions, connection), which ends the command.
    /// </summary>
    internal void ReportPerNameFailure(ErrorRecord record)
    {
        if (record.CategoryInfo.Category is ErrorCategory.SecurityError or ErrorCategory.PermissionDenied or ErrorCategory.ConnectionError)
        {
            throw new Errors.KvsErrorException(record);
        }

        EmitError(record);
    }

    /// <summary>Waits for one crawler with a progress bar; throws the crawl's failure as a terminating error.</summary>
    internal async Task<KvsCrawlerStatus> WaitWithProgressAsync(CrawlerOperations operations, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var activityId = Interlocked.Increment(ref nextActivityId);
        var activity = $"Waiting for crawler {name}";
        try
        {
            var final = await operations.WaitAsync(
                name,
                timeout,
                (status, elapsed) =>
                {
                    var left = status.EstimatedTimeLeft is { } t ? $", about {CrawlerOperations.FormatDuration(t)} left" : string.Empty;
                    var record = new ProgressRecord(activityId, activity, $"{status.State}, {CrawlerOperations.FormatDuration(elapsed)} elapsed{left}");
                    if (status.EstimatedTimeLeft is { } remaining && remaining > TimeSpan.Zero)
                    {
                        record.SecondsRemaining = (int)remaining.TotalSeconds;
                    }

                    EmitProgress(record);
                    EmitVerbose($"Crawler {name}: {status.State} after {CrawlerOperations.FormatDuration(elapsed)}.");
                },
                cancellationToken);
            if (final.LastCrawlStatus == "FAILED")
            {
                throw new Errors.KvsErrorException(CrawlerOperations.CrawlFailed(final));
            }

            return final;
        }
        finally
        {
            EmitProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
