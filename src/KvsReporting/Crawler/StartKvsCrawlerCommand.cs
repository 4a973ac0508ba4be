using System.Management.Automation;
using KvsReporting.Detections;
using KvsReporting.Errors;
using KvsReporting.Local;
using KvsReporting.Cmdlets;
using KvsReporting.Completion;

namespace KvsReporting.Crawler;

/// <summary>
/// <para type="synopsis">Runs the crawler that catalogs the detections table.</para>
/// <para type="description">With -Local, runs the local stack's crawler on the embedded engine: it reads a
/// DynamoDB table (-TableName, on AWS or any DynamoDB-compatible endpoint, with a parallel scan), an export
/// file (-Path: JSON array, JSON lines, DynamoDB-JSON export or CSV) or detection objects from the pipeline,
/// infers the schema as the Glue crawler does, and upserts the items into
/// AwsDataCatalog.kvsworkshop_db.&lt;table&gt; by image_name (a re-crawl only adds new and changed items).
/// Without a source it crawls the source of its last crawl again. Items it cannot key are skipped and
/// reported; drifted items (missing attributes, confidence as text, other timestamp formats) are kept and
/// counted. A local crawl finishes before the cmdlet returns.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "KvsCrawler", DefaultParameterSetName = LocalParameterSet, SupportsShouldProcess = true)]
[OutputType(typeof(KvsCrawlerStatus))]
public sealed class StartKvsCrawlerCommand : DynamoDbConnectionCmdlet
{
    /// <summary>Parameter set: the remembered source, or detection objects from the pipeline.</summary>
    public const string LocalParameterSet = "Local";

    /// <summary>Parameter set: an export file.</summary>
    public const string LocalFileParameterSet = "LocalFile";

    /// <summary>Parameter set: a DynamoDB table.</summary>
    public const string LocalDynamoDBParameterSet = "LocalDynamoDB";

    private LocalCrawler? crawler;
    private LocalCrawlSession? objectSession;
    private bool? localCrawlAllowed;

    /// <summary>
    /// <para type="description">Folder of the local stack whose crawler runs; bound from a stack object's LocalPath. Without it the command starts Glue crawlers on AWS (-Name).</para>
    /// </summary>
    /// <remarks>
    /// Optional in every set, like -Name: a piped stack object carries both LocalPath and CrawlerName, and only
    /// whether its LocalPath is empty says which engine it belongs to, so the choice is made at run time
    /// rather than by parameter sets (which would pick one by default for both kinds of stack).
    /// </remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    [AllowNull]
    [AllowEmptyString]
    public string? Local { get; set; }

