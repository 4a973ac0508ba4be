using System.Management.Automation;
using KvsReporting.Cmdlets;
using KvsReporting.Local;

namespace KvsReporting.Stack;

/// <summary>
/// <para type="synopsis">Gets a reporting stack: a CloudFormation stack on AWS, or a local stack folder.</para>
/// <para type="description">With -Local, opens the local stack in the folder and returns it with the names the
/// following cmdlets bind to (StackName, CrawlerName, WorkGroup, Catalog, Database, LocalPath).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsReportingStack", DefaultParameterSetName = NewKvsReportingStackCommand.LocalParameterSet)]
[OutputType(typeof(KvsReportingStack))]
public sealed class GetKvsReportingStackCommand : KvsAsyncCmdlet
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
        var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Local));
        Emit(new LocalStackStore().Open(folder));
    }
}
