using System.Collections;
using System.Management.Automation;
using System.Text;
using Amazon.Runtime;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Waiters;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;
using KvsReporting.Local;
using KvsReporting.Stack.Template;
using KvsReporting.Completion;

namespace KvsReporting.Stack;

/// <summary>
/// <para type="synopsis">Updates a reporting stack to the module's current template and the given settings, through a change set.</para>
/// <para type="description">Creates a CloudFormation change set with the module's template (so an older stack gets the current
/// resources and security settings) and the settings given; settings not given keep their current values. The changes are
/// shown (verbose lines, and in the -WhatIf/-Confirm text: action, resource, type, replacement) and applied after
/// confirmation. With -WhatIf the change set is deleted again and nothing changes. A stack that already matches is not an
/// error: the command says so and returns the stack.</para>
/// <para type="description">With -Local, updates the settings of a local stack (stack.json): the source table, the crawler's
/// name and its schedule. -WhatIf and -Confirm list the changes as the change set would. -Tag has no local counterpart and
/// is an error; -Wait is accepted (a local update is complete when the command returns).</para>
/// </summary>
[Cmdlet(VerbsData.Update, "KvsReportingStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KvsReportingStack))]
public sealed partial class UpdateKvsReportingStackCommand : KvsAwsCmdlet
{
    private const int ProgressId = 42;

    private static readonly string[] NoChangeMarkers = ["didn't contain changes", "No updates are to be performed"];

    /// <summary><para type="description">Name (or id) of the stack; bound from a stack object's StackName.</para></summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    public string StackName { get; set; } = StackClients.DefaultStackName;

    /// <summary>
    /// <para type="description">Folder of a local stack: updates its settings instead of a CloudFormation stack. Binds from a stack object's LocalPath; an AWS stack object leaves it empty.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    [AllowNull]
    [AllowEmptyString]
    public string? Local { get; set; }

    /// <summary><para type="description">A new source DynamoDB table; the crawler and the Glue role then read this table.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DynamoDbTableCompleter))]
    public string? TableName { get; set; }

    /// <summary><para type="description">A new crawler schedule (Glue cron expression, UTC); an empty string makes the crawler on demand only.</para></summary>
    [Parameter]
    [Alias("Schedule")]
    [AllowEmptyString]
    public string? CrawlerSchedule { get; set; }

    /// <summary><para type="description">A new crawler name (the crawler is replaced).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CrawlerCompleter))]
    public string? CrawlerName { get; set; }

    /// <summary><para type="description">Replaces the stack's own tags (the module's kvsreporting:stack tag is kept). Without it the tags stay.</para></summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary><para type="description">Wait until the update is complete, showing its events.</para></summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary><para type="description">With -Wait: how many seconds to wait at most (default 1800).</para></summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 1800;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Chosen per record: a piped stack object carries both StackName and LocalPath, and only its LocalPath
        // says which engine it belongs to.
        if (!string.IsNullOrEmpty(Local))
        {
            await ProcessLocalAsync();
            return;
        }

        // The template would reject these too, but only after a change set round trip, and with CloudFormation's
        // wording; checked here they fail at once with the ids a local stack gives.
        LocalStackUpdate.Validate(TableName, CrawlerName, CrawlerSchedule);
        var connection = await GetAwsConnectionAsync();
        var region = connection.Region.SystemName;
        var endpoint = connection.EndpointFor(CloudFormationClient.Description);
        var cloudFormation = GetClient(connection, CloudFormationClient.Description, StackClients.CreateCloudFormation);
        var stack = await FindAsync(cloudFormation, region, cancellationToken);
        var stackId = stack.StackId ?? stack.StackName;

        var changeSetName = "kvs-update-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var changeSetId = changeSetName;
        DescribeChangeSetResponse? changeSet;
        try
        {
            var createdSet = await cloudFormation.CreateChangeSetAsync(
                new CreateChangeSetRequest
                {
                    StackName = stack.StackName,
                    ChangeSetName = changeSetName,
                    ChangeSetType = "UPDATE",
                    TemplateBody = ReportingTemplate.Yaml,
                    Parameters = Parameters(stack),
                    Capabilities = ["CAPABILITY_IAM"],
                    Tags = Tag is null ? null : StackClients.Tags(stack.StackName, Tag, "KvsUpdateStack"),
                    Description = $"Update-KvsReportingStack to template version {ReportingTemplate.TemplateVersion}",
                    ClientToken = "kvs-update-" + Guid.NewGuid().ToString("N"),
                },
                cancellationToken);
            changeSetId = createdSet.Id ?? changeSetName; // the ARN: unambiguous from here on
            var created = await CloudFormationWaiters.ChangeSetCreateCompleteAsync(cloudFormation, changeSetId, stack.StackName, new WaitOptions { MinDelay = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(5) }, cancellationToken);
            changeSet = created.Last;
        }
        catch (AmazonServiceException ex) when (IsNoChange(ex.Message))
        {
            changeSet = null; // an emulator says so at once instead of failing the change set
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, null, stack.StackName, $"stack '{stack.StackName}'"));
        }

        if (changeSet is null || (changeSet.Status == "FAILED" && IsNoChange(changeSet.StatusReason)))
        {
            await DeleteChangeSetQuietlyAsync(cloudFormation, changeSetId, stack.StackName, changeSet is not null);
            EmitVerbose($"Stack '{stack.StackName}' already matches the module's template and these settings: nothing to update.");
            Emit(AwsStackMapper.ToStack(stack, region, endpoint));
            return;
        }

        if (changeSet.Status == "FAILED")
        {
            await DeleteChangeSetQuietlyAsync(cloudFormation, changeSetId, stack.StackName, true);
            throw KvsErrors.Terminating(
                $"CloudFormation could not prepare the update of stack '{stack.StackName}': {changeSet.StatusReason}",
                "KvsUpdateStackChangeSetFailed",
                ErrorCategory.InvalidOperation,
                stack.StackName,
                "Fix the cause in the message; the stack is unchanged.");
        }

        var changes = (changeSet.Changes ?? []).Select(c => c.ResourceChange).OfType<ResourceChange>().ToList();
        foreach (var change in changes)
        {
            EmitVerbose("Change: " + Describe(change));
        }

        if (!await ShouldProcessAsync(ConfirmText(stack.StackName, region, changes), $"Apply {changes.Count} change(s) to stack '{stack.StackName}'?", "Update-KvsReportingStack"))
        {
            await DeleteChangeSetQuietlyAsync(cloudFormation, changeSetId, stack.StackName, true);
            return;
        }

        var events = new StackEventStream(cloudFormation, stackId);
        try
        {
            await events.SkipExistingAsync(cancellationToken);
            await cloudFormation.ExecuteChangeSetAsync(new ExecuteChangeSetRequest { ChangeSetName = changeSetId, StackName = stack.StackName, ClientRequestToken = "kvs-update-" + Guid.NewGuid().ToString("N") }, cancellationToken);
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, CloudFormationClient.ExecuteChangeSetOperation.Name, stack.StackName, $"stack '{stack.StackName}'"));
        }

        CloudFormationStack? final = null;
        if (Wait)
        {
            var activity = $"Updating stack {stack.StackName}";
            final = await new StackOperationWaiter(cloudFormation).WaitAsync(
                new StackOperation("Update", "KvsUpdateStack", stack.StackName, stackId, CloudFormationWaiters.ClassifyUpdate, Math.Max(1, changes.Count)),
                events,
                TimeSpan.FromSeconds(Timeout),
                e => EmitVerbose(StackOperationWaiter.Format(e)),
                (status, percent, elapsed) => EmitProgress(StackClients.Progress(ProgressId, activity, status, percent, elapsed)),
                cancellationToken);
            EmitProgress(StackClients.Completed(ProgressId, activity));
        }

        final ??= await cloudFormation.FindStackAsync(stackId, cancellationToken);
        Emit(AwsStackMapper.ToStack(final ?? stack, region, endpoint));
    }

    private async Task<CloudFormationStack> FindAsync(CloudFormationClient cloudFormation, string region, CancellationToken cancellationToken)
    {
        CloudFormationStack? stack;
        try
        {
            stack = await cloudFormation.FindStackAsync(StackName, cancellationToken);
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, CloudFormationClient.DescribeStacksOperation.Name, StackName, $"stack '{StackName}'"));
        }

        return stack ?? throw KvsErrors.Terminating(
            $"No stack named '{StackName}' exists in {region}.",
            "KvsUpdateStackNotFound",
            ErrorCategory.ObjectNotFound,
            StackName,
            "Check -StackName and -Region, or create the stack with New-KvsReportingStack.");
    }

    private List<Parameter> Parameters(CloudFormationStack stack) =>
        StackClients.Parameters(
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["DynamoDBTableName"] = TableName,
                ["CrawlerSchedule"] = CrawlerSchedule,
                ["CrawlerName"] = CrawlerName,
            },
            stack.Parameters);

    private static string Describe(ResourceChange change) =>
        $"{change.Action} {change.LogicalResourceId} ({change.ResourceType})" + (string.IsNullOrEmpty(change.Replacement) || change.Replacement == "False" ? string.Empty : $" replacement: {change.Replacement}");

    private static string ConfirmText(string stackName, string region, List<ResourceChange> changes)
    {
        var text = new StringBuilder($"Updating CloudFormation stack '{stackName}' in {region}: {changes.Count} change(s)");
        foreach (var change in changes)
        {
            text.Append("\n  ").Append(Describe(change));
        }

        return text.ToString();
    }

    private static bool IsNoChange(string? reason) =>
        reason is not null && NoChangeMarkers.Any(m => reason.Contains(m, StringComparison.OrdinalIgnoreCase));

    private async Task DeleteChangeSetQuietlyAsync(CloudFormationClient cloudFormation, string changeSetName, string stackName, bool exists)
    {
        if (!exists)
        {
            return;
        }

        try
        {
            await cloudFormation.DeleteChangeSetAsync(new DeleteChangeSetRequest { ChangeSetName = changeSetName, StackName = stackName }, CancellationToken.None);
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            // Leaving an unused change set behind is harmless; say so rather than fail the command.
            EmitVerbose($"Could not delete change set {changeSetName}: {ex.Message}");
        }
    }
}
