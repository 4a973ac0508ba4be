using KvsReporting.Aws.Lambda;
using KvsReporting.Aws.ServerlessRepo;

namespace KvsReporting.AwsConformance.Samples;

public sealed class LambdaSamples : ISampleRequests
{
    public IEnumerable<Sample> Samples() =>
    [
        new("Lambda.GetFunction", "connector by name", () => new GetFunctionRequest { FunctionName = "kvsworkshop" }),
        new("Lambda.GetFunction", "by ARN with qualifier", () => new GetFunctionRequest { FunctionName = "arn:aws:lambda:us-east-1:123456789012:function:kvsworkshop", Qualifier = "$LATEST" }),
    ];
}

public sealed class ServerlessRepoSamples : ISampleRequests
{
    private const string Application = "arn:aws:serverlessrepo:us-east-1:292517598671:applications/AthenaDynamoDBConnector";

    public IEnumerable<Sample> Samples() =>
    [
        new("ServerlessApplicationRepository.GetApplication", "latest", () => new GetApplicationRequest { ApplicationId = Application }),
        new("ServerlessApplicationRepository.GetApplication", "pinned version", () => new GetApplicationRequest { ApplicationId = Application, SemanticVersion = "2025.1.1" }),
        new("ServerlessApplicationRepository.CreateCloudFormationChangeSet", "connector", () => new CreateCloudFormationChangeSetRequest
        {
            ApplicationId = Application,
            SemanticVersion = "2025.1.1",
            StackName = "kvsworkshop",
            Capabilities = ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
            ClientToken = "0d1e2f3a-0000-0000-0000-000000000000",
            ParameterOverrides =
            [
                new ParameterValue { Name = "AthenaCatalogName", Value = "kvsworkshop" },
                new ParameterValue { Name = "SpillBucket", Value = "kvs-license-reporting-spillbucket-abc123" },
                new ParameterValue { Name = "SpillPrefix", Value = "athena-spill" },
            ],
        }),
    ];
}
