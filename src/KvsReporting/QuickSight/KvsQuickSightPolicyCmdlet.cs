using System.Management.Automation;
using KvsReporting.Aws;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Iam;
using KvsReporting.Cmdlets;
using KvsReporting.Completion;

namespace KvsReporting.QuickSight;

/// <summary>Base of the cmdlets that manage QuickSight's service-role policies: AWS-only, like the rest of QuickSight.</summary>
public abstract class KvsQuickSightPolicyCmdlet : KvsAwsOnlyCmdlet
{
    /// <summary>
    /// <para type="description">The IAM role QuickSight uses to reach AWS resources. Default: aws-quicksight-service-role-v0.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(QuickSightRoleCompleter))]
    public string RoleName { get; set; } = QuickSightPolicyTemplates.DefaultRoleName;

    protected override string AwsOnlyResource => "the inline policies of QuickSight's IAM service role";

    /// <summary>The role's inline policies, through IAM with the given connection.</summary>
    private protected QuickSightPolicyStore CreatePolicyStore(AwsConnection connection) =>
        new(GetClient(connection, IamClient.Description, ServiceClientFactories.CreateIam));

    /// <summary>The policies named with -PolicyName, or the module's two.</summary>
    private protected static string[] PolicyNamesOrDefault(string[]? names) =>
        names ?? [QuickSightPolicyTemplates.LambdaPolicyName, QuickSightPolicyTemplates.S3PolicyName];
}
