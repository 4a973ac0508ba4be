using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace KvsReporting.Aws.Runtime.Protocols;

/// <summary>Reads raw bodies and headers out of the SDK's unmarshaller contexts.</summary>
internal static class ResponseBodies
{
    public static byte[] ReadAll(Stream? stream)
    {
        if (stream is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static byte[] ErrorBody(UnmarshallerContext context, Stream? stream)
    {
        try
        {
            var maintained = context.GetResponseBodyBytes();
            if (maintained is { Length: > 0 })
            {
                return maintained;
            }
        }
        catch (InvalidOperationException)
        {
            // the body was not kept: read what the stream still has
        }

        try
        {
            return ReadAll(stream);
        }
        catch (IOException)
        {
            return [];
        }
    }

    public static string? Header(UnmarshallerContext context, string name)
    {
        var data = context.ResponseData;
        return data is not null && data.IsHeaderPresent(name) ? data.GetHeaderValue(name) : null;
    }

    public static AmazonServiceException Error(UnmarshallerContext context, Stream? stream, Exception? inner, HttpStatusCode status) =>
        AwsErrorParser.Parse(ErrorBody(context, stream), name => Header(context, name), status, inner);

    public static void SetRequestId(AmazonWebServiceResponse response, UnmarshallerContext context, string? fromBody = null)
    {
        var id = fromBody ?? Header(context, "x-amzn-RequestId") ?? Header(context, "x-amz-request-id");
        response.ResponseMetadata ??= new ResponseMetadata();
        if (id is not null && string.IsNullOrEmpty(response.ResponseMetadata.RequestId))
        {
            response.ResponseMetadata.RequestId = id;
        }
    }
}
