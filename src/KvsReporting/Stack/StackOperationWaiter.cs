using System.Diagnostics;
using System.Management.Automation;
using Amazon.Runtime;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Waiters;
using KvsReporting.Errors;

namespace KvsReporting.Stack;

/// <summary>One stack operation being followed: which, on what, and how its states read.</summary>
/// <param name="Operation">Creation, Update or Deletion (used in messages).</param>
/// <param name="ErrorPrefix">ErrorId prefix, e.g. KvsNewStack.</param>
/// <param name="StackName">The stack's name (messages and error target).</param>
/// <param name="StackId">The stack's id: a deleted stack is only describable by id.</param>
/// <param name="Classify">CloudFormation's waiter rules for this operation.</param>
/// <param name="ExpectedResources">How many resources the operation touches, for the progress bar.</param>
internal sealed record StackOperation(
    string Operation,
    string ErrorPrefix,
    string StackName,
    string StackId,
    Func<string, (WaitState State, string Status)> Classify,
    int ExpectedResources);

/// <summary>
/// Follows a stack operation to its end: polls the stack and its new events (backing off from 1 s to 10 s),
/// hands each event to the caller as it arrives, and turns a failure or a timeout into an ErrorRecord that
/// names the first failing resource, its reason, and what became of the stack.
/// </summary>
internal sealed class StackOperationWaiter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    private readonly CloudFormationClient client;

    public StackOperationWaiter(CloudFormationClient client) => this.client = client;

    /// <summary>Lets tests run without real-time delays.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public async Task<CloudFormationStack?> WaitAsync(
        StackOperation operation,
        StackEventStream events,
        TimeSpan timeout,
        Action<StackEvent> onEvent,
        Action<string, int, TimeSpan> onProgress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var delay = FirstDelay;
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var stack = await DescribeAsync(operation.StackId, cancellationToken).ConfigureAwait(false);
            foreach (var stackEvent in await events.NextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (stackEvent.ResourceStatus?.EndsWith("_COMPLETE", StringComparison.Ordinal) == true && stackEvent.LogicalResourceId is { Length: > 0 } id && id != operation.StackName)
                {
                    done.Add(id);
                }

                onEvent(stackEvent);
            }

            var status = stack?.StackStatus ?? "DELETE_COMPLETE";
            var percent = operation.ExpectedResources <= 0 ? 0 : Math.Min(99, done.Count * 100 / operation.ExpectedResources);
            onProgress(status, percent, clock.Elapsed);
            var (state, _) = operation.Classify(status);
            if (state == WaitState.Success)
            {
                return stack;
            }

            if (state == WaitState.Failure)
            {
                throw KvsErrors.Terminating(
                    StackFailure.Describe(operation.Operation, operation.StackName, status, stack?.StackStatusReason, events.Events),
                    operation.ErrorPrefix + "Failed",
                    ErrorCategory.InvalidResult,
                    operation.StackName,
                    "Fix the cause named in the message; Get-KvsReportingStack shows the stack's status. The full event list is in the CloudFormation console.");
            }

            if (clock.Elapsed >= timeout)
            {
                throw KvsErrors.Terminating(
                    $"{operation.Operation} of stack '{operation.StackName}' did not finish within {timeout.TotalSeconds:0} s (status {status}). CloudFormation carries on; this command stopped waiting.",
                    operation.ErrorPrefix + "Timeout",
                    ErrorCategory.OperationTimeout,
                    operation.StackName,
                    "Wait longer with a larger -Timeout, or check later with Get-KvsReportingStack.");
            }

            var remaining = timeout - clock.Elapsed;
            await Delay(delay < remaining ? delay : remaining, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, (long)(delay.Ticks * 1.5)));
        }
    }

    private async Task<CloudFormationStack?> DescribeAsync(string stackId, CancellationToken cancellationToken)
    {
        try
        {
            var page = await client.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackId }, cancellationToken).ConfigureAwait(false);
            return page.Stacks.Count > 0 ? page.Stacks[0] : null;
        }
        catch (AmazonServiceException ex) when (CloudFormationClient.IsStackMissing(ex))
        {
            return null; // gone: for a deletion that is success
        }
    }

    /// <summary>A readable line for one event (verbose stream).</summary>
    public static string Format(StackEvent stackEvent) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{stackEvent.Timestamp.UtcDateTime:HH:mm:ss} {stackEvent.LogicalResourceId} ({stackEvent.ResourceType}) {stackEvent.ResourceStatus}{(string.IsNullOrEmpty(stackEvent.ResourceStatusReason) ? string.Empty : ": " + stackEvent.ResourceStatusReason)}");
}
