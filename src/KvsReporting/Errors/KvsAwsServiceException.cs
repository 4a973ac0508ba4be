using System.Net;
using Amazon.Runtime;

namespace KvsReporting.Errors;

/// <summary>
/// An AWS call that failed, as the module reports it: the AWS error code, request id and HTTP status stay
/// on the exception (ErrorCode, RequestId, StatusCode) next to the service and operation.
/// </summary>
public sealed class KvsAwsServiceException : AmazonServiceException
{
    public KvsAwsServiceException(
        string message,
        Exception? innerException,
        ErrorType errorType,
        string? errorCode,
        string? requestId,
        HttpStatusCode statusCode,
        string? service,
        string? operation)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
        Service = service;
        Operation = operation;
    }

    public KvsAwsServiceException()
    {
    }

    public KvsAwsServiceException(string message)
        : base(message)
    {
    }

    public KvsAwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The AWS service id, e.g. "Glue".</summary>
    public string? Service { get; }

    /// <summary>The operation, e.g. "GetCrawler".</summary>
    public string? Operation { get; }
}
