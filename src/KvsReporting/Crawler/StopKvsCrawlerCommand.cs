using System.Management.Automation;
using Amazon.Runtime;
using KvsReporting.Aws.Glue;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;

namespace KvsReporting.Crawler;

/// <summary>
/// <para type="synopsis">Stops running Glue crawlers.</para>
/// <para type="description">Asks Glue to stop each running crawler (it moves to STOPPING, then READY) and returns its status; with -Wait, waits until it is READY. A crawler that is not running is not an error: a warning says so and its status is returned.</para>
/// <para type="description">With -Local, acts on the local stack's crawler. A local crawl finishes inside Start-KvsCrawler, so between commands there is nothing to stop: like a Glue crawler that is not running, a warning says so and the status is returned. A crawl another session runs on the same stack cannot be stopped from here (an error says where to stop it).</para>
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

    private protected override string Operation => "Stop";

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        RequireTarget();
        if (!string.IsNullOrEmpty(Local))
        {
            await StopLocalAsync(cancellationToken);
            return;
        }

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
                        : NotRunning(name));
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

    /// <summary>Glue's CrawlerNotRunningException, as both engines report it.</summary>
    private static string NotRunning(string name) => $"Crawler '{name}' is not running; nothing to stop.";

    private async Task StopLocalAsync(CancellationToken cancellationToken)
    {
        var (local, names) = await OpenLocalAsync();
        foreach (var name in names)
        {
            if (!await ShouldProcessAsync($"crawler '{name}' of the local stack in '{local.LocalPath}'", "Stop the running crawl"))
            {
                continue;
            }

            var status = local.GetStatus();
            if (status.State != "READY")
            {
                // Only a crawl of another session can be running here; its cancellation token is out of reach.
                EmitError(KvsErrors.Create(
                    new KvsReportingException($"Crawler '{name}' of the local stack in '{local.LocalPath}' is crawling in another session, which alone can stop it."),
                    "KvsStopCrawlerRunningElsewhere",
                    ErrorCategory.ResourceBusy,
                    name,
                    "Press Ctrl+C in the session that runs the crawl (the run is recorded CANCELLED), or wait for it with Wait-KvsCrawler -Local."));
                continue;
            }

            EmitWarning(NotRunning(name));
            Emit(Wait ? await WaitWithProgressAsync(local, Timeout, cancellationToken) : status);
        }
    }
}
