using System.Diagnostics;

namespace KvsReporting.Aws.Waiters;

/// <summary>What one poll of a waiter found.</summary>
public enum WaitState
{
    /// <summary>Not there yet: poll again.</summary>
    Pending,

    /// <summary>The awaited state was reached.</summary>
    Success,

    /// <summary>A terminal state that is not the awaited one: stop and report.</summary>
    Failure,
}

/// <summary>How long and how often a waiter polls, and whom it tells.</summary>
public sealed record WaitOptions
{
    /// <summary>The first delay; later delays grow by half each time up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Overall limit; <see cref="WaitTimeoutException"/> when it runs out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Called after every poll with what was seen (for Write-Progress).</summary>
    public Action<WaitProgress>? Progress { get; init; }
}

/// <summary>One observation of a waiter, for a progress bar.</summary>
/// <param name="Activity">What is being waited for (e.g. "Creating stack kvs-license-reporting").</param>
/// <param name="Status">The state seen (e.g. CREATE_IN_PROGRESS).</param>
/// <param name="Attempt">1-based poll count.</param>
/// <param name="Elapsed">Time since the wait started.</param>
/// <param name="Timeout">The wait's limit, to show time left.</param>
public sealed record WaitProgress(string Activity, string Status, int Attempt, TimeSpan Elapsed, TimeSpan Timeout)
{
    /// <summary>A percentage of the time budget used, the only honest measure a poll gives.</summary>
    public int PercentOfTimeout => Timeout <= TimeSpan.Zero ? 0 : (int)Math.Clamp(Elapsed.TotalMilliseconds * 100 / Timeout.TotalMilliseconds, 0, 99);
}

/// <summary>The outcome of a finished wait.</summary>
public sealed record WaitResult<T>(WaitState State, T Last, string Status, int Attempts, TimeSpan Elapsed);

/// <summary>The wait's time budget ran out before a terminal state.</summary>
public sealed class WaitTimeoutException : TimeoutException
{
    public WaitTimeoutException()
    {
    }

    public WaitTimeoutException(string message)
        : base(message)
    {
    }

    public WaitTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? LastStatus { get; init; }
}

/// <summary>
/// Polls until a resource reaches a terminal state, with growing jittered delays, a progress callback,
/// an overall timeout and cancellation. Polling errors propagate (the SDK has already retried transient ones).
/// </summary>
public static class Waiter
{
    public static async Task<WaitResult<T>> WaitAsync<T>(
        string activity,
        Func<CancellationToken, Task<T>> poll,
        Func<T, (WaitState State, string Status)> classify,
        WaitOptions? options,
        CancellationToken cancellationToken,
        TimeProvider? time = null,
        Action<T, TimeSpan>? onValue = null)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(classify);
        options ??= new WaitOptions();
        time ??= TimeProvider.System;
        var started = time.GetTimestamp();
        var delay = options.MinDelay;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var value = await poll(cancellationToken).ConfigureAwait(false);
            var (state, status) = classify(value);
            var elapsed = time.GetElapsedTime(started);
            options.Progress?.Invoke(new WaitProgress(activity, status, attempt, elapsed, options.Timeout));
            onValue?.Invoke(value, elapsed);
            if (state != WaitState.Pending)
            {
                return new WaitResult<T>(state, value, status, attempt, elapsed);
            }

            var left = options.Timeout - elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new WaitTimeoutException($"{activity}: still {status} after {Format(elapsed)} (timeout {Format(options.Timeout)}).")
                {
                    LastStatus = status,
                };
            }

            var jittered = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
            await Task.Delay(jittered < left ? jittered : left, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, options.MaxDelay.TotalMilliseconds));
        }
    }

    /// <summary>
    /// Polls until <paramref name="done"/> holds and returns that value (the service clients' WaitFor... calls):
    /// the same loop as <see cref="WaitAsync{T}"/>, with a per-poll callback that gets the polled value.
    /// </summary>
    /// <exception cref="WaitTimeoutException">The timeout passed first; the message names the last state seen.</exception>
    public static async Task<T> WaitUntilAsync<T>(
        string activity,
        Func<CancellationToken, Task<T>> poll,
        Func<T, bool> done,
        Func<T, string> describe,
        WaitOptions options,
        Action<T, TimeSpan>? onPoll,
        CancellationToken cancellationToken,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(options);
        var result = await WaitAsync(
            activity,
            poll,
            value => (done(value) ? WaitState.Success : WaitState.Pending, describe(value)),
            options,
            cancellationToken,
            time,
            onPoll).ConfigureAwait(false);
        return result.Last;
    }

    private static string Format(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s" : $"{span.TotalSeconds:0.#} s";
}
