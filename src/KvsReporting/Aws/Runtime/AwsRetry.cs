namespace KvsReporting.Aws.Runtime;

/// <summary>Retry settings shared by every client the module builds (the SDK does the retrying).</summary>
public static class AwsRetry
{
    /// <summary>
    /// Retries after the first attempt (5 attempts in all; the SDK's default is 3). The module's work is
    /// long-running polling and report jobs where giving up on a short burst of throttling or a load
    /// balancer hiccup costs the user a restart; standard mode's jittered backoff and retry quota still
    /// bound the load a failing service sees.
    /// </summary>
    public const int MaxErrorRetry = 4;
}
