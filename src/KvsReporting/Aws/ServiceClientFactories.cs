using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Iam;
using KvsReporting.Aws.Lambda;
using KvsReporting.Aws.QuickSight;
using KvsReporting.Aws.ServerlessRepo;

namespace KvsReporting.Aws;

/// <summary>Constructors of the Query and REST-JSON clients for the connection-aware client cache.</summary>
public static class ServiceClientFactories
{
    public static IamClient CreateIam(AwsConnection connection) =>
        AwsClientFactory.Create(connection, IamClient.Description, static (c, cfg) => new IamClient(c, cfg));

    public static CloudFormationClient CreateCloudFormation(AwsConnection connection) =>
        AwsClientFactory.Create(connection, CloudFormationClient.Description, static (c, cfg) => new CloudFormationClient(c, cfg));

    public static QuickSightClient CreateQuickSight(AwsConnection connection) =>
        AwsClientFactory.Create(connection, QuickSightClient.Description, static (c, cfg) => new QuickSightClient(c, cfg));

    public static LambdaClient CreateLambda(AwsConnection connection) =>
        AwsClientFactory.Create(connection, LambdaClient.Description, static (c, cfg) => new LambdaClient(c, cfg));

    public static ServerlessRepoClient CreateServerlessRepo(AwsConnection connection) =>
        AwsClientFactory.Create(connection, ServerlessRepoClient.Description, static (c, cfg) => new ServerlessRepoClient(c, cfg));
}
