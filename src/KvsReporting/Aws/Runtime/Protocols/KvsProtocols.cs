using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KvsReporting.Aws.Runtime.Protocols;

/// <summary>Picks the marshaller and unmarshaller for a service's protocol.</summary>
internal static class KvsProtocols
{
    public static IMarshaller<IRequest, AmazonWebServiceRequest> Marshaller(AwsProtocol protocol) => protocol switch
    {
        AwsProtocol.Json => JsonRpcMarshaller.Instance,
        AwsProtocol.Query => QueryMarshaller.Instance,
        AwsProtocol.RestJson => RestJsonMarshaller.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    public static ResponseUnmarshaller Unmarshaller<TOutput>(AwsProtocol protocol)
        where TOutput : class, new() => protocol switch
        {
            AwsProtocol.Json => JsonRpcUnmarshaller<TOutput>.Instance,
            AwsProtocol.Query => QueryUnmarshaller<TOutput>.Instance,
            AwsProtocol.RestJson => RestJsonUnmarshaller<TOutput>.Instance,
            _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
        };
}
