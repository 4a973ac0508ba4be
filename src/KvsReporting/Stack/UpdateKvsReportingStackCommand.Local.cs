using System.Management.Automation;
using System.Text;
using KvsReporting.Errors;
using KvsReporting.Local;

namespace KvsReporting.Stack;

/// <summary>Update-KvsReportingStack -Local: the settings of a local stack, planned and confirmed like a change set.</summary>
public sealed partial class UpdateKvsReportingStackCommand
{
    private async Task ProcessLocalAsync()
    {
        var (folder, bound) = await InvokeOnPipeline(() => (GetUnresolvedProviderPathFromPSPath(Local), new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase)));
        if (bound.Contains(nameof(Tag)))
        {
            throw KvsErrors.Terminating(
                "-Tag cannot apply to a local stack: tags belong to the CloudFormation stack and its AWS resources, and a local stack has none.",
                "KvsUpdateStackParameterNotLocal",
                ErrorCategory.InvalidArgument,
                nameof(Tag),
                "Leave -Tag out for a local stack; tag the AWS stack with Update-KvsReportingStack -StackName <name> -Tag @{...}.");
        }

        if (!LocalStackStore.IsStack(folder))
        {
            throw KvsErrors.Terminating(
                $"No local reporting stack was found in '{Path.GetFullPath(folder)}'.",
                "KvsUpdateStackNotFound",
                ErrorCategory.ObjectNotFound,
                Path.GetFullPath(folder),
                "Check -Local, or create the stack with New-KvsReportingStack -Local <folder>.");
        }

        var store = new LocalStackStore();
        var current = store.ReadSettings(folder);
        var stack = store.Open(folder);
        if (bound.Contains(nameof(StackName)) && !string.Equals(StackName, current.StackName, StringComparison.Ordinal))
        {
            throw KvsErrors.Terminating(
                $"No stack named '{StackName}' exists in '{stack.LocalPath}': the local stack there is '{current.StackName}'.",
                "KvsUpdateStackNotFound",
                ErrorCategory.ObjectNotFound,
                StackName,
                $"Leave -StackName out with -Local (or give -StackName {current.StackName}); a stack cannot be renamed.");
        }

        var plan = LocalStackUpdate.Plan(current, TableName, CrawlerName, CrawlerSchedule);
        if (plan.Changes.Count == 0)
        {
            EmitVerbose($"The local stack '{current.StackName}' in '{stack.LocalPath}' already has these settings: nothing to update.");
            Emit(stack);
            return;
        }

        foreach (var change in plan.Changes)
        {
            EmitVerbose("Change: " + change);
        }

        if (!await ShouldProcessAsync(LocalConfirmText(current.StackName, stack.LocalPath!, plan.Changes), $"Apply {plan.Changes.Count} change(s) to the local stack '{current.StackName}'?", "Update-KvsReportingStack"))
        {
            return;
        }

        if (new LocalCrawler(folder).IsRunning)
        {
            throw KvsErrors.Terminating(
                $"The crawler of the local stack '{current.StackName}' in '{stack.LocalPath}' is crawling; its settings cannot change meanwhile.",
                "KvsUpdateStackCrawlerRunning",
                ErrorCategory.ResourceBusy,
                stack.LocalPath,
                "Wait for the crawl to finish (Wait-KvsCrawler -Local), then update the stack.");
        }

        store.WriteSettings(folder, plan.Updated);
        Emit(store.Open(folder));
    }

    private static string LocalConfirmText(string stackName, string folder, IReadOnlyList<LocalStackChange> changes)
    {
        var text = new StringBuilder($"Updating the local stack '{stackName}' in '{folder}': {changes.Count} change(s)");
        foreach (var change in changes)
        {
            text.Append("\n  ").Append(change);
        }

        return text.ToString();
    }
}
