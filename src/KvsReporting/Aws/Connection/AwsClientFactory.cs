using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using KvsReporting.Aws.Athena;
using KvsReporting.Aws.Glue;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.Connection;

/// <summary>
/// Builds service clients from resolved connection settings: the module's own clients (on KvsServiceClient)
/// and the official AWSSDK.S3 / DynamoDBv2 / SecurityToken clients, all with the same credentials, region
/// and endpoint rules.
/// </summary>
public static class AwsClientFactory
{
    /// <summary>Any client on the module's runtime; typed clients pass their constructor.</summary>
    public static TClient Create<TClient>(AwsConnection connection, KvsServiceDescription service, Func<AWSCredentials, KvsServiceConfig, TClient> construct)
        where TClient : KvsServiceClient
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(construct);
        var config = new KvsServiceConfig(service);
        if (connection.EndpointFor(service) is { } endpoint)
        {
            config.UseEndpoint(endpoint, connection.Region);
        }
        else
        {
            config.RegionEndpoint = connection.Region;
            if (service.GlobalEndpoint is not null)
            {
                // Global services (IAM) are signed for their partition's home region.
                config.AuthenticationRegion = connection.Region.PartitionName switch
                {
                    "aws-cn" => "cn-north-1",
                    "aws-us-gov" => "us-gov-west-1",
                    _ => "us-east-1",
                };
            }
        }

        return construct(connection.Credentials, config);
    }

    public static GlueClient CreateGlue(AwsConnection connection) =>
        Create(connection, GlueClient.Description, static (c, cfg) => new GlueClient(c, cfg));

    public static AthenaClient CreateAthena(AwsConnection connection) =>
        Create(connection, AthenaClient.Description, static (c, cfg) => new AthenaClient(c, cfg));

    /// <summary>S3; with an endpoint URL, path-style addressing (emulators and most S3-compatible stores need it).</summary>
    public static AmazonS3Client CreateS3(AwsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var config = new AmazonS3Config { RetryMode = RequestRetryMode.Standard, MaxErrorRetry = AwsRetry.MaxErrorRetry, IgnoreConfiguredEndpointUrls = true };
        Apply(config, connection, connection.EndpointFor("S3"));
        if (config.ServiceURL is not null)
        {
            config.ForcePathStyle = true;
        }

        return new AmazonS3Client(connection.Credentials, config);
    }

    public static AmazonDynamoDBClient CreateDynamoDB(AwsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var config = new AmazonDynamoDBConfig { RetryMode = RequestRetryMode.Standard, MaxErrorRetry = AwsRetry.MaxErrorRetry, IgnoreConfiguredEndpointUrls = true };
        Apply(config, connection, connection.EndpointFor("DYNAMODB"));
        return new AmazonDynamoDBClient(connection.Credentials, config);
    }

    public static AmazonSecurityTokenServiceClient CreateSts(AwsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var config = new AmazonSecurityTokenServiceConfig { RetryMode = RequestRetryMode.Standard, MaxErrorRetry = AwsRetry.MaxErrorRetry, IgnoreConfiguredEndpointUrls = true };
        Apply(config, connection, connection.EndpointFor("STS"));
        return new AmazonSecurityTokenServiceClient(connection.Credentials, config);
    }

    private static void Apply(ClientConfig config, AwsConnection connection, Uri? endpoint)
    {
        // Setting RegionEndpoint clears ServiceURL and the other way round: with an endpoint, only the
        // signing region is set.
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = connection.Region.SystemName;
        }
        else
        {
            config.RegionEndpoint = connection.Region;
        }
    }
}
