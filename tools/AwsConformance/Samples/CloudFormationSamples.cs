using KvsReporting.Aws.CloudFormation;

namespace KvsReporting.AwsConformance.Samples;

public sealed class CloudFormationSamples : ISampleRequests
{
    private const string Stack = "kvs-license-reporting";
    private const string StackArn = "arn:aws:cloudformation:us-east-1:123456789012:stack/serverlessrepo-kvsworkshop/1a2b3c4d-0000-0000-0000-000000000000";
    private const string ChangeSetArn = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/a1b2c3/5e6f7a8b-0000-0000-0000-000000000000";
    private const string Template = """{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"Bucket":{"Type":"AWS::S3::Bucket"}}}""";

    public IEnumerable<Sample> Samples() =>
    [
        new("CloudFormation.CreateStack", "reporting stack", () => new CreateStackRequest
        {
            StackName = Stack,
            TemplateBody = Template,
            Parameters = [new Parameter { ParameterKey = "DynamoDBTableName", ParameterValue = "LicensePlateDetections" }],
            Capabilities = ["CAPABILITY_IAM"],
            OnFailure = "ROLLBACK",
            Tags = [new Tag { Key = "kvs:module", Value = "KvsReporting" }],
            ClientRequestToken = "kvs-new-0123456789abcdef",
            TimeoutInMinutes = 30,
        }),
        new("CloudFormation.UpdateStack", "previous template, new parameter", () => new UpdateStackRequest
        {
            StackName = Stack,
            UsePreviousTemplate = true,
            Parameters = [new Parameter { ParameterKey = "DynamoDBTableName", UsePreviousValue = true }],
            Capabilities = ["CAPABILITY_IAM"],
            ClientRequestToken = "kvs-update-1",
        }),
        new("CloudFormation.DescribeStacks", "by name", () => new DescribeStacksRequest { StackName = Stack }),
        new("CloudFormation.DescribeStacks", "next page", () => new DescribeStacksRequest { NextToken = "token-2" }),
        new("CloudFormation.DescribeStackEvents", "next page", () => new DescribeStackEventsRequest { StackName = Stack, NextToken = "token-2" }),
        new("CloudFormation.DescribeStackResources", "by stack", () => new DescribeStackResourcesRequest { StackName = Stack }),
        new("CloudFormation.DeleteStack", "with token", () => new DeleteStackRequest { StackName = Stack, ClientRequestToken = "kvs-remove-1" }),
        new("CloudFormation.CreateChangeSet", "update", () => new CreateChangeSetRequest
        {
            StackName = Stack,
            ChangeSetName = "kvs-update-20250101",
            ChangeSetType = "UPDATE",
            TemplateBody = Template,
            Capabilities = ["CAPABILITY_IAM"],
            Description = "KvsReporting update",
        }),
        new("CloudFormation.DescribeChangeSet", "by ARN", () => new DescribeChangeSetRequest { ChangeSetName = ChangeSetArn }),
        new("CloudFormation.ExecuteChangeSet", "SAR change set", () => new ExecuteChangeSetRequest { ChangeSetName = ChangeSetArn, ClientRequestToken = "kvs-connector-0123456789abcdef" }),
        new("CloudFormation.DeleteChangeSet", "by name", () => new DeleteChangeSetRequest { ChangeSetName = "kvs-update-20250101", StackName = StackArn }),
        new("CloudFormation.GetTemplate", "original", () => new GetTemplateRequest { StackName = Stack, TemplateStage = "Original" }),
        new("CloudFormation.ValidateTemplate", "body", () => new ValidateTemplateRequest { TemplateBody = Template }),
    ];
}
