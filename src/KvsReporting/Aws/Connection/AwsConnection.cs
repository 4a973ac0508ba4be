using Amazon;
using Amazon.Runtime;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.Connection;

/// <summary>
/// Resolved connection settings: credentials, region, endpoint overrides, and a description of where each
/// came from (for verbose output; never a secret).
/// </summary>
public sealed class AwsConnection
{
    private readonly Func<string, string?> environment;

    internal AwsConnection(
        AWSCredentials credentials,
        string credentialSource,
        string credentialKey,
        RegionEndpoint region,
        string regionSource,
        Uri? explicitEndpoint,
        Uri? profileEndpoint,
        Func<string, string?> environment)
    {
        Credentials = credentials;
        CredentialSource = credentialSource;
        CredentialKey = credentialKey;
        Region = region;
        RegionSource = regionSource;
        ExplicitEndpoint = explicitEndpoint;
        ProfileEndpoint = profileEndpoint;
        this.environment = environment;
    }

    public AWSCredentials Credentials { get; }

    /// <summary>Where the credentials came from, e.g. "profile 'dev' (~/.aws/credentials)".</summary>
    public string CredentialSource { get; }

    public RegionEndpoint Region { get; }

    public string RegionSource { get; }

    /// <summary>-EndpointUrl, if given.</summary>
    public Uri? ExplicitEndpoint { get; }

    /// <summary>endpoint_url of the profile in use, if any.</summary>
    public Uri? ProfileEndpoint { get; }

    /// <summary>Identifies the credentials without holding secrets in clear (a hash or a profile name).</summary>
    internal string CredentialKey { get; }

    /// <summary>
    /// The endpoint URL for a service: -EndpointUrl, then AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL,
    /// then the profile's endpoint_url; null means the service's regional AWS endpoint.
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true switches the environment and profile settings off.
    /// </summary>
    public Uri? EndpointFor(string serviceEnvironmentSuffix) => EndpointWithSource(serviceEnvironmentSuffix).Endpoint;

    public Uri? EndpointFor(KvsServiceDescription service) => EndpointFor(service?.EnvironmentSuffix ?? throw new ArgumentNullException(nameof(service)));

    public (Uri? Endpoint, string Source) EndpointWithSource(string serviceEnvironmentSuffix)
    {
        if (ExplicitEndpoint is not null)
        {
            return (ExplicitEndpoint, "-EndpointUrl");
        }

        if (string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "the service's AWS endpoint");
        }

        var serviceVariable = "AWS_ENDPOINT_URL_" + serviceEnvironmentSuffix;
        if (AwsConnectionResolver.ParseEndpoint(environment(serviceVariable), serviceVariable) is { } serviceEndpoint)
        {
            return (serviceEndpoint, serviceVariable);
        }

        if (AwsConnectionResolver.ParseEndpoint(environment("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL") is { } globalEndpoint)
        {
            return (globalEndpoint, "AWS_ENDPOINT_URL");
        }

        return ProfileEndpoint is not null ? (ProfileEndpoint, "the profile's endpoint_url") : (null, "the service's AWS endpoint");
    }

    /// <summary>Cache key for a client of one service: same settings, same client.</summary>
    internal string ClientKey(string serviceEnvironmentSuffix) =>
        string.Join('|', serviceEnvironmentSuffix, CredentialKey, Region.SystemName, EndpointFor(serviceEnvironmentSuffix)?.ToString() ?? string.Empty);
}
