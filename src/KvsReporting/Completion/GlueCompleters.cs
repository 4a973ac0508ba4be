using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Glue;

namespace KvsReporting.Completion;

/// <summary>Completes Glue crawler names (-Name / -CrawlerName of the crawler cmdlets), with state and database.</summary>
public sealed class CrawlerCompleter : AwsResourceCompleter
{
    protected override async IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var glue = context.Client(GlueClient.Description, AwsClientFactory.CreateGlue);
        await foreach (var crawler in glue.GetAllCrawlersAsync(cancellationToken))
        {
            if (crawler.Name is { Length: > 0 } name)
            {
                yield return new CompletionCandidate(name, $"{name} ({crawler.State}, database {crawler.DatabaseName})");
            }
        }
    }
}
