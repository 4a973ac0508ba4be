using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace KvsReporting.Aws.Runtime;

/// <summary>
/// ClientConfig for one of the module's own service clients. Standard retry mode (jittered exponential
/// backoff, throttling and transient-error retries, retry quota) and clock-skew correction come from the SDK.
/// </summary>
public sealed class KvsServiceConfig : ClientConfig
{
    private static readonly string UserAgentText = InternalSDKUtils.BuildUserAgentString(
        typeof(KvsServiceConfig).Assembly.GetName().Version?.ToString() ?? "0.0.0");

    public KvsServiceConfig(KvsServiceDescription service)
        : base(new DefaultConfigurationProvider(StandardConfigurations()))
    {
        Service = service ?? throw new ArgumentNullException(nameof(service));
        AuthenticationServiceName = service.SigningName;
        RetryMode = RequestRetryMode.Standard;
        MaxErrorRetry = AwsRetry.MaxErrorRetry;
        // Endpoint URLs from AWS_ENDPOINT_URL* and profiles are resolved by Aws/Connection with the module's
        // documented precedence; the SDK must not apply its own on top.
        IgnoreConfiguredEndpointUrls = true;
    }

    public KvsServiceDescription Service { get; }

    public override string ServiceVersion => Service.ApiVersion;

    public override string UserAgent => UserAgentText;

    public override string RegionEndpointServiceName => Service.EndpointPrefix;

    /// <summary>
    /// Points the client at an endpoint URL (an emulator, a VPC endpoint) while signing for the region.
    /// Setting RegionEndpoint would clear ServiceURL, so only the signing region is set.
    /// </summary>
    public void UseEndpoint(Uri endpointUrl, RegionEndpoint region)
    {
        ArgumentNullException.ThrowIfNull(endpointUrl);
        ArgumentNullException.ThrowIfNull(region);
        ServiceURL = endpointUrl.ToString();
        AuthenticationRegion = region.SystemName;
    }

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        if (!string.IsNullOrEmpty(ServiceURL))
        {
            return new Endpoint(ServiceURL);
        }

        var region = RegionEndpoint ?? throw new AmazonClientException(
            $"No region is set for {Service.ServiceId}: give -Region, or -EndpointUrl with -Region.");
        var suffix = string.IsNullOrEmpty(region.PartitionDnsSuffix) ? "amazonaws.com" : region.PartitionDnsSuffix;
        var host = Service.GlobalEndpoint is { } global
            ? $"{global}.{suffix}"
            : $"{Service.EndpointPrefix}.{region.SystemName}.{suffix}";
        return new Endpoint("https://" + host);
    }

    private static DefaultConfiguration[] StandardConfigurations() =>
    [
        new DefaultConfiguration
        {
            Name = DefaultConfigurationMode.Standard,
            RetryMode = RequestRetryMode.Standard,
            S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
            ConnectTimeout = TimeSpan.FromSeconds(3.1),
            TlsNegotiationTimeout = TimeSpan.FromSeconds(3.1),
        },
    ];
}
