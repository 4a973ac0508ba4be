using System.Management.Automation;
using KvsReporting.Completion;
using KvsReporting.Aws;
using KvsReporting.Aws.Iam;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;

namespace KvsReporting.QuickSight;

/// <summary>
/// <para type="synopsis">Removes the inline policies QuickSightLambdaAccess and QuickSightS3Access from QuickSight's service role.</para>
/// <para type="description">Deletes each named inline policy. One that is already absent is skipped without error, so a second run changes nothing. QuickSight then can no longer read through the connector.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "KvsQuickSightPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveKvsQuickSightPolicyCommand : KvsQuickSightPolicyCmdlet
{
    /// <summary>
    /// <para type="description">Inline policy names. Default: QuickSightLambdaAccess and QuickSightS3Access. Binds from Get-KvsQuickSightPolicy output.</para>
    /// </summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? PolicyName { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var connection = await GetAwsConnectionAsync();
        var store = CreatePolicyStore(connection);
        foreach (var name in PolicyNamesOrDefault(PolicyName))
        {
            try
            {
                if (await store.FindPolicyAsync(RoleName, name, cancellationToken) is null)
                {
                    EmitVerbose($"Role '{RoleName}' has no inline policy '{name}'; nothing to remove.");
                    continue;
                }

                if (!await ShouldProcessAsync($"IAM role '{RoleName}', inline policy '{name}'", "Remove inline policy"))
                {
                    continue;
                }

                await store.DeleteAsync(RoleName, name, cancellationToken);
                EmitVerbose($"Removed inline policy '{name}' from role '{RoleName}'.");
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                throw new KvsErrorException(AwsError(ex, IamClient.DeleteRolePolicyOperation.Name, name, $"inline policy '{name}' of role '{RoleName}'"));
            }
        }
    }
}
