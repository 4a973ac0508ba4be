using KvsReporting.Aws.CloudFormation;

namespace KvsReporting.Stack;

/// <summary>
/// The events of one stack operation as they arrive. Events older than the operation are skipped by id (not by
/// time, so a skewed clock cannot hide or repeat events).
/// </summary>
internal sealed class StackEventStream
{
    private readonly CloudFormationClient client;
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly List<StackEvent> events = [];

    public StackEventStream(CloudFormationClient client, string stackIdOrName)
    {
        this.client = client;
        StackIdOrName = stackIdOrName;
    }

    public string StackIdOrName { get; set; }

    /// <summary>Every event of the operation so far, oldest first.</summary>
    public IReadOnlyList<StackEvent> Events => events;

    /// <summary>Marks the stack's existing events as not part of the operation.</summary>
    public async Task SkipExistingAsync(CancellationToken cancellationToken)
    {
        await foreach (var stackEvent in client.DescribeAllStackEventsAsync(StackIdOrName, cancellationToken).ConfigureAwait(false))
        {
            seen.Add(stackEvent.EventId);
        }
    }

    /// <summary>Events that arrived since the last call, oldest first.</summary>
    public async Task<IReadOnlyList<StackEvent>> NextAsync(CancellationToken cancellationToken)
    {
        var fresh = new List<StackEvent>();
        // Newest first: stop paging at the first event already seen.
        await foreach (var stackEvent in client.DescribeAllStackEventsAsync(StackIdOrName, cancellationToken).ConfigureAwait(false))
        {
            if (!seen.Add(stackEvent.EventId))
            {
                break;
            }

            fresh.Add(stackEvent);
        }

        fresh.Reverse();
        events.AddRange(fresh);
        return fresh;
    }
}