    /// <summary>
    /// <para type="description">An export file to crawl: a JSON array, JSON lines, DynamoDB-JSON export lines ({"Item":{...}}) or CSV with a header row.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalFileParameterSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">A DynamoDB table to crawl (with -Region, -EndpointUrl and credentials as needed).</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalDynamoDBParameterSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DynamoDbTableCompleter))]
    public string TableName { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">Parallel scan segments for a DynamoDB source (default 4).</para>
    /// </summary>
    [Parameter(ParameterSetName = LocalDynamoDBParameterSet)]
    [ValidateRange(1, 64)]
    public int Segments { get; set; } = 4;

    /// <summary>
    /// <para type="description">Detections to crawl, from the pipeline (New-KvsSampleDetection | Start-KvsCrawler -Local ./stack).</para>
    /// </summary>
    [Parameter(ParameterSetName = LocalParameterSet, ValueFromPipeline = true)]
    public LicensePlateDetection[]? InputObject { get; set; }

    /// <summary>
    /// <para type="description">Waits for the crawl to finish. A local crawl always finishes before the cmdlet returns; the switch is accepted so scripts run on both engines.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>
    /// <para type="description">Names of the Glue crawlers to start on AWS. Binds by the CrawlerName property of an AWS stack or crawler status object.</para>
    /// </summary>
    /// <remarks>Not bound by value: any piped object converts to a string, so a piped local stack would land here.</remarks>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("CrawlerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CrawlerCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>
    /// <para type="description">With -Wait on AWS: how long to wait, as seconds (600) or a time span (00:10:00). Default 30 minutes.</para>
    /// </summary>
    [Parameter]
    [TimeoutArgument]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Local))
        {
            if (ParameterSetName == LocalParameterSet && InputObject is null && Name.Length > 0)
            {
                await StartOnAwsAsync(cancellationToken);
                return;
            }

            throw KvsErrors.Terminating(
                ParameterSetName == LocalParameterSet && InputObject is null
                    ? "Start-KvsCrawler needs -Name (a Glue crawler on AWS) or -Local (the folder of a local stack)."
                    : "-Path, -TableName and piped detections crawl into a local stack: give its folder with -Local.",
                "KvsStartCrawlerNoTarget",
                ErrorCategory.InvalidArgument,
                null,
                "Pipe a stack object (Get-KvsReportingStack | Start-KvsCrawler), or give -Name <crawler> for AWS or -Local <folder> for a local stack.");
        }

        var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Local));
        localCrawlAllowed ??= await ShouldProcessAsync($"local stack in '{folder}'", "Crawl into the embedded catalog");
        if (localCrawlAllowed == false)
        {
            return;
        }

        crawler ??= new LocalCrawler(folder);
        if (!string.Equals(crawler.LocalPath, System.IO.Path.GetFullPath(folder).TrimEnd(System.IO.Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            await FinishObjectsAsync();
            crawler = new LocalCrawler(folder);
        }

        // A local stack has one crawler; a name that is not its name is the same mistake as an unknown Glue
        // crawler, so it gets the same error (not a crawl under the wrong name).
        if (LocalCrawlerNames.Match(Name, crawler.Settings.CrawlerName, crawler.LocalPath, "Start", EmitError).Count == 0)
        {
            return;
        }

        switch (ParameterSetName)
        {
            case LocalFileParameterSet:
                var file = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Path));
                Report(RunGuarded(() => crawler.CrawlFile(file, n => Progress(n, file), cancellationToken)));
                break;
            case LocalDynamoDBParameterSet:
                Report(await CrawlTableAsync(crawler, TableName, null, null, cancellationToken));
                break;
            default:
                if (InputObject is { } detections)
                {
                    objectSession ??= Guarded(() => crawler.Begin("objects"));
                    if (objectSession is null)
                    {
                        return;
                    }

                    foreach (var detection in detections)
                    {
                        if (detection is not null)
                        {
                            objectSession.Add(detection);
                        }
                    }

                    if ((objectSession.RecordsRead & 0x3FFF) == 0)
                    {
                        Progress(objectSession.RecordsRead, "pipeline");
                    }
                }
                else
                {
                    Report(await RecrawlAsync(crawler, cancellationToken));
                }

                break;
        }
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken) => await FinishObjectsAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            objectSession?.Dispose(); // a stopped pipeline leaves the run CANCELLED
        }

        base.Dispose(disposing);
    }

    private Task FinishObjectsAsync()
    {
        if (objectSession is { } session)
        {
            objectSession = null;
            LocalCrawlRun run;
            using (session)
            {
                run = session.Complete();
            }

            Report(run); // after the session ends, so the status reads READY
        }

        return Task.CompletedTask;
    }

    private async Task<LocalCrawlRun?> RecrawlAsync(LocalCrawler local, CancellationToken cancellationToken)
    {
        var source = local.Settings.CrawlSource;
        switch (source?.Kind)
        {
            case LocalCrawlSourceKind.File:
                return RunGuarded(() => local.CrawlFile(source.Path!, n => Progress(n, source.Path!), cancellationToken));
            case LocalCrawlSourceKind.DynamoDB:
                return await CrawlTableAsync(local, source.TableName!, source.Region, source.EndpointUrl, cancellationToken);
            case LocalCrawlSourceKind.Stack:
                EmitVerbose($"The detections of the local stack in '{local.LocalPath}' were written into its table '{local.Settings.TableName}' (Write-KvsDetection -Local) and are cataloged already: nothing new to read.");
                return Guarded(local.CrawlStackTable);
            default:
                if (local.GetStatus().LastCrawl is not null)
                {
                    // Crawled from pipeline objects before: nothing can be read again, and the catalog already holds
                    // them. Like a Glue crawl that finds nothing new, this succeeds, so runbooks run on both engines.
                    EmitWarning($"The crawler '{local.Settings.CrawlerName}' of the local stack in '{local.LocalPath}' last read detections from the pipeline, which cannot be read again; the catalog is unchanged. Crawl a file (-Path) or a table (-TableName) to give it a source it can refresh.");
                    return Guarded(() =>
                    {
                        using var session = local.Begin("objects");
                        return session.Complete();
                    });
                }

                throw KvsErrors.Terminating(
                    $"The crawler '{local.Settings.CrawlerName}' of the local stack in '{local.LocalPath}' has no source yet.",
                    "KvsStartCrawlerNoSource",
                    ErrorCategory.InvalidOperation,
                    local.Settings.CrawlerName,
                    "Crawl a source once: -Path <export file>, -TableName <DynamoDB table>, or pipe detections (New-KvsSampleDetection | Start-KvsCrawler -Local <folder>). Later crawls without a source read it again.");
        }
    }

    private async Task<LocalCrawlRun?> CrawlTableAsync(LocalCrawler local, string table, string? region, string? endpointUrl, CancellationToken cancellationToken)
    {
        var (client, connection) = await GetDynamoDbClientAsync(region, endpointUrl);
        var effectiveEndpoint = connection.EndpointFor("DYNAMODB")?.ToString().TrimEnd('/');
        var effectiveRegion = connection.Region.SystemName;
        try
        {
            return await local.CrawlDynamoDbAsync(client, table, Segments, effectiveRegion, effectiveEndpoint, n => Progress(n, table), cancellationToken);
        }
        catch (KvsErrorException ex) when (ex.ErrorRecord.FullyQualifiedErrorId == "KvsStartCrawlerAlreadyRunning")
        {
            AlreadyRunning(ex);
            return null;
        }
    }

    private LocalCrawlRun? RunGuarded(Func<LocalCrawlRun> crawl) => Guarded(crawl);

    private T? Guarded<T>(Func<T> action)
        where T : class
    {
        try
        {
            return action();
        }
        catch (KvsErrorException ex) when (ex.ErrorRecord.FullyQualifiedErrorId == "KvsStartCrawlerAlreadyRunning")
        {
            AlreadyRunning(ex);
            return null;
        }
    }

    /// <summary>Like Glue: starting a running crawler is not an error; say so and return its status.</summary>
    private void AlreadyRunning(KvsErrorException ex)
    {
        EmitWarning(ex.Message);
        Emit(crawler!.GetStatus().ToKvsCrawlerStatus());
    }

    private void Report(LocalCrawlRun? run)
    {
        if (run is null)
        {
            return;
        }

        EmitProgress(new ProgressRecord(1, "Crawling", "done") { RecordType = ProgressRecordType.Completed });
        EmitVerbose($"Crawl {run.RunId} {run.Status}: read {run.RowsRead}, added {run.RowsAdded}, updated {run.RowsUpdated}, unchanged {run.RowsUnchanged}, skipped {run.RowsSkipped} in {run.Duration?.TotalSeconds:0.0} s.");
        if (run.ConsumedCapacityUnits is { } units)
        {
            EmitVerbose($"The scan consumed {units:0.#} read capacity units.");
        }

        foreach (var (reason, count) in run.SkippedReasons)
        {
            EmitWarning($"Skipped {count} item(s): {reason}.");
        }

        foreach (var (drift, count) in run.Drift)
        {
            EmitVerbose($"Kept {count} drifted item(s): {drift}.");
        }

        Emit(crawler!.GetStatus().ToKvsCrawlerStatus());
    }

    private void Progress(long read, string source) =>
        EmitProgress(new ProgressRecord(1, "Crawling", $"{read} items read from {source}"));

    /// <summary>Starts Glue crawlers; a running one warns and reports its status; -Wait follows each to READY.</summary>
    private async Task StartOnAwsAsync(CancellationToken cancellationToken)
    {
        var connection = await GetAwsConnectionAsync();
        var glue = GetGlueClient(connection);
        var operations = new CrawlerOperations(glue, connection.Region.SystemName, connection.EndpointFor(Aws.Glue.GlueClient.Description), EmitVerbose);
        foreach (var name in Name)
        {
            if (!await ShouldProcessAsync($"Glue crawler '{name}'", "Start a crawl"))
            {
                continue;
            }

            try
            {
                var (status, started) = await operations.StartAsync(name, EmitWarning, cancellationToken);
                if (started)
                {
                    EmitVerbose($"Started crawler '{name}'.");
                }

                Emit(Wait ? await operations.WaitWithProgressAsync(name, Timeout, EmitProgress, cancellationToken) : status);
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                var record = AwsError(ex, Aws.Glue.GlueClient.StartCrawlerOperation.Name, name, $"crawler '{name}'");
                if (record.CategoryInfo.Category is ErrorCategory.SecurityError or ErrorCategory.PermissionDenied or ErrorCategory.ConnectionError)
                {
                    throw new KvsErrorException(record);
                }

                EmitError(record);
            }
            catch (KvsErrorException ex) when (ex.ErrorRecord.CategoryInfo.Category == ErrorCategory.ObjectNotFound)
            {
                EmitError(ex.ErrorRecord);
            }
        }
    }
}
