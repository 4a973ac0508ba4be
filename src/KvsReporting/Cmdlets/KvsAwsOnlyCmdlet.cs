using System.Management.Automation;
using System.Reflection;
using KvsReporting.Errors;

namespace KvsReporting.Cmdlets;

/// <summary>
/// Base of the cmdlets that manage AWS resources a local stack has no counterpart for (the Athena DynamoDB
/// connector, QuickSight). A local stack piped in stops them with one clear error before any parameter check
/// or AWS call, instead of a binding error on a property the local stack leaves empty or a credentials error.
/// </summary>
public abstract class KvsAwsOnlyCmdlet : KvsAwsCmdlet
{
    /// <summary>
    /// A local stack object's folder, bound by property name only so such an object can be recognised; hidden
    /// because these cmdlets have no local mode to select. An AWS stack object leaves it empty.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? LocalPath { get; set; }

    /// <summary>What the cmdlet manages on AWS, as a noun phrase (e.g. "the Athena DynamoDB connector: ...").</summary>
    protected abstract string AwsOnlyResource { get; }

    /// <summary>The ErrorId prefix of the cmdlet's own errors: Kvs, verb, noun without Kvs (KvsNewAthenaDataSource).</summary>
    protected string CmdletErrorPrefix
    {
        get
        {
            var cmdlet = GetType().GetCustomAttribute<CmdletAttribute>() ?? throw new InvalidOperationException(GetType().Name + " has no [Cmdlet].");
            return "Kvs" + cmdlet.VerbName + cmdlet.NounName["Kvs".Length..];
        }
    }

    // Runs on the pipeline thread before ProcessRecordAsync, so the refusal comes first and needs no worker.
    protected sealed override bool TryProcessRecordInline()
    {
        if (!string.IsNullOrEmpty(LocalPath))
        {
            ThrowTerminatingError(LocalStackError(LocalPath));
        }

        return false;
    }

    private ErrorRecord LocalStackError(string localPath)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(GetUnresolvedProviderPathFromPSPath(localPath)));
        var command = MyInvocation.MyCommand.Name;
        return KvsErrors.Create(
            new KvsReportingException(
                $"{command} manages AWS resources ({AwsOnlyResource}), and the stack in '{folder}' is a local stack, which needs none: "
                + "its embedded catalog already answers \"kvsworkshop\".\"default\".\"licenseplatedetections\" (and the AwsDataCatalog spellings) without a connector, "
                + "and its reports come from Export-KvsReport rather than QuickSight."),
            CmdletErrorPrefix + "LocalStack",
            ErrorCategory.InvalidOperation,
            folder,
            $"For the local stack use Invoke-KvsAthenaQuery -Local '{folder}' or Export-KvsReport -Local '{folder}'; to run {command}, pipe an AWS stack instead (Get-KvsReportingStack -StackName NAME -Region REGION | {command}).");
    }
}
