using System.Management.Automation;
using System.Net;

namespace KvsReporting.Errors;

/// <summary>What kind of failure an AWS error code (or its absence) is, and how the module reports it.</summary>
internal sealed record AwsErrorReason(string Name, ErrorCategory Category, string RecommendedAction)
{
    private static readonly string[] AccessDeniedCodes =
        ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "UnauthorizedAccess", "AuthorizationErrorException"];

    private static readonly string[] AuthenticationCodes =
        ["SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature", "IncompleteSignatureException", "InvalidClientTokenId",
         "UnrecognizedClientException", "InvalidAccessKeyId", "MissingAuthenticationToken", "MissingAuthenticationTokenException",
         "ExpiredToken", "ExpiredTokenException", "RequestExpired", "InvalidToken", "AuthFailure"];

    private static readonly string[] NotFoundCodes = ["EntityNotFoundException", "NoSuchEntity", "NoSuchBucket", "NoSuchKey", "ResourceNotFoundException"];

    public static AwsErrorReason Classify(string? code, HttpStatusCode status, string? message)
    {
        var name = Clean(code);
        if (Any(code, AccessDeniedCodes))
        {
            return new("AccessDenied", ErrorCategory.PermissionDenied,
                "The credentials in use lack permission for this action. Add it to the IAM policy of the user or role (see the operation named in the message), or use a profile that has it.");
        }

        if (Any(code, AuthenticationCodes))
        {
            return new(name!, ErrorCategory.SecurityError, name switch
            {
                "SignatureDoesNotMatch" or "InvalidSignature" or "IncompleteSignature" =>
                    "The secret access key does not match the access key. Re-enter the secret key (and session token), use another profile, and check that the system clock is right.",
                "InvalidClientTokenId" or "UnrecognizedClient" or "InvalidAccessKeyId" or "AuthFailure" =>
                    "The access key is not known to this account or endpoint. Check -AccessKey or the profile, and that -EndpointUrl/-Region point where the key exists.",
                "ExpiredToken" or "RequestExpired" or "InvalidToken" =>
                    "The temporary credentials expired. Refresh them (for SSO: aws sso login) or get a new session token.",
                _ => "Give valid credentials: -ProfileName, or -AccessKey with -SecretKey.",
            });
        }

        if (Any(code, NotFoundCodes) || (code?.Contains("NotFound", StringComparison.OrdinalIgnoreCase) ?? false) || status == HttpStatusCode.NotFound
            || (IsInvalidRequest(code) && (message?.Contains("not found", StringComparison.OrdinalIgnoreCase) ?? false)))
        {
            return new("NotFound", ErrorCategory.ObjectNotFound,
                "Check the name, and that -Region (and -EndpointUrl) point at the account and region where it exists.");
        }

        if (code?.Contains("AlreadyExists", StringComparison.OrdinalIgnoreCase) ?? false)
        {
            return new("AlreadyExists", ErrorCategory.ResourceExists, "Use the existing resource, or choose another name.");
        }

        if (code is not null && (code.StartsWith("Throttl", StringComparison.OrdinalIgnoreCase) || code.StartsWith("TooManyRequests", StringComparison.OrdinalIgnoreCase)
            || code is "RequestLimitExceeded" or "SlowDown" or "ProvisionedThroughputExceededException" or "RequestThrottled" or "RequestThrottledException")
            || status == (HttpStatusCode)429)
        {
            return new("Throttled", ErrorCategory.LimitsExceeded,
                "AWS throttled the request and the retries ran out. Wait a moment and run the command again, or lower the request rate.");
        }

        if (code?.Contains("LimitExceeded", StringComparison.OrdinalIgnoreCase) ?? false)
        {
            return new("LimitExceeded", ErrorCategory.LimitsExceeded,
                "A service quota was reached. Remove unused resources or request a quota increase in Service Quotas.");
        }

        if (IsInvalidRequest(code))
        {
            return new("InvalidRequest", ErrorCategory.InvalidArgument, "Check the parameter values against what the service said in the message.");
        }

        var numeric = (int)status;
        if (numeric >= 500 || code is "InternalFailure" or "InternalServerException" or "InternalServiceException" or "ServiceUnavailable" or "ServiceUnavailableException" or "InternalError")
        {
            return new("ServiceError", numeric is 502 or 503 or 504 ? ErrorCategory.ConnectionError : ErrorCategory.NotSpecified,
                "The AWS service failed and the retries ran out. Run the command again later; quote the request id to AWS Support if it persists.");
        }

        return new(name ?? "Failed", ErrorCategory.InvalidOperation, "See the message for what the service refused.");
    }

    private static bool IsInvalidRequest(string? code) =>
        code is not null && (code.StartsWith("Validation", StringComparison.OrdinalIgnoreCase)
            || code.StartsWith("InvalidRequest", StringComparison.OrdinalIgnoreCase)
            || code.StartsWith("InvalidParameter", StringComparison.OrdinalIgnoreCase)
            || code.StartsWith("InvalidInput", StringComparison.OrdinalIgnoreCase)
            || code is "MissingParameter" or "MalformedPolicyDocument" or "SerializationException" or "InvalidAction" or "BadRequestException" or "InvalidArgumentException");

    private static bool Any(string? code, string[] codes) => code is not null && codes.Contains(code, StringComparer.OrdinalIgnoreCase);

    /// <summary>"EntityNotFoundException" -> "EntityNotFound": the reason part of an ErrorId.</summary>
    private static string? Clean(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var trimmed = code.EndsWith("Exception", StringComparison.Ordinal) && code.Length > "Exception".Length ? code[..^"Exception".Length] : code;
        return new string(trimmed.Where(char.IsLetterOrDigit).ToArray());
    }
}
