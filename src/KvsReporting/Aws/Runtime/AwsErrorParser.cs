using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;

namespace KvsReporting.Aws.Runtime;

/// <summary>
/// Turns any error answer into an AmazonServiceException with code, message, request id and status. Error
/// bodies are not always what the protocol promises: JSON services answer authentication failures from
/// some front ends (and moto) with an XML ErrorResponse, load balancers answer with HTML, and dropped
/// bodies are empty. The SDK's retry policy reads ErrorCode and StatusCode, so both must be right.
/// </summary>
public static class AwsErrorParser
{
    private static readonly string[] RequestIdHeaders = ["x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid"];

    public static AmazonServiceException Parse(
        byte[] body,
        Func<string, string?> header,
        HttpStatusCode statusCode,
        Exception? innerException)
    {
        ArgumentNullException.ThrowIfNull(header);
        body ??= [];
        string? code = null;
        string? message = null;
        string? requestId = null;
        ErrorType? type = null;

        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.StartsWith('{'))
        {
            ReadJson(text, ref code, ref message);
        }
        else if (text.StartsWith('<') && !LooksLikeHtml(text))
        {
            ReadXml(text, ref code, ref message, ref requestId, ref type);
        }

        // x-amzn-ErrorType is authoritative for JSON services ("Code:http://internal.amazon.com/...").
        if (header("x-amzn-ErrorType") is { Length: > 0 } typeHeader)
        {
            code = Shorten(typeHeader.Split(':')[0]);
        }

        foreach (var name in RequestIdHeaders)
        {
            if (requestId is null && header(name) is { Length: > 0 } id)
            {
                requestId = id;
            }
        }

        var status = (int)statusCode;
        message ??= code is null
            ? $"The service answered HTTP {status} ({statusCode}) without an AWS error body."
            : $"The service answered HTTP {status} ({statusCode}) with error {code}.";
        type ??= status >= 500 ? ErrorType.Receiver : status >= 400 ? ErrorType.Sender : ErrorType.Unknown;
        return new AmazonServiceException(message, innerException, type.Value, code, requestId, statusCode);
    }

    private static void ReadJson(string text, ref string? code, ref string? message)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var value = property.Value.GetString();
                switch (property.Name.ToLowerInvariant())
                {
                    case "__type":
                        code = Shorten(value);
                        break;
                    case "code" when code is null:
                        code = Shorten(value);
                        break;
                    case "message" or "errormessage":
                        message ??= value;
                        break;
                    default:
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // not JSON after all: keep the status-based defaults
        }
    }

    private static void ReadXml(string text, ref string? code, ref string? message, ref string? requestId, ref ErrorType? type)
    {
        try
        {
            var doc = XDocument.Parse(text);
            var error = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error" && e.Elements().Any(c => c.Name.LocalName == "Code"))
                ?? (doc.Root?.Elements().Any(c => c.Name.LocalName == "Code") == true ? doc.Root : null);
            if (error is not null)
            {
                code = Shorten(Child(error, "Code"));
                message = Child(error, "Message");
                type = Child(error, "Type") switch
                {
                    "Sender" => ErrorType.Sender,
                    "Receiver" => ErrorType.Receiver,
                    _ => null,
                };
            }

            requestId = doc.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
        }
        catch (XmlException)
        {
            // malformed XML: keep the status-based defaults
        }
    }

    private static string? Child(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static bool LooksLikeHtml(string text) =>
        text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase);

    /// <summary>"com.amazon.coral.service#ThrottlingException" and "aws.protocoltests#X" name the shape after '#'.</summary>
    private static string? Shorten(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var hash = code.LastIndexOf('#');
        return (hash >= 0 ? code[(hash + 1)..] : code).Trim();
    }
}
