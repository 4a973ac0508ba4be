using KvsReporting.Aws.CloudFormation;

namespace KvsReporting.AwsConformance.Samples;

public sealed class CloudFormationSamples : ISampleRequests
{
    private const string Stack = "kvs-license-reporting";
    private const string Template = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";

    public IEnumerable<Sample> Samples() =>
    [
        new("CloudFormation.CreateStack", "reporting stack", () => new CreateStackRequest
        {
            StackName = Stack,
            TemplateBody = Template,
            Parameters = [new Parameter { ParameterKey = "DynamoDBTableName", ParameterValue = "LicensePlateDetections" }],
            Capabilities = ["CAPABILITY_NAMED_IAM"],
            OnFailure = "ROLLBACK",
            Tags = [new Tag { Key = "Project", Value = Stack }],
            TimeoutInMinutes = 30,
        }),
        new("CloudFormation.UpdateStack", "new template, previous parameter", () => new UpdateStackRequest
        {
            StackName = Stack,
            TemplateBody = Template,
            Parameters = [new Parameter { ParameterKey = "DynamoDBTableName", UsePreviousValue = true }],
            Capabilities = ["CAPABILITY_NAMED_IAM"],
        }),
        new("CloudFormation.DescribeStacks", "by name", () => new DescribeStacksRequest { StackName = Stack }),
        new("CloudFormation.DescribeStackEvents", "page", () => new DescribeStackEventsRequest { StackName = Stack, NextToken = "token-2" }),
        new("CloudFormation.DescribeStackResources", "stack", () => new DescribeStackResourcesRequest { StackName = Stack }),
        new("CloudFormation.DeleteStack", "keep a bucket", () => new DeleteStackRequest { StackName = Stack, RetainResources = ["QueryResultBucket"] }),
        new("CloudFormation.CreateChangeSet", "update preview", () => new CreateChangeSetRequest
        {
            StackName = Stack,
            ChangeSetName = "kvs-preview-20261125",
            TemplateBody = Template,
            Capabilities = ["CAPABILITY_NAMED_IAM"],
            ChangeSetType = "UPDATE",
            Description = "Preview of Deploy-KvsReportingStack",
        }),
        new("CloudFormation.DescribeChangeSet", "by names", () => new DescribeChangeSetRequest { ChangeSetName = "kvs-preview-20261125", StackName = Stack }),
        new("CloudFormation.ExecuteChangeSet", "by names", () => new ExecuteChangeSetRequest { ChangeSetName = "kvs-preview-20261125", StackName = Stack }),
        new("CloudFormation.DeleteChangeSet", "by names", () => new DeleteChangeSetRequest { ChangeSetName = "kvs-preview-20261125", StackName = Stack }),
        new("CloudFormation.GetTemplate", "processed", () => new GetTemplateRequest { StackName = Stack, TemplateStage = "Processed" }),
        new("CloudFormation.ValidateTemplate", "body", () => new ValidateTemplateRequest { TemplateBody = Template }),
    ];
}
