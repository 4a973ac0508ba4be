using System.Management.Automation;
using System.Net;
using System.Text;
using Amazon.Runtime;
using KvsReporting.Aws.Runtime;
using KvsReporting.Errors;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>Error bodies as services, front ends and load balancers really send them, and how they are reported.</summary>
public sealed class AwsErrorTests
{
    private static AmazonServiceException Parse(string body, HttpStatusCode status, params (string Name, string Value)[] headers) =>
        AwsErrorParser.Parse(Encoding.UTF8.GetBytes(body), name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value, status, null);

    [Fact]
    public void Json_type_with_a_namespace_prefix()
    {
        var e = Parse("{\"__type\":\"com.amazonaws.glue#EntityNotFoundException\",\"Message\":\"Crawler x not found\"}", HttpStatusCode.BadRequest, ("x-amzn-RequestId", "rid-1"));
        Assert.Equal(("EntityNotFoundException", "Crawler x not found", "rid-1", HttpStatusCode.BadRequest), (e.ErrorCode, e.Message, e.RequestId, e.StatusCode));
        Assert.Equal(ErrorType.Sender, e.ErrorType);
    }

    [Fact]
    public void Rest_json_code_member_and_the_error_type_header()
    {
        var e = Parse("{\"code\":\"Other\",\"message\":\"Rate exceeded\"}", (HttpStatusCode)429, ("x-amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/coral/"));
        Assert.Equal("TooManyRequestsException", e.ErrorCode);
        Assert.Equal("Rate exceeded", e.Message);
    }

    [Fact]
    public void Xml_error_response_on_a_json_service()
    {
        var e = Parse("<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error><RequestId>rid-2</RequestId></ErrorResponse>", HttpStatusCode.Forbidden);
        Assert.Equal(("SignatureDoesNotMatch", "rid-2"), (e.ErrorCode, e.RequestId));
        Assert.StartsWith("The request signature", e.Message);
    }

    [Fact]
    public void Html_and_empty_bodies_keep_the_status()
    {
        var html = Parse("<!DOCTYPE html><html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", HttpStatusCode.ServiceUnavailable);
        Assert.Null(html.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, html.StatusCode);
        Assert.Equal(ErrorType.Receiver, html.ErrorType);
        Assert.Contains("503", html.Message);
        var empty = Parse(string.Empty, HttpStatusCode.InternalServerError);
        Assert.Null(empty.ErrorCode);
        Assert.Contains("500", empty.Message);
        var broken = Parse("{not json", HttpStatusCode.BadGateway);
        Assert.Equal(HttpStatusCode.BadGateway, broken.StatusCode);
    }

    [Theory]
    [InlineData("AccessDeniedException", 400, "KvsGetCrawlerAccessDenied", ErrorCategory.PermissionDenied)]
    [InlineData("AccessDenied", 403, "KvsGetCrawlerAccessDenied", ErrorCategory.PermissionDenied)]
    [InlineData("UnauthorizedOperation", 403, "KvsGetCrawlerAccessDenied", ErrorCategory.PermissionDenied)]
    [InlineData("SignatureDoesNotMatch", 403, "KvsGetCrawlerSignatureDoesNotMatch", ErrorCategory.SecurityError)]
    [InlineData("InvalidClientTokenId", 403, "KvsGetCrawlerInvalidClientTokenId", ErrorCategory.SecurityError)]
    [InlineData("EntityNotFoundException", 400, "KvsGetCrawlerNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("NoSuchEntity", 404, "KvsGetCrawlerNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("ValidationException", 400, "KvsGetCrawlerInvalidRequest", ErrorCategory.InvalidArgument)]
    [InlineData("InvalidParameterValue", 400, "KvsGetCrawlerInvalidRequest", ErrorCategory.InvalidArgument)]
    [InlineData("ThrottlingException", 400, "KvsGetCrawlerThrottled", ErrorCategory.LimitsExceeded)]
    [InlineData("TooManyRequestsException", 429, "KvsGetCrawlerThrottled", ErrorCategory.LimitsExceeded)]
    [InlineData("LimitExceededException", 400, "KvsGetCrawlerLimitExceeded", ErrorCategory.LimitsExceeded)]
    [InlineData("AlreadyExistsException", 400, "KvsGetCrawlerAlreadyExists", ErrorCategory.ResourceExists)]
    [InlineData(null, 503, "KvsGetCrawlerServiceError", ErrorCategory.ConnectionError)]
    [InlineData("InternalServiceException", 500, "KvsGetCrawlerServiceError", ErrorCategory.NotSpecified)]
    [InlineData("CrawlerRunningException", 400, "KvsGetCrawlerCrawlerRunning", ErrorCategory.InvalidOperation)]
    public void Codes_map_to_ids_and_categories(string? code, int status, string errorId, ErrorCategory category)
    {
        var aws = new AmazonServiceException("service message", null, ErrorType.Sender, code, "rid-3", (HttpStatusCode)status);
        var record = AwsErrorMapper.ToErrorRecord(aws, "GetCrawler", "my-crawler", "crawler 'my-crawler'");
        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Equal("my-crawler", record.TargetObject);
        Assert.False(string.IsNullOrWhiteSpace(record.ErrorDetails?.RecommendedAction));
        var kept = Assert.IsType<KvsAwsServiceException>(record.Exception);
        Assert.Equal((code, "rid-3", status), (kept.ErrorCode, kept.RequestId, (int)kept.StatusCode));
        Assert.Contains("rid-3", kept.Message);
    }

    [Fact]
    public void Athena_invalid_request_saying_not_found_is_not_found()
    {
        var aws = new AmazonServiceException("WorkGroup KVS is not found.", null, ErrorType.Sender, "InvalidRequestException", "r", HttpStatusCode.BadRequest);
        Assert.Equal(ErrorCategory.ObjectNotFound, AwsErrorMapper.ToErrorRecord(aws, "GetWorkGroup", "KVS").CategoryInfo.Category);
    }

    [Fact]
    public void Connection_failures_are_connection_errors()
    {
        var record = AwsErrorMapper.ToErrorRecord(new HttpRequestException("Connection refused"), "GetCrawler", "c");
        Assert.Equal("KvsGetCrawlerConnectionFailed", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, record.CategoryInfo.Category);
    }

    [Fact]
    public void Known_secrets_are_scrubbed_from_messages()
    {
        var aws = new AmazonServiceException("echoed SECRETVALUE123 back", null, ErrorType.Sender, "ValidationException", "r", HttpStatusCode.BadRequest);
        var record = AwsErrorMapper.ToErrorRecord(aws, "GetCrawler", "c", secrets: ["SECRETVALUE123"]);
        Assert.DoesNotContain("SECRETVALUE123", record.Exception.Message);
        Assert.DoesNotContain("SECRETVALUE123", record.ErrorDetails?.Message ?? string.Empty);
    }
}
