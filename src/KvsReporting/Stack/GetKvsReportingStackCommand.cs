using System.Management.Automation;
using KvsReporting.Cmdlets;
using KvsReporting.Local;

namespace KvsReporting.Stack;

/// <summary>
/// <para type="synopsis">Gets a reporting stack: a CloudFormation stack on AWS, or a local stack folder.</para>
/// <para type="description">Without -Local, reads CloudFormation stacks: by name (wildcards allowed), or, without a name, every stack
/// in the region that carries the module's kvsreporting:stack tag. Each comes back with its status, account, region,
/// creation time and typed outputs (SpillBucket, QueryResultBucket, ResultLocation, GlueDatabase, CrawlerName, WorkGroup,
/// role ARNs), named so that it pipes into the crawler, query and QuickSight cmdlets.</para>
/// <para type="description">With -Local, opens the local stack in the folder and returns it with the names the
/// following cmdlets bind to (StackName, CrawlerName, WorkGroup, Catalog, Database, LocalPath).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsReportingStack", DefaultParameterSetName = NewKvsReportingStackCommand.AwsParameterSet)]
[OutputType(typeof(KvsReportingStack))]
public sealed partial class GetKvsReportingStackCommand : KvsAwsCmdlet
{
    /// <summary>
    /// <para type="description">Folder of the local stack.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NewKvsReportingStackCommand.LocalParameterSet, ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    [ValidateNotNullOrEmpty]
    public string Local { get; set; } = string.Empty;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName == NewKvsReportingStackCommand.AwsParameterSet)
        {
            await ProcessAwsAsync(cancellationToken);
            return;
        }

        await ProcessLocalAsync();
    }

    private async Task ProcessLocalAsync()
    {
        var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Local));
        Emit(new LocalStackStore().Open(folder));
    }
}
