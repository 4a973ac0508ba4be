using System.Runtime.CompilerServices;
using Amazon.Runtime;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.CloudFormation;

/// <summary>CloudFormation (Query protocol): stacks, change sets and templates.</summary>
public sealed class CloudFormationClient : KvsServiceClient
{
    public static readonly KvsServiceDescription Description =
        new("CloudFormation", "cloudformation", "cloudformation", "2010-05-15", AwsProtocol.Query);

    public static readonly AwsOperation CreateStackOperation = new("CreateStack");
    public static readonly AwsOperation UpdateStackOperation = new("UpdateStack");
    public static readonly AwsOperation DescribeStacksOperation = new("DescribeStacks");
    public static readonly AwsOperation DescribeStackEventsOperation = new("DescribeStackEvents");
    public static readonly AwsOperation DescribeStackResourcesOperation = new("DescribeStackResources");
    public static readonly AwsOperation DeleteStackOperation = new("DeleteStack");
    public static readonly AwsOperation CreateChangeSetOperation = new("CreateChangeSet");
    public static readonly AwsOperation DescribeChangeSetOperation = new("DescribeChangeSet");
    public static readonly AwsOperation ExecuteChangeSetOperation = new("ExecuteChangeSet");
    public static readonly AwsOperation DeleteChangeSetOperation = new("DeleteChangeSet");
    public static readonly AwsOperation GetTemplateOperation = new("GetTemplate");
    public static readonly AwsOperation ValidateTemplateOperation = new("ValidateTemplate");

    public CloudFormationClient(AWSCredentials credentials, KvsServiceConfig config)
        : base(credentials, config)
    {
    }

    public Task<CreateStackResponse> CreateStackAsync(CreateStackRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CreateStackResponse>(CreateStackOperation, request, cancellationToken);

    public Task<UpdateStackResponse> UpdateStackAsync(UpdateStackRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateStackResponse>(UpdateStackOperation, request, cancellationToken);

    public Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeStacksResponse>(DescribeStacksOperation, request, cancellationToken);

    public Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeStackEventsResponse>(DescribeStackEventsOperation, request, cancellationToken);

    public Task<DescribeStackResourcesResponse> DescribeStackResourcesAsync(DescribeStackResourcesRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeStackResourcesResponse>(DescribeStackResourcesOperation, request, cancellationToken);

    public Task<CloudFormationEmptyResponse> DeleteStackAsync(DeleteStackRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CloudFormationEmptyResponse>(DeleteStackOperation, request, cancellationToken);

    public Task<CreateChangeSetResponse> CreateChangeSetAsync(CreateChangeSetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CreateChangeSetResponse>(CreateChangeSetOperation, request, cancellationToken);

    public Task<DescribeChangeSetResponse> DescribeChangeSetAsync(DescribeChangeSetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeChangeSetResponse>(DescribeChangeSetOperation, request, cancellationToken);

    public Task<CloudFormationEmptyResponse> ExecuteChangeSetAsync(ExecuteChangeSetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CloudFormationEmptyResponse>(ExecuteChangeSetOperation, request, cancellationToken);

    public Task<CloudFormationEmptyResponse> DeleteChangeSetAsync(DeleteChangeSetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CloudFormationEmptyResponse>(DeleteChangeSetOperation, request, cancellationToken);

    public Task<GetTemplateResponse> GetTemplateAsync(GetTemplateRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetTemplateResponse>(GetTemplateOperation, request, cancellationToken);

    public Task<ValidateTemplateResponse> ValidateTemplateAsync(ValidateTemplateRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ValidateTemplateResponse>(ValidateTemplateOperation, request, cancellationToken);

    /// <summary>Every stack (all pages of DescribeStacks), or the one named.</summary>
    public async IAsyncEnumerable<CloudFormationStack> DescribeAllStacksAsync(string? stackName = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName, NextToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var stack in page.Stacks)
            {
                yield return stack;
            }

            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>The events of a stack, newest first (all pages of DescribeStackEvents).</summary>
    public async IAsyncEnumerable<StackEvent> DescribeAllStackEventsAsync(string stackName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await DescribeStackEventsAsync(new DescribeStackEventsRequest { StackName = stackName, NextToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var stackEvent in page.StackEvents)
            {
                yield return stackEvent;
            }

            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>
    /// The stack, or null when CloudFormation says it does not exist (a ValidationError "does not exist";
    /// DescribeStacks has no not-found error of its own).
    /// </summary>
    public async Task<CloudFormationStack?> FindStackAsync(string stackName, CancellationToken cancellationToken = default)
    {
        try
        {
            var page = await DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, cancellationToken).ConfigureAwait(false);
            return page.Stacks.Count > 0 ? page.Stacks[0] : null;
        }
        catch (AmazonServiceException ex) when (IsStackMissing(ex))
        {
            return null;
        }
    }

    /// <summary>True for CloudFormation's answer to a stack that does not exist.</summary>
    public static bool IsStackMissing(AmazonServiceException exception) =>
        exception is not null
        && exception.ErrorCode == "ValidationError"
        && exception.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Output of operations without a result payload.</summary>
public sealed record CloudFormationEmptyResponse;
