using Amazon.Runtime;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.ServerlessRepo;

/// <summary>
/// Serverless Application Repository (REST-JSON): reads a public application and asks SAR to create a
/// CloudFormation change set for it in the caller's account (executed through CloudFormation).
/// </summary>
public sealed class ServerlessRepoClient : KvsServiceClient
{
    public static readonly KvsServiceDescription Description =
        new("ServerlessApplicationRepository", "serverlessrepo", "serverlessrepo", "2017-09-08", AwsProtocol.RestJson);

    public static readonly AwsOperation GetApplicationOperation = new("GetApplication", "GET", "/applications/{applicationId}");
    public static readonly AwsOperation CreateCloudFormationChangeSetOperation = new("CreateCloudFormationChangeSet", "POST", "/applications/{applicationId}/changesets");

    public ServerlessRepoClient(AWSCredentials credentials, KvsServiceConfig config)
        : base(credentials, config)
    {
    }

    public Task<GetApplicationResponse> GetApplicationAsync(GetApplicationRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetApplicationResponse>(GetApplicationOperation, request, cancellationToken);

    public Task<CreateCloudFormationChangeSetResponse> CreateCloudFormationChangeSetAsync(CreateCloudFormationChangeSetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CreateCloudFormationChangeSetResponse>(CreateCloudFormationChangeSetOperation, request, cancellationToken);
}
