namespace KvsReporting.Aws.Runtime;

/// <summary>
/// Polls until a resource reaches a state (a query finishes, a crawler is READY again): growing delays
/// between polls up to a ceiling, a timeout, a callback per poll for progress, and cancellation that ends
/// the wait at once. Each poll is an ordinary call, so the SDK's retries still apply to it.
/// </summary>
public static class AwsWaiter
{
    /// <returns>The first polled value for which <paramref name="done"/> is true.</returns>
    /// <exception cref="TimeoutException">The timeout passed first; the message names the last state seen.</exception>
    public static async Task<T> WaitAsync<T>(
        Func<CancellationToken, Task<T>> poll,
        Func<T, bool> done,
        TimeSpan timeout,
        Action<T, TimeSpan>? onPoll = null,
        Func<T, string>? describe = null,
        TimeSpan? firstDelay = null,
        TimeSpan? maxDelay = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(done);
        time ??= TimeProvider.System;
        var delay = firstDelay ?? TimeSpan.FromMilliseconds(500);
        var ceiling = maxDelay ?? TimeSpan.FromSeconds(10);
        var started = time.GetTimestamp();
        while (true)
        {
            var value = await poll(cancellationToken).ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started);
            onPoll?.Invoke(value, elapsed);
            if (done(value))
            {
                return value;
            }

            var left = timeout - elapsed;
            if (left <= TimeSpan.Zero)
            {
                var state = describe?.Invoke(value);
                throw new TimeoutException($"Still not done after {timeout.TotalSeconds:0.#} s{(state is null ? "." : $"; last state: {state}.")}");
            }

            await Task.Delay(delay < left ? delay : left, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(ceiling.Ticks, (long)(delay.Ticks * 1.5)));
        }
    }
}
