using KvsReporting.Cmdlets;

namespace KvsReporting.QuickSight;

/// <summary>Base of the cmdlets that manage QuickSight's service-role policies: AWS-only, like the rest of QuickSight.</summary>
public abstract class KvsQuickSightPolicyCmdlet : KvsAwsOnlyCmdlet
{
    protected override string AwsOnlyResource => "the inline policies of QuickSight's IAM service role";
}
