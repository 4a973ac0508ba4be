using System.Text;
using KvsReporting.Aws.CloudFormation;

namespace KvsReporting.Stack;

/// <summary>Explains a failed stack operation the way an operator reads the console: first cause, then the outcome.</summary>
internal static class StackFailure
{
    /// <summary>
    /// The first resource that failed, oldest first. Resources CloudFormation cancelled because another one
    /// failed ("Resource creation cancelled") are consequences, not causes, and are passed over.
    /// </summary>
    public static StackEvent? FirstFailedResource(IEnumerable<StackEvent> eventsOldestFirst, string stackName)
    {
        var failed = eventsOldestFirst
            .Where(e => e.ResourceStatus?.EndsWith("_FAILED", StringComparison.Ordinal) == true
                && e.ResourceType != "AWS::CloudFormation::Stack"
                && e.LogicalResourceId != stackName)
            .ToList();
        return failed.FirstOrDefault(e => !IsCancellation(e.ResourceStatusReason)) ?? failed.FirstOrDefault();
    }

    /// <summary>One message: what failed and why, then where the stack ended up.</summary>
    public static string Describe(string operation, string stackName, string? finalStatus, string? finalReason, IEnumerable<StackEvent> eventsOldestFirst)
    {
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{operation} of stack '{stackName}' failed");
        var cause = FirstFailedResource(eventsOldestFirst, stackName);
        if (cause is not null)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $": resource {cause.LogicalResourceId} ({cause.ResourceType}) {cause.ResourceStatus}: {cause.ResourceStatusReason ?? "no reason given"}.");
        }
        else
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $": {finalReason ?? "CloudFormation gave no reason"}.");
        }

        text.Append(' ').Append(Outcome(finalStatus));
        return text.ToString();
    }

    /// <summary>What the final status means for the user.</summary>
    public static string Outcome(string? status) => status switch
    {
        "ROLLBACK_COMPLETE" => "CloudFormation rolled the creation back (ROLLBACK_COMPLETE): the resources it had made are deleted; the failed stack remains until it is removed with Remove-KvsReportingStack.",
        "ROLLBACK_FAILED" => "The rollback failed too (ROLLBACK_FAILED): some resources remain. Check the stack events, then remove the stack with Remove-KvsReportingStack.",
        "ROLLBACK_IN_PROGRESS" => "CloudFormation is rolling the creation back (ROLLBACK_IN_PROGRESS).",
        "CREATE_FAILED" => "Rollback was disabled (CREATE_FAILED): the resources created so far remain.",
        "UPDATE_ROLLBACK_COMPLETE" => "CloudFormation rolled the update back (UPDATE_ROLLBACK_COMPLETE): the stack is as it was before.",
        "UPDATE_ROLLBACK_FAILED" => "The update rollback failed (UPDATE_ROLLBACK_FAILED): continue it in the CloudFormation console or with ContinueUpdateRollback.",
        "UPDATE_ROLLBACK_IN_PROGRESS" or "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS" => $"CloudFormation is rolling the update back ({status}).",
        "DELETE_FAILED" => "The stack remains (DELETE_FAILED): fix the cause and run Remove-KvsReportingStack again.",
        "DELETE_COMPLETE" => "The stack was deleted (DELETE_COMPLETE).",
        null => "The stack's final status is unknown.",
        _ => $"The stack is now {status}.",
    };

    private static bool IsCancellation(string? reason) =>
        reason is not null && (reason.Contains("cancelled", StringComparison.OrdinalIgnoreCase) || reason.Contains("canceled", StringComparison.OrdinalIgnoreCase));
}
