using Amazon.Runtime;

namespace KvsReporting.Aws.Runtime;

/// <summary>
/// The SDK pipeline's request object for every operation of the module's clients: the operation and its
/// typed input. The protocol marshaller turns it into the HTTP request.
/// </summary>
public sealed class KvsOperationRequest : AmazonWebServiceRequest
{
    public KvsOperationRequest(KvsServiceDescription service, AwsOperation operation, object input)
    {
        Service = service ?? throw new ArgumentNullException(nameof(service));
        Operation = operation ?? throw new ArgumentNullException(nameof(operation));
        Input = input ?? throw new ArgumentNullException(nameof(input));
    }

    public KvsServiceDescription Service { get; }

    public AwsOperation Operation { get; }

    public object Input { get; }
}

/// <summary>The SDK pipeline's response object: the typed output plus the response metadata.</summary>
public sealed class KvsOperationResponse<TOutput> : AmazonWebServiceResponse
    where TOutput : class, new()
{
    public TOutput Output { get; set; } = new();
}
