using KvsReporting.Aws.Lambda;
using KvsReporting.Aws.ServerlessRepo;

namespace KvsReporting.AwsConformance.Samples;

public sealed class LambdaSamples : ISampleRequests
{
    public IEnumerable<Sample> Samples() =>
    [
        new("Lambda.GetFunction", "connector function", () => new GetFunctionRequest { FunctionName = "kvsworkshop" }),
        new("Lambda.GetFunction", "ARN with qualifier", () => new GetFunctionRequest { FunctionName = "arn:aws:lambda:us-east-1:123456789012:function:kvsworkshop", Qualifier = "$LATEST" }),
    ];
}

public sealed class ServerlessRepoSamples : ISampleRequests
{
    private const string Connector = "arn:aws:serverlessrepo:us-east-1:292517598671:applications/AthenaDynamoDBConnector";

    public IEnumerable<Sample> Samples() =>
    [
        new("ServerlessApplicationRepository.GetApplication", "connector", () => new GetApplicationRequest { ApplicationId = Connector }),
        new("ServerlessApplicationRepository.GetApplication", "pinned version", () => new GetApplicationRequest { ApplicationId = Connector, SemanticVersion = "2025.1.1" }),
        new("ServerlessApplicationRepository.CreateCloudFormationChangeSet", "connector deployment", () => new CreateCloudFormationChangeSetRequest
        {
            ApplicationId = Connector,
            StackName = "serverlessrepo-kvsworkshop",
            SemanticVersion = "2025.1.1",
            Capabilities = ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
            ParameterOverrides =
            [
                new ParameterValue { Name = "AthenaCatalogName", Value = "kvsworkshop" },
                new ParameterValue { Name = "SpillBucket", Value = "kvs-license-reporting-spill" },
            ],
            Tags = [new SarTag { Key = "Project", Value = "kvs-license-reporting" }],
        }),
    ];
}
