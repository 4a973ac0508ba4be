using Amazon.Runtime;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Waiters;
using Xunit;

namespace KvsReporting.Tests.Aws.Clients;

/// <summary>CloudFormation over signed HTTP against moto: stacks, change sets, templates and the waiters.</summary>
[Collection("Moto")]
public sealed class CloudFormationClientTests
{
    internal const string RoleTemplate = """
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Description": "kvs client test",
          "Parameters": { "RoleName": { "Type": "String", "Default": "kvs-test-role" } },
          "Resources": {
            "Bucket": { "Type": "AWS::S3::Bucket" },
            "Role": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "RoleName": { "Ref": "RoleName" },
                "AssumeRolePolicyDocument": {
                  "Version": "2012-10-17",
                  "Statement": [ { "Effect": "Allow", "Principal": { "Service": "quicksight.amazonaws.com" }, "Action": "sts:AssumeRole" } ]
                }
              }
            }
          },
          "Outputs": { "BucketName": { "Value": { "Ref": "Bucket" } }, "RoleArn": { "Value": { "Fn::GetAtt": [ "Role", "Arn" ] } } }
        }
        """;

    private static readonly WaitOptions Fast = new() { MinDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(300), Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Stack_lifecycle_is_created_described_and_deleted_through_the_waiters()
    {
        var rig = ClientRig.Require();
        using var cfn = rig.Client<CloudFormationClient>(CloudFormationClient.Description);
        var name = "kvs-cfn-" + Guid.NewGuid().ToString("N")[..8];
        var roleName = "role-" + name;

        // ValidateTemplate is not exercised here: moto needs cfn-lint for it (not packaged); the test double covers it.
        var created = await cfn.CreateStackAsync(new CreateStackRequest
        {
            StackName = name,
            TemplateBody = RoleTemplate,
            Parameters = [new Parameter { ParameterKey = "RoleName", ParameterValue = roleName }],
            Capabilities = ["CAPABILITY_NAMED_IAM"],
            Tags = [new Tag { Key = "purpose", Value = "kvs test" }],
        });
        Assert.StartsWith("arn:aws:cloudformation:", created.StackId);

        var progress = new List<WaitProgress>();
        var done = await CloudFormationWaiters.StackCreateCompleteAsync(cfn, name, Fast with { Progress = progress.Add }, CancellationToken.None);
        Assert.Equal(WaitState.Success, done.State);
        Assert.Equal("CREATE_COMPLETE", done.Last!.StackStatus);
        Assert.NotEmpty(progress);
        Assert.Contains(done.Last.Outputs!, o => o.OutputKey == "RoleArn" && o.OutputValue!.EndsWith("/" + roleName, StringComparison.Ordinal));
        Assert.Contains(done.Last.Tags!, t => t.Key == "purpose" && t.Value == "kvs test");
        Assert.True(done.Last.CreationTime > DateTimeOffset.UtcNow.AddHours(-1));

        var all = new List<CloudFormationStack>();
        await foreach (var stack in cfn.DescribeAllStacksAsync())
        {
            all.Add(stack);
        }

        Assert.Contains(all, s => s.StackName == name);

        var events = new List<StackEvent>();
        await foreach (var e in cfn.DescribeAllStackEventsAsync(name))
        {
            events.Add(e);
        }

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(name, e.StackName));
        Assert.Contains(events, e => e.ResourceStatus == "CREATE_COMPLETE" && e.Timestamp > DateTimeOffset.UtcNow.AddHours(-1));

        var resources = await cfn.DescribeStackResourcesAsync(new DescribeStackResourcesRequest { StackName = name });
        Assert.Contains(resources.StackResources, r => r.ResourceType == "AWS::IAM::Role" && r.PhysicalResourceId == roleName);

        var template = await cfn.GetTemplateAsync(new GetTemplateRequest { StackName = name });
        Assert.Contains("AWS::IAM::Role", template.TemplateBody, StringComparison.Ordinal);

        await cfn.DeleteStackAsync(new DeleteStackRequest { StackName = name });
        var deleted = await CloudFormationWaiters.StackDeleteCompleteAsync(cfn, name, Fast, CancellationToken.None);
        Assert.Equal(WaitState.Success, deleted.State);
    }

