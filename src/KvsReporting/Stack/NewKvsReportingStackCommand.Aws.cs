using System.Collections;
using System.Management.Automation;
using System.Text;
using Amazon.Runtime;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Waiters;
using KvsReporting.Errors;
using KvsReporting.Stack.Template;

namespace KvsReporting.Stack;

/// <summary>The AWS parameter set of New-KvsReportingStack: CreateStack with the module's template.</summary>
public sealed partial class NewKvsReportingStackCommand
{
    private const int ProgressId = 41;

    /// <summary>
    /// <para type="description">Tags for the stack, as a hashtable (@{ CostCenter = 'video' }). CloudFormation copies stack tags to every
    /// resource that takes tags. The module adds kvsreporting:stack = the stack name, which is how Get-KvsReportingStack finds its stacks.</para>
    /// </summary>
    [Parameter(ParameterSetName = AwsParameterSet)]
    public Hashtable? Tag { get; set; }

    /// <summary>
    /// <para type="description">Wait until the stack is complete, showing its events as progress and verbose lines. Without it the command
    /// returns as soon as CloudFormation accepted the request (status CREATE_IN_PROGRESS).</para>
    /// </summary>
    [Parameter(ParameterSetName = AwsParameterSet)]
    public SwitchParameter Wait { get; set; }

    /// <summary>
    /// <para type="description">With -Wait: how many seconds to wait at most (default 1800). When it runs out the command stops waiting
    /// with an error; CloudFormation carries on.</para>
    /// </summary>
    [Parameter(ParameterSetName = AwsParameterSet)]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 1800;

    private async Task ProcessAwsAsync(CancellationToken cancellationToken)
    {
        StackClients.ValidateStackName(StackName, "KvsNewStack");
        var tags = StackClients.Tags(StackName, Tag, "KvsNewStack");
        var connection = await GetAwsConnectionAsync();
        var region = connection.Region.SystemName;
        var cloudFormation = GetClient(connection, CloudFormationClient.Description, StackClients.CreateCloudFormation);

        CloudFormationStack? existing;
        try
        {
            existing = await cloudFormation.FindStackAsync(StackName, cancellationToken);
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, CloudFormationClient.DescribeStacksOperation.Name, StackName, $"stack '{StackName}'"));
        }

        if (existing is not null)
        {
            throw KvsErrors.Terminating(
                $"The stack '{StackName}' already exists in {region} (status {existing.StackStatus}).",
                "KvsNewStackAlreadyExists",
                ErrorCategory.ResourceExists,
                StackName,
                existing.StackStatus == "ROLLBACK_COMPLETE"
                    ? "It is a failed creation: remove it with Remove-KvsReportingStack, then create it again."
                    : "Use Get-KvsReportingStack to see it, Update-KvsReportingStack to change it, or choose another -StackName.");
        }

        var resources = ReportingTemplate.Resources;
        if (!await ShouldProcessAsync(WhatIfText(region, resources), $"Create the CloudFormation stack '{StackName}' in {region}?", "New-KvsReportingStack"))
        {
            return;
        }

        var request = new CreateStackRequest
        {
            StackName = StackName,
            TemplateBody = ReportingTemplate.Yaml,
            Parameters = StackClients.Parameters(
                new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["DynamoDBTableName"] = TableName,
                    ["CrawlerName"] = CrawlerName,
                    ["CrawlerSchedule"] = CrawlerSchedule,
                },
                current: null),
            // The roles have generated names, so CAPABILITY_IAM suffices (no CAPABILITY_NAMED_IAM).
            Capabilities = ["CAPABILITY_IAM"],
            OnFailure = "ROLLBACK",
            Tags = tags,
            ClientRequestToken = "kvs-new-" + Guid.NewGuid().ToString("N"),
        };

        string stackId;
        try
        {
            stackId = (await cloudFormation.CreateStackAsync(request, cancellationToken)).StackId ?? StackName;
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(CreateRejected(ex));
        }

        EmitVerbose($"CloudFormation accepted stack '{StackName}' ({stackId}); client request token {request.ClientRequestToken}.");
        CloudFormationStack? final;
        if (Wait)
        {
            var events = new StackEventStream(cloudFormation, stackId);
            var operation = new StackOperation("Creation", "KvsNewStack", StackName, stackId, CloudFormationWaiters.ClassifyCreate, resources.Count);
            var activity = $"Creating stack {StackName}";
            final = await new StackOperationWaiter(cloudFormation).WaitAsync(
                operation,
                events,
                TimeSpan.FromSeconds(Timeout),
                e => EmitVerbose(StackOperationWaiter.Format(e)),
                (status, percent, elapsed) => EmitProgress(StackClients.Progress(ProgressId, activity, status, percent, elapsed)),
                cancellationToken);
            EmitProgress(StackClients.Completed(ProgressId, activity));
        }
        else
        {
            final = await cloudFormation.FindStackAsync(stackId, cancellationToken);
            EmitVerbose("Not waiting: the stack is still being created. Use -Wait, or check with Get-KvsReportingStack.");
        }

        Emit(AwsStackMapper.ToStack(final ?? new CloudFormationStack { StackName = StackName, StackId = stackId, StackStatus = "CREATE_IN_PROGRESS" }, region, connection.EndpointFor(CloudFormationClient.Description)));
    }

    private string WhatIfText(string region, IReadOnlyList<TemplateResource> resources)
    {
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Creating CloudFormation stack '{StackName}' in {region} for table '{TableName}' with {resources.Count} resources:");
        foreach (var resource in resources)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n  {resource.LogicalId} ({resource.ResourceType})");
        }

        return text.ToString();
    }

    /// <summary>
    /// CreateStack itself failed. On AWS that is a validation error (no stack was made); an emulator that creates
    /// resources synchronously reports a resource's own error here, so the message says which call failed.
    /// </summary>
    private ErrorRecord CreateRejected(Exception exception)
    {
        var record = AwsError(exception, CloudFormationClient.CreateStackOperation.Name, StackName, $"stack '{StackName}'");
        if (exception is AmazonServiceException { ErrorCode: "AlreadyExistsException" })
        {
            return KvsErrors.Create(record.Exception, "KvsNewStackAlreadyExists", ErrorCategory.ResourceExists, StackName,
                "Another request created the stack first: see it with Get-KvsReportingStack.");
        }

        return record;
    }
}
