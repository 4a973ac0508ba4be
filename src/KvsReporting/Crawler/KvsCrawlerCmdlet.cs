using System.Management.Automation;
using KvsReporting.Aws.Glue;
using KvsReporting.Cmdlets;
using KvsReporting.Completion;

namespace KvsReporting.Crawler;

/// <summary>Base of the crawler cmdlets on AWS: crawler names from parameters or the pipeline, and waiting with progress.</summary>
public abstract class KvsCrawlerCmdlet : KvsAwsCmdlet
{
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
    internal Task<KvsCrawlerStatus> WaitWithProgressAsync(CrawlerOperations operations, string name, TimeSpan timeout, CancellationToken cancellationToken) =>
        operations.WaitWithProgressAsync(name, timeout, EmitProgress, cancellationToken);
}
