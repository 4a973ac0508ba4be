using System.Management.Automation;
using Amazon.Runtime;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Glue;
using KvsReporting.Cmdlets;
using KvsReporting.Completion;
using KvsReporting.Errors;

namespace KvsReporting.Crawler;

/// <summary>
/// <para type="synopsis">Gets the state of Glue crawlers: READY/RUNNING/STOPPING, schedule, and how the last crawl went.</para>
/// <para type="description">Reads each named crawler with Glue GetCrawler (all crawlers with GetCrawlers when no name is given) and returns a KvsCrawlerStatus per crawler. A crawler that does not exist gives an ObjectNotFound error naming it; the other names are still reported.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsCrawlerStatus")]
[OutputType(typeof(KvsCrawlerStatus))]
public sealed class GetKvsCrawlerStatusCommand : KvsAwsCmdlet
{
    /// <summary>
    /// <para type="description">Names of the crawlers. Binds from the pipeline, also by the CrawlerName property of a stack or status object. Without it, every crawler in the region is reported.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CrawlerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CrawlerCompleter))]
    public string[]? Name { get; set; }

    /// <summary>
    /// <para type="description">Name of a reporting stack on AWS: reports the crawler its outputs name (CrawlerName). A piped stack object binds its CrawlerName directly instead.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    public string? StackName { get; set; }

    /// <summary>
    /// <para type="description">Folder of a local stack: reports its embedded crawler (runs, rows added/updated/skipped) instead of Glue's. Binds from a stack object's LocalPath; an AWS stack object leaves it empty.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    [AllowNull]
    [AllowEmptyString]
    public string? Local { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // One optional -Local rather than a parameter set of its own: a piped stack object carries both
        // CrawlerName and LocalPath, and only its LocalPath says which engine it belongs to.
        if (!string.IsNullOrEmpty(Local))
        {
            var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Local));
            var status = new KvsReporting.Local.LocalCrawler(folder).GetStatus().ToKvsCrawlerStatus();
            if (LocalCrawlerNames.Match(Name, status.CrawlerName, folder, "Get", EmitError).Count > 0)
            {
                Emit(status);
            }

            return;
        }

        var connection = await GetAwsConnectionAsync();
        var glue = GetGlueClient(connection);
        var endpoint = connection.EndpointFor(GlueClient.Description);
        var operations = new CrawlerOperations(glue, connection.Region.SystemName, endpoint, EmitVerbose);
        if (StackName is { } stackName)
        {
            Name = [await CrawlerOfStackAsync(connection, stackName, cancellationToken)];
        }

        if (Name is null)
        {
            try
            {
                await foreach (var crawler in glue.GetAllCrawlersAsync(cancellationToken))
                {
                    Emit(KvsCrawlerStatus.From(crawler, connection.Region.SystemName, endpoint, metrics: null));
                }
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                throw new KvsErrorException(AwsError(ex, GlueClient.GetCrawlersOperation.Name, connection.Region.SystemName, "the crawlers of the region"));
            }

            return;
        }

        foreach (var name in Name)
        {
            cancellationToken.ThrowIfCancellationRequested();
            GlueCrawler? crawler;
            try
            {
                crawler = (await glue.GetCrawlerAsync(new GetCrawlerRequest { Name = name }, cancellationToken)).Crawler;
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                var record = AwsError(ex, GlueClient.GetCrawlerOperation.Name, name, $"crawler '{name}'");
                if (record.CategoryInfo.Category is ErrorCategory.SecurityError or ErrorCategory.ConnectionError)
                {
                    throw new KvsErrorException(record); // the next name would fail the same way
                }

                EmitError(record);
                continue;
            }

            if (crawler is null)
            {
                EmitError(KvsErrors.Create(
                    new KvsReportingException($"Glue returned no crawler for '{name}'."),
                    "KvsGetCrawlerNotFound",
                    ErrorCategory.ObjectNotFound,
                    name,
                    "Check the crawler name and -Region."));
                continue;
            }

            var wantMetrics = crawler.LastCrawl is not null || crawler.State == "RUNNING";
            var metrics = wantMetrics ? await operations.TryGetMetricsAsync(name, cancellationToken) : null;
            Emit(KvsCrawlerStatus.From(crawler, connection.Region.SystemName, endpoint, metrics));
        }
    }

    /// <summary>The crawler a reporting stack's outputs name; errors say which stack was looked for.</summary>
    private async Task<string> CrawlerOfStackAsync(AwsConnection connection, string stackName, CancellationToken cancellationToken)
    {
        var cloudFormation = GetClient(connection, Aws.CloudFormation.CloudFormationClient.Description, Stack.StackClients.CreateCloudFormation);
        Aws.CloudFormation.CloudFormationStack? stack;
        try
        {
            stack = await cloudFormation.FindStackAsync(stackName, cancellationToken);
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, "DescribeStacks", stackName, $"stack '{stackName}'"));
        }

        var crawler = stack is null ? null : Stack.AwsStackMapper.ToStack(stack, connection.Region.SystemName, null).CrawlerName;
        if (stack is null || string.IsNullOrEmpty(crawler))
        {
            throw KvsErrors.Terminating(
                stack is null
                    ? $"No reporting stack named '{stackName}' exists in {connection.Region.SystemName}, so its crawler cannot be looked up."
                    : $"The stack '{stackName}' names no crawler in its outputs.",
                "KvsGetCrawlerStackNotFound",
                ErrorCategory.ObjectNotFound,
                stackName,
                "Check -StackName and -Region (Get-KvsReportingStack lists the module's stacks), or give the crawler's -Name.");
        }

        return crawler;
    }
}
