using Amazon.Runtime;

namespace KvsReporting.Errors;

/// <summary>
/// Which exceptions are failures of an AWS call (reported through AwsErrorMapper) rather than bugs or
/// cancellation. In SDK v4 AmazonServiceException no longer derives from AmazonClientException.
/// </summary>
public static class AwsFailure
{
    public static bool Is(Exception exception) =>
        exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
            || (exception is TaskCanceledException { InnerException: TimeoutException });

    /// <summary>True when AWS throttled the call (after the SDK's own retries ran out).</summary>
    public static bool IsThrottling(AmazonServiceException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return AwsErrorReason.Classify(exception.ErrorCode, exception.StatusCode, exception.Message).Name == "Throttled";
    }
}
