using System.Management.Automation;
using KvsReporting.Cmdlets;
using KvsReporting.Local;

namespace KvsReporting.Stack;

/// <summary>
/// <para type="synopsis">Removes a reporting stack and the data it owns.</para>
/// <para type="description">Without -Local, deletes the CloudFormation stack. It first empties the stack's versioned buckets (every
/// object version and delete marker, in batches of 1000), because CloudFormation cannot delete a bucket that still holds
/// anything. The DynamoDB detections table is not part of the stack and is never touched. With -Wait it follows the
/// deletion to the end; a failure names the resource that could not be deleted and why.</para>
/// <para type="description">For a local stack, deletes the embedded database (with its crawled detections and
/// crawl log) and stack.json, and the folder when nothing else is left in it. Other files in the folder are kept.
/// Takes the stack from the pipeline (Get-KvsReportingStack -Local x | Remove-KvsReportingStack).</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "KvsReportingStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NewKvsReportingStackCommand.AwsParameterSet)]
[OutputType(typeof(void))]
public sealed partial class RemoveKvsReportingStackCommand : KvsAwsCmdlet
{
    /// <summary>
    /// <para type="description">Folder of the local stack; bound from a stack object's LocalPath.</para>
    /// </summary>
    /// <remarks>
    /// Also bound (hidden) in the Aws set: a stack object from the pipeline carries both StackName and LocalPath,
    /// so both sets fit and PowerShell picks the default (Aws) one. A local stack's LocalPath still arrives here
    /// and sends the removal to the local stack; an AWS stack's LocalPath is null and changes nothing.
    /// </remarks>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NewKvsReportingStackCommand.LocalParameterSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = NewKvsReportingStackCommand.AwsParameterSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    [Alias("LocalPath")]
    [AllowNull]
    [AllowEmptyString]
    public string? Local { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Local))
        {
            if (ParameterSetName == NewKvsReportingStackCommand.LocalParameterSet)
            {
                throw Errors.KvsErrors.Terminating("-Local needs the folder of a local stack.", "KvsRemoveStackNotFound", ErrorCategory.InvalidArgument, Local, "Give -Local the stack's folder.");
            }

            await ProcessAwsAsync(cancellationToken);
            return;
        }

        await ProcessLocalAsync();
    }

    private async Task ProcessLocalAsync()
    {
        var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Local));
        var store = new LocalStackStore();
        var stack = store.Open(folder);
        if (!await ShouldProcessAsync(
                $"Deleting the local reporting stack '{stack.StackName}' in '{folder}': its database (crawled detections, crawl log) and stack.json.",
                $"Delete the local reporting stack '{stack.StackName}' in '{folder}' with its crawled detections?",
                "Remove-KvsReportingStack"))
        {
            return;
        }

        foreach (var removed in store.Remove(folder))
        {
            EmitVerbose($"Deleted {removed}");
        }
    }
}