    [Fact]
    public async Task Change_set_is_created_waited_for_executed_and_a_second_one_deleted()
    {
        var rig = ClientRig.Require();
        using var cfn = rig.Client<CloudFormationClient>(CloudFormationClient.Description);
        var name = "kvs-cs-" + Guid.NewGuid().ToString("N")[..8];

        var created = await cfn.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = name,
            ChangeSetName = "initial",
            ChangeSetType = "CREATE",
            TemplateBody = RoleTemplate,
            Parameters = [new Parameter { ParameterKey = "RoleName", ParameterValue = "role-" + name }],
            Capabilities = ["CAPABILITY_NAMED_IAM"],
        });
        Assert.NotNull(created.Id);

        var ready = await CloudFormationWaiters.ChangeSetCreateCompleteAsync(cfn, created.Id!, null, Fast, CancellationToken.None);
        Assert.Equal(WaitState.Success, ready.State);
        Assert.Equal("initial", ready.Last.ChangeSetName);

        await cfn.ExecuteChangeSetAsync(new ExecuteChangeSetRequest { ChangeSetName = created.Id! });
        var stack = await CloudFormationWaiters.StackCreateCompleteAsync(cfn, name, Fast, CancellationToken.None);
        Assert.Equal(WaitState.Success, stack.State);

        var second = await cfn.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = name,
            ChangeSetName = "second",
            ChangeSetType = "UPDATE",
            TemplateBody = RoleTemplate.Replace("\"Bucket\": { \"Type\": \"AWS::S3::Bucket\" },", "\"Bucket\": { \"Type\": \"AWS::S3::Bucket\" }, \"Extra\": { \"Type\": \"AWS::S3::Bucket\" },", StringComparison.Ordinal),
            Parameters = [new Parameter { ParameterKey = "RoleName", ParameterValue = "role-" + name }],
            Capabilities = ["CAPABILITY_NAMED_IAM"],
        });
        var described = await cfn.DescribeChangeSetAsync(new DescribeChangeSetRequest { ChangeSetName = second.Id! });
        Assert.Contains(described.Changes!, c => c.ResourceChange?.LogicalResourceId == "Extra" && c.ResourceChange.Action == "Add");
        await cfn.DeleteChangeSetAsync(new DeleteChangeSetRequest { ChangeSetName = second.Id! });
        var missing = await Assert.ThrowsAnyAsync<AmazonServiceException>(() =>
            cfn.DescribeChangeSetAsync(new DescribeChangeSetRequest { ChangeSetName = second.Id! }));
        Assert.Contains(missing.ErrorCode, new[] { "ChangeSetNotFound", "ValidationError" }); // moto answers ValidationError

        await cfn.DeleteStackAsync(new DeleteStackRequest { StackName = name });
        await CloudFormationWaiters.StackDeleteCompleteAsync(cfn, name, Fast, CancellationToken.None);
    }

    [Fact]
    public async Task A_missing_stack_is_null_and_a_wrong_secret_is_SignatureDoesNotMatch()
    {
        var rig = ClientRig.Require();
        using var cfn = rig.Client<CloudFormationClient>(CloudFormationClient.Description);
        Assert.Null(await cfn.FindStackAsync("kvs-no-such-stack"));

        var create = await CloudFormationWaiters.StackCreateCompleteAsync(cfn, "kvs-no-such-stack", Fast, CancellationToken.None)
            .ContinueWith(t => t, TaskScheduler.Default);
        Assert.True(create.IsFaulted);

        using var wrong = rig.Client<CloudFormationClient>(CloudFormationClient.Description, rig.WrongSecret());
        var denied = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => wrong.DescribeStacksAsync(new DescribeStacksRequest()));
        Assert.Equal("SignatureDoesNotMatch", denied.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
