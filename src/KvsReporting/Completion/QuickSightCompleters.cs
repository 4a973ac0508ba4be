using Amazon.SecurityToken.Model;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Iam;
using KvsReporting.Aws.QuickSight;

namespace KvsReporting.Completion;

/// <summary>
/// Completes IAM role names for -RoleName of the QuickSight cmdlets. QuickSight's service roles
/// (aws-quicksight-service-role-v0 and the like, under /service-role/) come first in the tooltip's wording;
/// every role is offered, since an account may give QuickSight its own role.
/// </summary>
public sealed class QuickSightRoleCompleter : AwsResourceCompleter
{
    protected override async IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var iam = context.Client(IamClient.Description, c => AwsClientFactory.Create(c, IamClient.Description, static (k, cfg) => new IamClient(k, cfg)));
        string? marker = null;
        do
        {
            var page = await iam.ListRolesAsync(new ListRolesRequest { Marker = marker }, cancellationToken);
            foreach (var role in page.Roles)
            {
                var kind = role.RoleName.Contains("quicksight", StringComparison.OrdinalIgnoreCase) ? "QuickSight role" : "role";
                yield return new CompletionCandidate(role.RoleName, $"{kind}: {role.Arn}");
            }

            marker = page.IsTruncated == true ? page.Marker : null;
        }
        while (marker is not null);
    }
}

/// <summary>
/// Completes QuickSight principals (-Principal): the ARNs of the users and groups of the account's default
/// namespace, with the user name, role or group name as tooltip.
/// </summary>
public sealed class QuickSightPrincipalCompleter : AwsResourceCompleter
{
    protected override async IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var account = context.Bound.First("AwsAccountId", "AccountId", "Account") ?? await AccountOfAsync(context, cancellationToken);
        var space = context.Bound["Namespace"] ?? "default";
        var quickSight = context.Client(QuickSightClient.Description, c => AwsClientFactory.Create(c, QuickSightClient.Description, static (k, cfg) => new QuickSightClient(k, cfg)));
        await foreach (var user in quickSight.ListAllUsersAsync(account, space, cancellationToken))
        {
            if (user.Arn is { Length: > 0 } arn)
            {
                yield return new CompletionCandidate(arn, $"user {user.UserName} ({user.Role})");
            }
        }

        await foreach (var group in quickSight.ListAllGroupsAsync(account, space, cancellationToken))
        {
            if (group.Arn is { Length: > 0 } arn)
            {
                yield return new CompletionCandidate(arn, $"group {group.GroupName}");
            }
        }
    }

    private static async Task<string> AccountOfAsync(AwsCompletionContext context, CancellationToken cancellationToken)
    {
        var sts = context.Client("STS", AwsClientFactory.CreateSts);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
        return identity.Account;
    }
}
