using System.Management.Automation;
using KvsReporting.Aws.Glue;
using KvsReporting.Cmdlets;
using KvsReporting.Completion;
using KvsReporting.Errors;

namespace KvsReporting.Crawler;

/// <summary>
/// Base of Wait-KvsCrawler and Stop-KvsCrawler: crawler names from parameters or the pipeline, the local stack
/// they may belong to, and waiting with progress on either engine.
/// </summary>
/// <remarks>
/// The engine is chosen per record at run time from -Local, not by parameter sets: a piped stack or status
/// object carries both CrawlerName and LocalPath, and only whether its LocalPath is empty says which engine it
/// belongs to (parameter sets would pick one by default for both kinds of object).
/// </remarks>
public abstract class KvsCrawlerCmdlet : KvsAwsCmdlet
{
    /// <summary>
    /// <para type="description">Names of the crawlers. Binds by the CrawlerName property of a stack or crawler status object. Needed on AWS; with -Local it defaults to the stack's crawler.</para>
    /// </summary>
    /// <remarks>Not bound by value: any piped object converts to a string, so a piped stack whose CrawlerName is empty would land here as its ToString().</remarks>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("CrawlerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CrawlerCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>
    /// <para type="description">Folder of a local stack: acts on its embedded crawler instead of Glue's. Binds from a stack or status object's LocalPath; an AWS object leaves it empty.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    [AllowNull]
    [AllowEmptyString]
    public string? Local { get; set; }

    /// <summary>The verb of the ErrorIds this cmdlet writes (Wait, Stop).</summary>
    private protected abstract string Operation { get; }

    internal async Task<CrawlerOperations> GetOperationsAsync()
    {
        var connection = await GetAwsConnectionAsync();
        var glue = GetGlueClient(connection);
        return new CrawlerOperations(glue, connection.Region.SystemName, connection.EndpointFor(GlueClient.Description), EmitVerbose);
    }

    /// <summary>-Name on AWS, or -Local: without either there is nothing to act on.</summary>
    internal void RequireTarget()
    {
        if (string.IsNullOrEmpty(Local) && Name.Length == 0)
        {
            throw KvsErrors.Terminating(
                $"{Operation}-KvsCrawler needs -Name (a Glue crawler on AWS) or -Local (the folder of a local stack).",
                $"Kvs{Operation}CrawlerNoTarget",
                ErrorCategory.InvalidArgument,
                null,
                $"Pipe a stack or status object (Get-KvsReportingStack | {Operation}-KvsCrawler), or give -Name <crawler> for AWS or -Local <folder> for a local stack.");
        }
    }

    /// <summary>
    /// The local stack's crawler, and the names that are its own: a name that is not writes the same
    /// not-found error as Glue's answer for an unknown crawler on AWS (Kvs&lt;Operation&gt;CrawlerNotFound).
    /// </summary>
    internal async Task<(LocalCrawlerOperations Crawler, IReadOnlyList<string> Names)> OpenLocalAsync()
    {
        var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Local));
        var local = new LocalCrawlerOperations(new KvsReporting.Local.LocalCrawler(folder));
        var names = LocalCrawlerNames.Match(Name, local.CrawlerName, local.LocalPath, Operation, EmitError);
        return (local, names);
    }

    /// <summary>
    /// A failure for one name: reported and the next name goes on, unless it would fail every name the same
    /// way (credentials, permissions, connection), which ends the command.
    /// </summary>
    internal void ReportPerNameFailure(ErrorRecord record)
    {
        if (record.CategoryInfo.Category is ErrorCategory.SecurityError or ErrorCategory.PermissionDenied or ErrorCategory.ConnectionError)
        {
            throw new KvsErrorException(record);
        }

        EmitError(record);
    }

    /// <summary>Waits for one crawler with a progress bar; throws the crawl's failure as a terminating error.</summary>
    internal Task<KvsCrawlerStatus> WaitWithProgressAsync(CrawlerOperations operations, string name, TimeSpan timeout, CancellationToken cancellationToken) =>
        operations.WaitWithProgressAsync(name, timeout, EmitProgress, cancellationToken);

    /// <summary>The same for a local stack's crawler.</summary>
    internal Task<KvsCrawlerStatus> WaitWithProgressAsync(LocalCrawlerOperations local, TimeSpan timeout, CancellationToken cancellationToken) =>
        local.WaitWithProgressAsync(timeout, EmitProgress, EmitVerbose, cancellationToken);
}
