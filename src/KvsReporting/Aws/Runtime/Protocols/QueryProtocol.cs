using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KvsReporting.Aws.Runtime.Protocols;

/// <summary>AWS Query: form-encoded POST / with Action, Version and the flattened members.</summary>
internal sealed class QueryMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly QueryMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (KvsOperationRequest)input;
        var body = QueryFormWriter.Encode(call.Operation.Name, call.Service.ApiVersion, QueryFormWriter.Flatten(call.Input));
        var request = new DefaultRequest(call, call.Service.ServiceId)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = Encoding.UTF8.GetBytes(body),
        };
        request.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
        return request;
    }
}

/// <summary>Reads &lt;OpResponse&gt;&lt;OpResult&gt;...&lt;/OpResult&gt;&lt;ResponseMetadata/&gt; into the typed output.</summary>
internal sealed class QueryUnmarshaller<TOutput> : XmlResponseUnmarshaller
    where TOutput : class, new()
{
    public static readonly QueryUnmarshaller<TOutput> Instance = new();

    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context)
    {
        var bytes = ResponseBodies.ReadAll(context.Stream);
        var response = new KvsOperationResponse<TOutput>();
        if (bytes.Length == 0)
        {
            ResponseBodies.SetRequestId(response, context);
            return response;
        }

        var doc = XDocument.Parse(Encoding.UTF8.GetString(bytes));
        var result = doc.Root?.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Result", StringComparison.Ordinal));
        response.Output = XmlShapeReader.Read<TOutput>(result);
        var requestId = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
        ResponseBodies.SetRequestId(response, context, requestId);
        return response;
    }

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode) =>
        ResponseBodies.Error(context, context.Stream, innerException, statusCode);
}
