using Amazon.DynamoDBv2;
using KvsReporting.Aws.Connection;
using KvsReporting.Cmdlets;

namespace KvsReporting.Detections;

/// <summary>
/// The cmdlets that talk to DynamoDB (Write-KvsDetection, Start-KvsCrawler -Local -TableName): the AWS Tools
/// connection parameters and their resolution come from <see cref="KvsAwsCmdlet"/>; this adds the DynamoDB client.
/// </summary>
public abstract class DynamoDbConnectionCmdlet : KvsAwsCmdlet
{
    /// <summary>A DynamoDB client for the resolved connection (cached per runspace: never dispose it). A region
    /// or endpoint remembered elsewhere (a local crawler's last source) applies when none was given.</summary>
    private protected async Task<(IAmazonDynamoDB Client, AwsConnection Connection)> GetDynamoDbClientAsync(string? rememberedRegion = null, string? rememberedEndpoint = null)
    {
        Region ??= rememberedRegion;
        EndpointUrl ??= rememberedEndpoint;
        var connection = await GetAwsConnectionAsync();
        return (GetClient(connection, "DYNAMODB", AwsClientFactory.CreateDynamoDB), connection);
    }
}
