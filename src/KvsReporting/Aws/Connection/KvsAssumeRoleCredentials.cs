using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.Connection;

/// <summary>
/// Credentials of an assume-role profile (role_arn + source_profile), refreshed before they expire, through
/// the module's own AWSSDK.SecurityToken client. The SDK's AssumeRoleAWSCredentials finds its STS client by
/// assembly name across the whole process, so with AWS.Tools loaded it picks AWS.Tools' copy (another load
/// context, other AWSSDK.Core types) and fails; this class never looks anything up by name.
/// </summary>
internal sealed class KvsAssumeRoleCredentials : RefreshingAWSCredentials
{
    private readonly AWSCredentials source;
    private readonly string roleArn;
    private readonly string sessionName;
    private readonly string? externalId;
    private readonly RegionEndpoint region;
    private readonly Uri? stsEndpoint;

    public KvsAssumeRoleCredentials(AWSCredentials source, string roleArn, string? sessionName, string? externalId, RegionEndpoint region, Uri? stsEndpoint)
    {
        this.source = source;
        this.roleArn = roleArn;
        this.sessionName = string.IsNullOrWhiteSpace(sessionName)
            ? "KvsReporting-" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : sessionName;
        this.externalId = externalId;
        this.region = region;
        this.stsEndpoint = stsEndpoint;
        PreemptExpiryTime = TimeSpan.FromMinutes(5);
    }

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = AwsRetry.MaxErrorRetry,
            IgnoreConfiguredEndpointUrls = true,
        };
        if (stsEndpoint is not null)
        {
            config.ServiceURL = stsEndpoint.ToString();
            config.AuthenticationRegion = region.SystemName;
        }
        else
        {
            config.RegionEndpoint = region;
        }

        using var sts = new AmazonSecurityTokenServiceClient(source, config);
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = sessionName,
            ExternalId = string.IsNullOrEmpty(externalId) ? null : externalId,
        }).ConfigureAwait(false);
        var credentials = response.Credentials;
        var expiration = credentials.Expiration is { } expires ? expires.ToUniversalTime() : DateTime.UtcNow.AddHours(1);
        return new CredentialsRefreshState(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            expiration);
    }
}
