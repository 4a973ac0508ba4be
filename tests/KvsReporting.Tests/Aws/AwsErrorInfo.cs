namespace KvsReporting.Tests.Aws;

/// <summary>
/// Reads the AWS facts of an error's exception. The module's AWSSDK.Core lives in its own load context, so
/// its AmazonServiceException is not the test's type: read the public properties by name, as a user would.
/// </summary>
public sealed record AwsErrorInfo(string TypeName, string? ErrorCode, string? RequestId, int StatusCode, bool IsAmazonServiceException)
{
    public static AwsErrorInfo Of(Exception exception)
    {
        var type = exception.GetType();
        var isService = false;
        for (var t = type; t is not null; t = t.BaseType)
        {
            isService |= t.FullName == "Amazon.Runtime.AmazonServiceException";
        }

        return new AwsErrorInfo(
            type.FullName!,
            type.GetProperty("ErrorCode")?.GetValue(exception) as string,
            type.GetProperty("RequestId")?.GetValue(exception) as string,
            Convert.ToInt32(type.GetProperty("StatusCode")?.GetValue(exception) ?? 0),
            isService);
    }
}
