using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KvsReporting.Aws.Runtime.Protocols;

/// <summary>AWS JSON 1.0/1.1: POST / with X-Amz-Target "&lt;TargetPrefix&gt;.&lt;Operation&gt;" and the input as JSON.</summary>
internal sealed class JsonRpcMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly JsonRpcMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (KvsOperationRequest)input;
        var request = new DefaultRequest(call, call.Service.ServiceId)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = AwsJson.Serialize(call.Input),
        };
        request.Headers["X-Amz-Target"] = $"{call.Service.TargetPrefix}.{call.Operation.Name}";
        request.Headers["Content-Type"] = $"application/x-amz-json-{call.Service.JsonVersion}";
        return request;
    }
}

/// <summary>Reads a JSON protocol answer into the operation's typed output.</summary>
internal sealed class JsonRpcUnmarshaller<TOutput> : JsonResponseUnmarshaller
    where TOutput : class, new()
{
    public static readonly JsonRpcUnmarshaller<TOutput> Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        var response = new KvsOperationResponse<TOutput>
        {
            Output = AwsJson.Deserialize<TOutput>(ResponseBodies.ReadAll(context.Stream)),
        };
        ResponseBodies.SetRequestId(response, context);
        return response;
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode) =>
        ResponseBodies.Error(context, context.Stream, innerException, statusCode);
}
