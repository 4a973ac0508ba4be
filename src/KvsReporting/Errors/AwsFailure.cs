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
}
