using System.Management.Automation;
using Amazon.DynamoDBv2;
using KvsReporting.Cmdlets;
using KvsReporting.Completion;

namespace KvsReporting.Detections;

/// <summary>
/// AWS connection parameters (named as in AWS Tools for PowerShell) for the cmdlets that talk to DynamoDB.
/// Stand-in until KvsAwsCmdlet lands; then these cmdlets derive from it instead and this class goes away.
/// </summary>
public abstract class DynamoDbConnectionCmdlet : KvsAsyncCmdlet
{
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
}
