using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Errors;

/// <summary>
/// Turns a failed AWS call into the module's ErrorRecord: ErrorId Kvs&lt;Operation&gt;&lt;Reason&gt;
/// (KvsGetCrawlerNotFound, KvsStartQueryExecutionAccessDenied...), a fitting category, the resource as target,
/// a recommended action, and a KvsAwsServiceException carrying code, request id and status. Known secrets are
/// scrubbed from the message.
/// </summary>
public static class AwsErrorMapper
{
    /// <param name="exception">What the call threw.</param>
    /// <param name="operation">Operation name; when null, taken from the exception (set by KvsServiceClient).</param>
    /// <param name="target">The resource the call was about (crawler name, query execution id...).</param>
    /// <param name="subject">How the message names the resource, e.g. "crawler 'X'".</param>
    /// <param name="secrets">Values that must never appear in the message (secret key, session token).</param>
    public static ErrorRecord ToErrorRecord(
        Exception exception,
        string? operation,
        object? target,
        string? subject = null,
        IEnumerable<string?>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        operation ??= exception.Data[KvsServiceClient.OperationDataKey] as string ?? "Aws";
        var service = exception.Data[KvsServiceClient.ServiceDataKey] as string;
        var what = service is null ? operation : $"{service} {operation}";
        var about = subject is null ? string.Empty : $" for {subject}";

        if (exception is AmazonServiceException aws && (aws.ErrorCode is not null || (int)aws.StatusCode >= 400))
        {
            var reason = AwsErrorReason.Classify(aws.ErrorCode, aws.StatusCode, aws.Message);
            var details = string.Join("; ", new[]
            {
                aws.ErrorCode,
                aws.StatusCode == 0 ? null : $"HTTP {(int)aws.StatusCode}",
                aws.RequestId is { Length: > 0 } id ? $"request id {id}" : null,
            }.Where(s => s is not null));
            var message = reason.Name == "NotFound" && subject is not null
                ? $"The {subject} was not found ({what}: {aws.Message}) [{details}]"
                : $"{what}{about} failed: {aws.Message} [{details}]";
            var wrapped = new KvsAwsServiceException(Redact(message, secrets), aws, aws.ErrorType, aws.ErrorCode, aws.RequestId, aws.StatusCode, service, operation);
            return KvsErrors.Create(wrapped, $"Kvs{operation}{reason.Name}", reason.Category, target, reason.RecommendedAction);
        }

        if (IsConnectionFailure(exception))
        {
            var message = $"{what}{about} could not reach the service: {FirstMessage(exception)}";
            var wrapped = new KvsAwsServiceException(Redact(message, secrets), exception, ErrorType.Unknown, null, null, 0, service, operation);
            return KvsErrors.Create(wrapped, $"Kvs{operation}ConnectionFailed", ErrorCategory.ConnectionError, target,
                "Check network access to the endpoint (proxy, firewall, VPC endpoint) and -EndpointUrl / -Region.");
        }

        var other = new KvsAwsServiceException(Redact($"{what}{about} failed: {exception.Message}", secrets), exception, ErrorType.Unknown, null, null, 0, service, operation);
        return KvsErrors.Create(other, $"Kvs{operation}Failed", ErrorCategory.NotSpecified, target, "See the message; run with -Verbose for the connection settings in use.");
    }

    public static KvsErrorException Terminating(Exception exception, string? operation, object? target, string? subject = null, IEnumerable<string?>? secrets = null) =>
        new(ToErrorRecord(exception, operation, target, subject, secrets));

    internal static string Redact(string message, IEnumerable<string?>? secrets)
    {
        foreach (var secret in secrets ?? [])
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                message = message.Replace(secret, "****", StringComparison.Ordinal);
            }
        }

        return message;
    }

    private static bool IsConnectionFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException or IOException or TimeoutException or WebException
                || (e is TaskCanceledException && e.InnerException is TimeoutException))
            {
                return true;
            }
        }

        return false;
    }

    private static string FirstMessage(Exception exception)
    {
        var deepest = exception;
        while (deepest.InnerException is not null)
        {
            deepest = deepest.InnerException;
        }

        return deepest == exception ? exception.Message : $"{exception.Message} ({deepest.Message})";
    }
}
