using System.Management.Automation;
using KvsReporting.Completion;
using KvsReporting.Aws;
using KvsReporting.Aws.Iam;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;

namespace KvsReporting.QuickSight;

/// <summary>
/// <para type="synopsis">Gets the QuickSight service role's inline policies QuickSightLambdaAccess and QuickSightS3Access.</para>
/// <para type="description">Returns one KvsQuickSightPolicy per policy present, with its actions, resources and scope (LeastPrivilege, Broad or Custom). A policy named with -PolicyName that is missing is an ObjectNotFound error; the default pair reports only what exists.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsQuickSightPolicy")]
[OutputType(typeof(KvsQuickSightPolicy))]
public sealed class GetKvsQuickSightPolicyCommand : KvsQuickSightPolicyCmdlet
{
    /// <summary>
    /// <para type="description">Inline policy names. Default: QuickSightLambdaAccess and QuickSightS3Access.</para>
    /// </summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? PolicyName { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var connection = await GetAwsConnectionAsync();
        var store = CreatePolicyStore(connection);
        var explicitNames = PolicyName is not null;
        foreach (var name in PolicyNamesOrDefault(PolicyName))
        {
            string? document;
            try
            {
                document = await store.FindPolicyAsync(RoleName, name, cancellationToken);
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                throw new KvsErrorException(AwsError(ex, IamClient.GetRolePolicyOperation.Name, name, $"inline policy '{name}' of role '{RoleName}'"));
            }

            if (document is null)
            {
                if (explicitNames)
                {
                    EmitError(KvsErrors.Create(
                        new KvsReportingException($"Role '{RoleName}' has no inline policy '{name}' (or the role does not exist)."),
                        "KvsGetQuickSightPolicyNotFound",
                        ErrorCategory.ObjectNotFound,
                        name,
                        "Add it with Add-KvsQuickSightPolicy."));
                }
                else
                {
                    EmitVerbose($"Role '{RoleName}' has no inline policy '{name}'.");
                }

                continue;
            }

            var policy = QuickSightPolicyInspector.Describe(RoleName, name, document, "Present");
            policy.Region = connection.Region.SystemName;
            policy.EndpointUrl = connection.EndpointFor(IamClient.Description)?.ToString();
            Emit(policy);
        }
    }
}
