using Amazon.DynamoDBv2;
using KvsReporting.Aws.Connection;
using KvsReporting.Cmdlets;
using KvsReporting.Completion;

namespace KvsReporting.Detections;

/// <summary>
/// The cmdlets that talk to DynamoDB (Write-KvsDetection, Start-KvsCrawler -Local -TableName): the AWS Tools
/// connection parameters and their resolution come from <see cref="KvsAwsCmdlet"/>; this adds the DynamoDB client.
/// </summary>
public abstract class DynamoDbConnectionCmdlet : KvsAwsCmdlet
{
<<<<<<< HEAD
    /// <summary>
    /// <para type="description">AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then us-east-1).</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>
    /// <para type="description">Endpoint of an AWS-compatible DynamoDB service (an emulator, DynamoDB Local, a VPC endpoint).</para>
    /// </summary>
    [Parameter]
    public string? EndpointUrl { get; set; }

    /// <summary>
    /// <para type="description">Access key of the credentials to use.</para>
    /// </summary>
    [Parameter]
    public string? AccessKey { get; set; }

    /// <summary>
    /// <para type="description">Secret key of the credentials to use.</para>
    /// </summary>
    [Parameter]
    public string? SecretKey { get; set; }

    /// <summary>
    /// <para type="description">Session token of temporary credentials.</para>
    /// </summary>
    [Parameter]
    public string? SessionToken { get; set; }

    /// <summary>
    /// <para type="description">Named profile in the shared credentials file.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string? ProfileName { get; set; }

    private protected AmazonDynamoDBClient CreateDynamoDbClient(string? region = null, string? endpointUrl = null) =>
        DynamoDbClientFactory.Create(Region ?? region, EndpointUrl ?? endpointUrl, AccessKey, SecretKey, SessionToken, ProfileName);
=======
    /// <summary>A DynamoDB client for the resolved connection (cached per runspace: never dispose it). A region
    /// or endpoint remembered elsewhere (a local crawler's last source) applies when none was given.</summary>
    private protected async Task<(IAmazonDynamoDB Client, AwsConnection Connection)> GetDynamoDbClientAsync(string? rememberedRegion = null, string? rememberedEndpoint = null)
    {
        Region ??= rememberedRegion;
        EndpointUrl ??= rememberedEndpoint;
        var connection = await GetAwsConnectionAsync();
        return (GetClient(connection, "DYNAMODB", AwsClientFactory.CreateDynamoDB), connection);
    }
>>>>>>> local
}
