using KvsReporting.Aws.CloudFormation;
using KvsReporting.Stack;
using Xunit;

namespace KvsReporting.Tests.Stack;

public sealed class StackMappingTests
{
    private static StackEvent Event(string logical, string type, string status, string? reason = null) =>
        new() { LogicalResourceId = logical, ResourceType = type, ResourceStatus = status, ResourceStatusReason = reason, EventId = Guid.NewGuid().ToString(), StackName = "s" };

    [Fact]
    public void While_creating_the_names_come_from_the_parameters_and_the_account_from_the_stack_id()
    {
        var stack = AwsStackMapper.ToStack(
            new CloudFormationStack
            {
                StackName = "s",
                StackId = "arn:aws-cn:cloudformation:cn-north-1:210987654321:stack/s/abc",
                StackStatus = "CREATE_IN_PROGRESS",
                Parameters = [new Parameter { ParameterKey = "DynamoDBTableName", ParameterValue = "Plates" }, new Parameter { ParameterKey = "CrawlerName", ParameterValue = "MyCrawler" }],
            },
            "cn-north-1",
            null);
        Assert.Equal("210987654321", stack.Account);
        Assert.Equal("Plates", stack.TableName);
        Assert.Equal("MyCrawler", stack.CrawlerName);
        Assert.Equal("KVSWorkshopWorkgroup", stack.WorkGroup); // template default
        Assert.Null(stack.SpillBucket); // no outputs yet: left empty, not invented
    }

    [Fact]
    public void Outputs_win_over_parameters()
    {
        var stack = AwsStackMapper.ToStack(
            new CloudFormationStack
            {
                StackName = "s",
                StackStatus = "CREATE_COMPLETE",
                Parameters = [new Parameter { ParameterKey = "WorkGroupName", ParameterValue = "A" }],
                Outputs = [new Output { OutputKey = "WorkGroup", OutputValue = "B" }, new Output { OutputKey = "QueryResultBucket", OutputValue = "q" }],
            },
            "eu-west-1",
            new Uri("http://localhost:5000"));
        Assert.Equal("B", stack.WorkGroup);
        Assert.Equal("q", stack.QueryResultBucket);
        Assert.Equal("http://localhost:5000/", stack.EndpointUrl);
        Assert.Null(stack.Account);
    }

    [Fact]
    public void A_resource_cancelled_because_of_another_is_not_named_as_the_cause()
    {
        var events = new[]
        {
            Event("s", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated"),
            Event("GlueRole", "AWS::IAM::Role", "CREATE_FAILED", "Resource creation cancelled"),
            Event("GlueDatabase", "AWS::Glue::Database", "CREATE_FAILED", "kvsworkshop_db already exists in catalog"),
            Event("s", "AWS::CloudFormation::Stack", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [GlueRole, GlueDatabase]."),
        };
        var cause = StackFailure.FirstFailedResource(events, "s");
        Assert.Equal("GlueDatabase", cause?.LogicalResourceId);
        var text = StackFailure.Describe("Creation", "s", "ROLLBACK_FAILED", null, events);
        Assert.StartsWith("Creation of stack 's' failed: resource GlueDatabase (AWS::Glue::Database) CREATE_FAILED: kvsworkshop_db already exists in catalog.", text, StringComparison.Ordinal);
        Assert.Contains("ROLLBACK_FAILED", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_failed_resource_the_stack_reason_is_given()
    {
        var text = StackFailure.Describe("Update", "s", "UPDATE_ROLLBACK_COMPLETE", "Parameter validation failed", []);
        Assert.Equal("Update of stack 's' failed: Parameter validation failed. CloudFormation rolled the update back (UPDATE_ROLLBACK_COMPLETE): the stack is as it was before.", text);
    }
}
