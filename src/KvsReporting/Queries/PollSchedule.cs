namespace KvsReporting.Queries;

/// <summary>
/// When to ask Athena again: soon at first (most small queries finish within a second), then less often, and
/// markedly less often after a throttling answer, so polling never adds to a rate problem.
/// </summary>
public sealed class PollSchedule
{
    private readonly TimeSpan max;
    private TimeSpan next;

    public PollSchedule(TimeSpan? first = null, TimeSpan? max = null)
    {
        next = first ?? TimeSpan.FromMilliseconds(100);
        this.max = max ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>The wait before the next poll; each call grows the following one by half.</summary>
    public TimeSpan Next()
    {
        var wait = next;
        next = TimeSpan.FromTicks(Math.Min(max.Ticks, (long)(next.Ticks * 1.5)));
        return wait;
    }

    /// <summary>After a throttling answer: double the wait, allowing up to four times the normal ceiling.</summary>
    public TimeSpan Throttled()
    {
        next = TimeSpan.FromTicks(Math.Min(max.Ticks * 4, next.Ticks * 2));
        return next;
    }
}
