using System.Management.Automation;
using Amazon.Runtime;
using KvsReporting.Aws.Glue;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;

namespace KvsReporting.Crawler;

/// <summary>
/// <para type="synopsis">Stops running Glue crawlers.</para>
/// <para type="description">Asks Glue to stop each running crawler (it moves to STOPPING, then READY) and returns its status; with -Wait, waits until it is READY. A crawler that is not running is not an error: a warning says so and its status is returned.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "KvsCrawler", SupportsShouldProcess = true)]
[OutputType(typeof(KvsCrawlerStatus))]
public sealed class StopKvsCrawlerCommand : KvsCrawlerCmdlet
{
    /// <summary>
    /// <para type="description">Waits until the crawler is READY again.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>
    /// <para type="description">How long -Wait waits, as seconds or a time span. Default 30 minutes.</para>
    /// </summary>
    [Parameter]
    [TimeoutArgument]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var operations = await GetOperationsAsync();
        var glue = GetGlueClient(await GetAwsConnectionAsync());
        foreach (var name in Name)
        {
            if (!await ShouldProcessAsync($"Glue crawler '{name}'", "Stop the running crawl"))
            {
                continue;
            }

            try
            {
                try
                {
                    await glue.StopCrawlerAsync(new StopCrawlerRequest { Name = name }, cancellationToken);
                }
                catch (AmazonServiceException ex) when (ex.ErrorCode is "CrawlerNotRunningException" or "CrawlerStoppingException")
                {
                    EmitWarning(ex.ErrorCode == "CrawlerStoppingException"
                        ? $"Crawler '{name}' is already stopping."
                        : $"Crawler '{name}' is not running; nothing to stop.");
                }

                Emit(Wait ? await WaitWithProgressAsync(operations, name, Timeout, cancellationToken) : await operations.GetStatusAsync(name, cancellationToken));
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                ReportPerNameFailure(AwsError(ex, GlueClient.StopCrawlerOperation.Name, name, $"crawler '{name}'"));
            }
            catch (KvsErrorException ex) when (ex.ErrorRecord.CategoryInfo.Category == ErrorCategory.ObjectNotFound)
            {
                EmitError(ex.ErrorRecord);
            }
        }
    }
}
