using System.Management.Automation;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;

namespace KvsReporting.Crawler;

/// <summary>
/// <para type="synopsis">Waits until Glue crawlers are READY again and returns their final status.</para>
/// <para type="description">Polls each crawler (short first interval, backing off, and further while Glue throttles) and shows its state (RUNNING, STOPPING) and elapsed time as progress. Returns the final KvsCrawlerStatus. A crawl that ended FAILED is an error carrying the crawl's message and CloudWatch log location; when the crawler's role could not read the table the error names the role and table and gives the fix. Ctrl+C stops waiting (the crawl goes on); -Timeout ends the wait with an OperationTimeout error.</para>
/// <para type="description">With -Local, waits for the local stack's crawler. A local crawl finishes inside Start-KvsCrawler, so the status (READY, with the last crawl) comes back at once; only a crawl another session runs on the same stack is waited for.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "KvsCrawler")]
[OutputType(typeof(KvsCrawlerStatus))]
public sealed class WaitKvsCrawlerCommand : KvsCrawlerCmdlet
{
    /// <summary>
    /// <para type="description">How long to wait, as seconds (600) or a time span (00:10:00). Default 30 minutes.</para>
    /// </summary>
    [Parameter]
    [TimeoutArgument]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    private protected override string Operation => "Wait";

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        RequireTarget();
        if (!string.IsNullOrEmpty(Local))
        {
            var (local, names) = await OpenLocalAsync();
            foreach (var _ in names)
            {
                Emit(await WaitWithProgressAsync(local, Timeout, cancellationToken));
            }

            return;
        }

        var operations = await GetOperationsAsync();
        foreach (var name in Name)
        {
            try
            {
                Emit(await WaitWithProgressAsync(operations, name, Timeout, cancellationToken));
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                ReportPerNameFailure(AwsError(ex, "WaitCrawler", name, $"crawler '{name}'"));
            }
            catch (KvsErrorException ex) when (ex.ErrorRecord.CategoryInfo.Category == ErrorCategory.ObjectNotFound)
            {
                EmitError(ex.ErrorRecord);
            }
        }
    }
}
