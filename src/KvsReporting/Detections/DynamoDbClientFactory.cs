using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace KvsReporting.Detections;

/// <summary>
/// Builds a DynamoDB client from the AWS Tools-style parameters of Write-KvsDetection and Start-KvsCrawler
/// -Local. Stand-in until those cmdlets derive from KvsAwsCmdlet, which resolves the same parameters for
/// every service; the work itself only needs an <see cref="IAmazonDynamoDB"/>.
/// </summary>
internal static class DynamoDbClientFactory
{
    public static AmazonDynamoDBClient Create(string? region, string? endpointUrl, string? accessKey, string? secretKey, string? sessionToken, string? profileName)
    {
        region ??= Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
        endpointUrl ??= Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB") ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        var config = new AmazonDynamoDBConfig();
        if (!string.IsNullOrEmpty(endpointUrl))
        {
            // Setting ServiceURL clears RegionEndpoint: the signing region must be given separately.
            config.ServiceURL = endpointUrl;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        AWSCredentials? credentials = null;
        if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
        {
            credentials = string.IsNullOrEmpty(sessionToken)
                ? new BasicAWSCredentials(accessKey, secretKey)
                : new SessionAWSCredentials(accessKey, secretKey, sessionToken);
        }
        else if (!string.IsNullOrEmpty(profileName) && new CredentialProfileStoreChain().TryGetAWSCredentials(profileName, out var profile))
        {
            credentials = profile;
        }

        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }
}
