using Amazon.Runtime;
using KvsReporting.Aws.CloudFormation;

namespace KvsReporting.Aws.Waiters;

/// <summary>
/// CloudFormation's waiters (botocore waiters-2.json: StackCreateComplete, StackUpdateComplete,
/// StackDeleteComplete, ChangeSetCreateComplete) with the same success and failure states.
/// </summary>
public static class CloudFormationWaiters
{
    private static readonly HashSet<string> CreateSuccess = new(StringComparer.Ordinal)
    {
        "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_FAILED",
        "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE",
    };

    private static readonly HashSet<string> CreateFailure = new(StringComparer.Ordinal)
    {
        "CREATE_FAILED", "DELETE_COMPLETE", "DELETE_FAILED", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE",
    };

    private static readonly HashSet<string> UpdateFailure = new(StringComparer.Ordinal)
    {
        "UPDATE_FAILED", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE",
    };

    private static readonly HashSet<string> DeleteFailure = new(StringComparer.Ordinal)
    {
        "DELETE_FAILED", "CREATE_FAILED", "ROLLBACK_FAILED", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED",
        "UPDATE_ROLLBACK_COMPLETE", "UPDATE_COMPLETE",
    };

    public static Task<WaitResult<CloudFormationStack?>> StackCreateCompleteAsync(CloudFormationClient client, string stackName, WaitOptions? options, CancellationToken cancellationToken) =>
        WaitForStackAsync(client, stackName, $"Creating stack {stackName}", ClassifyCreate, missingIsSuccess: false, options, cancellationToken);

    public static Task<WaitResult<CloudFormationStack?>> StackUpdateCompleteAsync(CloudFormationClient client, string stackName, WaitOptions? options, CancellationToken cancellationToken) =>
        WaitForStackAsync(client, stackName, $"Updating stack {stackName}", ClassifyUpdate, missingIsSuccess: false, options, cancellationToken);

    /// <summary>Success when the stack is DELETE_COMPLETE or gone (DescribeStacks by name then fails with ValidationError).</summary>
    public static Task<WaitResult<CloudFormationStack?>> StackDeleteCompleteAsync(CloudFormationClient client, string stackName, WaitOptions? options, CancellationToken cancellationToken) =>
        WaitForStackAsync(client, stackName, $"Deleting stack {stackName}", ClassifyDelete, missingIsSuccess: true, options, cancellationToken);

    public static Task<WaitResult<DescribeChangeSetResponse>> ChangeSetCreateCompleteAsync(
        CloudFormationClient client, string changeSetName, string? stackName, WaitOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Waiter.WaitAsync(
            $"Creating change set {changeSetName}",
            ct => client.DescribeChangeSetAsync(new DescribeChangeSetRequest { ChangeSetName = changeSetName, StackName = stackName }, ct),
            changeSet => changeSet.Status switch
            {
                "CREATE_COMPLETE" => (WaitState.Success, "CREATE_COMPLETE"),
                "FAILED" => (WaitState.Failure, "FAILED"),
                var other => (WaitState.Pending, other ?? "UNKNOWN"),
            },
            options,
            cancellationToken);
    }

    internal static (WaitState, string) ClassifyCreate(string status) =>
        CreateSuccess.Contains(status) ? (WaitState.Success, status)
        : CreateFailure.Contains(status) ? (WaitState.Failure, status)
        : (WaitState.Pending, status);

    internal static (WaitState, string) ClassifyUpdate(string status) =>
        status == "UPDATE_COMPLETE" ? (WaitState.Success, status)
        : UpdateFailure.Contains(status) ? (WaitState.Failure, status)
        : (WaitState.Pending, status);

    internal static (WaitState, string) ClassifyDelete(string status) =>
        status == "DELETE_COMPLETE" ? (WaitState.Success, status)
        : DeleteFailure.Contains(status) ? (WaitState.Failure, status)
        : (WaitState.Pending, status);

    private static Task<WaitResult<CloudFormationStack?>> WaitForStackAsync(
        CloudFormationClient client,
        string stackName,
        string activity,
        Func<string, (WaitState, string)> classify,
        bool missingIsSuccess,
        WaitOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Waiter.WaitAsync<CloudFormationStack?>(
            activity,
            async ct =>
            {
                try
                {
                    var page = await client.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, ct).ConfigureAwait(false);
                    return page.Stacks.Count > 0 ? page.Stacks[0] : null;
                }
                catch (AmazonServiceException ex) when (ex.ErrorCode == "ValidationError")
                {
                    // The botocore waiters treat ValidationError as terminal: success for delete, failure otherwise.
                    if (missingIsSuccess)
                    {
                        return null;
                    }

                    throw;
                }
            },
            stack => stack is null
                ? (missingIsSuccess ? WaitState.Success : WaitState.Failure, "DOES_NOT_EXIST")
                : classify(stack.StackStatus),
            options,
            cancellationToken);
    }
}
