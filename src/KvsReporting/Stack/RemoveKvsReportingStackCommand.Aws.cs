using System.Management.Automation;
using Amazon.S3;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Waiters;
using KvsReporting.Errors;
using KvsReporting.Completion;

namespace KvsReporting.Stack;

/// <summary>The AWS parameter set of Remove-KvsReportingStack.</summary>
public sealed partial class RemoveKvsReportingStackCommand
{
    /// <summary>
    /// The piped object. A local stack (Kind = Local) piped without -Local lands in this parameter set (it is the
    /// default), so it is recognised here and handled by the Local code. Not meant to be typed.
    /// </summary>
    [Parameter(ParameterSetName = NewKvsReportingStackCommand.AwsParameterSet, ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    private const int ProgressId = 43;

    /// <summary>
    /// <para type="description">Name (or stack id) of the stack to delete; bound from a stack object's StackName.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NewKvsReportingStackCommand.AwsParameterSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    public string StackName { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">Wait until the stack is deleted, showing its events as progress and verbose lines.</para>
    /// </summary>
    [Parameter(ParameterSetName = NewKvsReportingStackCommand.AwsParameterSet)]
    public SwitchParameter Wait { get; set; }

    /// <summary>
    /// <para type="description">With -Wait: how many seconds to wait at most (default 1800).</para>
    /// </summary>
    [Parameter(ParameterSetName = NewKvsReportingStackCommand.AwsParameterSet)]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 1800;

    private async Task ProcessAwsAsync(CancellationToken cancellationToken)
    {
        if (StackInput.LocalPathOf(InputObject) is { } folder)
        {
            Local = folder;
            await ProcessLocalAsync();
            return;
        }

        var connection = await GetAwsConnectionAsync();
        var region = connection.Region.SystemName;
        var cloudFormation = GetClient(connection, CloudFormationClient.Description, StackClients.CreateCloudFormation);

        CloudFormationStack? stack;
        IReadOnlyList<StackResource> resources;
        try
        {
            stack = await cloudFormation.FindStackAsync(StackName, cancellationToken);
            resources = stack is null ? [] : (await cloudFormation.DescribeStackResourcesAsync(new DescribeStackResourcesRequest { StackName = stack.StackId }, cancellationToken)).StackResources;
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, null, StackName, $"stack '{StackName}'"));
        }

        if (stack is null)
        {
            throw KvsErrors.Terminating(
                $"No stack named '{StackName}' exists in {region}.",
                "KvsRemoveStackNotFound",
                ErrorCategory.ObjectNotFound,
                StackName,
                "Check -StackName and -Region; Get-KvsReportingStack lists the module's stacks.");
        }

        var buckets = resources
            .Where(r => r.ResourceType == "AWS::S3::Bucket" && !string.IsNullOrEmpty(r.PhysicalResourceId))
            .Select(r => r.PhysicalResourceId!)
            .ToList();
        var description = $"Deleting CloudFormation stack '{stack.StackName}' in {region} with its {resources.Count(r => r.LogicalResourceId.Length > 0)} resources"
            + (buckets.Count > 0 ? $", after deleting every object version in bucket(s) {string.Join(", ", buckets)}" : string.Empty)
            + ". The DynamoDB table is not touched.";
        if (!await ShouldProcessAsync(description, $"Delete the stack '{stack.StackName}' and everything in its buckets ({string.Join(", ", buckets)})?", "Remove-KvsReportingStack"))
        {
            return;
        }

        var s3 = GetClient(connection, "S3", AwsClientFactory.CreateS3);
        foreach (var bucket in buckets)
        {
            await EmptyAsync(s3, bucket, cancellationToken);
        }

        var events = new StackEventStream(cloudFormation, stack.StackId ?? stack.StackName);
        try
        {
            await events.SkipExistingAsync(cancellationToken);
            await cloudFormation.DeleteStackAsync(new DeleteStackRequest { StackName = stack.StackId ?? stack.StackName, ClientRequestToken = "kvs-remove-" + Guid.NewGuid().ToString("N") }, cancellationToken);
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, CloudFormationClient.DeleteStackOperation.Name, stack.StackName, $"stack '{stack.StackName}'"));
        }

        EmitVerbose($"CloudFormation is deleting stack '{stack.StackName}' ({stack.StackId}).");
        if (!Wait)
        {
            return;
        }

        var activity = $"Deleting stack {stack.StackName}";
        var operation = new StackOperation("Deletion", "KvsRemoveStack", stack.StackName, stack.StackId ?? stack.StackName, CloudFormationWaiters.ClassifyDelete, resources.Count);
        await new StackOperationWaiter(cloudFormation).WaitAsync(
            operation,
            events,
            TimeSpan.FromSeconds(Timeout),
            e => EmitVerbose(StackOperationWaiter.Format(e)),
            (status, percent, elapsed) => EmitProgress(StackClients.Progress(ProgressId, activity, status, percent, elapsed)),
            cancellationToken);
        EmitProgress(StackClients.Completed(ProgressId, activity));
        EmitVerbose($"Stack '{stack.StackName}' is deleted.");
    }

    private async Task EmptyAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        var activity = $"Emptying bucket {bucket}";
        try
        {
            var result = await new BucketEmptier(s3).EmptyAsync(
                bucket,
                count => EmitProgress(new ProgressRecord(ProgressId + 1, activity, $"{count} object versions and delete markers deleted")),
                cancellationToken);
            EmitProgress(StackClients.Completed(ProgressId + 1, activity));
            EmitVerbose(result.BucketMissing
                ? $"Bucket {bucket} no longer exists."
                : $"Emptied bucket {bucket}: {result.ObjectVersionsDeleted} object versions and {result.DeleteMarkersDeleted} delete markers deleted.");
        }
        catch (BucketEmptyException ex)
        {
            throw KvsErrors.Terminating(ex.Message, "KvsRemoveStackBucketNotEmptied", ErrorCategory.WriteError, bucket,
                "Check s3:DeleteObjectVersion permission and any Object Lock retention on the bucket, then run Remove-KvsReportingStack again.", ex);
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, null, bucket, $"bucket '{bucket}'"));
        }
    }
}
