using Amazon.Runtime;
using Amazon.Runtime.Internal;
using KvsReporting.Aws.Runtime.Protocols;

namespace KvsReporting.Aws.Runtime;

/// <summary>
/// Base of the module's own AWS service clients. Everything below the typed call (credentials, SigV4,
/// endpoint, retries with jittered backoff, clock-skew correction, HTTP) is AWSSDK.Core's runtime
/// pipeline; this class only supplies the protocol's marshaller and unmarshaller per call.
/// </summary>
public abstract class KvsServiceClient : AmazonServiceClient
{
    /// <summary>Key in Exception.Data naming the operation that failed (for error ids and messages).</summary>
    public const string OperationDataKey = "KvsAwsOperation";

    /// <summary>Key in Exception.Data naming the service that failed.</summary>
    public const string ServiceDataKey = "KvsAwsService";

    private readonly KvsServiceMetadata metadata;

    protected KvsServiceClient(AWSCredentials credentials, KvsServiceConfig config)
        : base(credentials, config)
    {
        Service = config.Service;
        metadata = new KvsServiceMetadata(config.Service.ServiceId);
    }

    public KvsServiceDescription Service { get; }

    protected override IServiceMetadata ServiceMetadata => metadata;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolverHandler());
    }

    /// <summary>Sends one operation and returns its typed output. AWS errors surface as AmazonServiceException.</summary>
    protected async Task<TOutput> SendAsync<TOutput>(AwsOperation operation, object input, CancellationToken cancellationToken)
        where TOutput : class, new()
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(input);
        IdempotencyTokens.Fill(input);
        var request = new KvsOperationRequest(Service, operation, input);
        var options = new InvokeOptions
        {
            RequestMarshaller = KvsProtocols.Marshaller(Service.Protocol),
            ResponseUnmarshaller = KvsProtocols.Unmarshaller<TOutput>(Service.Protocol),
        };
        try
        {
            var response = await InvokeAsync<KvsOperationResponse<TOutput>>(request, options, cancellationToken).ConfigureAwait(false);
            return response.Output;
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            ex.Data[OperationDataKey] = operation.Name;
            ex.Data[ServiceDataKey] = Service.ServiceId;
            throw;
        }
    }

    /// <summary>
    /// The HTTP request a call would send (idempotency tokens filled, real marshaller), without sending it:
    /// what the conformance check validates against the service models.
    /// </summary>
    internal static IRequest Marshall(KvsServiceDescription service, AwsOperation operation, object input)
    {
        IdempotencyTokens.Fill(input);
        return KvsProtocols.Marshaller(service.Protocol).Marshall(new KvsOperationRequest(service, operation, input));
    }

    private sealed class KvsServiceMetadata(string serviceId) : IServiceMetadata
    {
        public string ServiceId { get; } = serviceId;

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
    }
}
