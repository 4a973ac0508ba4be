using KvsReporting.Aws.CloudFormation;
using KvsReporting.Stack.Template;

namespace KvsReporting.Stack;

/// <summary>Turns a CloudFormation stack into the module's <see cref="KvsReportingStack"/>.</summary>
internal static class AwsStackMapper
{
    public static KvsReportingStack ToStack(CloudFormationStack stack, string region, Uri? endpoint)
    {
        var outputs = (stack.Outputs ?? [])
            .Where(o => o.OutputKey is not null)
            .ToDictionary(o => o.OutputKey!, o => o.OutputValue ?? string.Empty, StringComparer.Ordinal);
        var parameters = (stack.Parameters ?? [])
            .Where(p => p.ParameterKey is not null)
            .ToDictionary(p => p.ParameterKey!, p => p.ParameterValue ?? string.Empty, StringComparer.Ordinal);
        var defaults = ReportingTemplate.ParameterDefaults;

        // An output wins; before the stack has outputs (still creating) the parameters say what the names will be.
        string Named(string output, string parameter) =>
            outputs.TryGetValue(output, out var value) && value.Length > 0 ? value
            : parameters.TryGetValue(parameter, out var given) && given.Length > 0 ? given
            : defaults.GetValueOrDefault(parameter, string.Empty);
        string? Output(string key) => outputs.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        var database = Named("GlueDatabase", "GlueDatabaseName");
        return new KvsReportingStack
        {
            Kind = KvsStackKind.Aws,
            StackName = stack.StackName,
            StackId = stack.StackId,
            Status = stack.StackStatus,
            StatusReason = stack.StackStatusReason,
            Region = region,
            Account = AccountOf(stack.StackId),
            EndpointUrl = endpoint?.ToString(),
            TableName = Named("TableName", "DynamoDBTableName"),
            CreationTime = stack.CreationTime == default ? null : stack.CreationTime,
            LastUpdatedTime = stack.LastUpdatedTime,
            SpillBucket = Output("SpillBucket"),
            SpillBucketDomainName = Output("SpillBucketDomainName"),
            QueryResultBucket = Output("QueryResultBucket"),
            ResultLocation = Output("ResultLocation"),
            GlueDatabase = database,
            Database = database,
            CrawlerName = Named("CrawlerName", "CrawlerName"),
            WorkGroup = Named("WorkGroup", "WorkGroupName"),
            GlueRoleArn = Output("GlueRoleArn"),
            AthenaRoleArn = Output("AthenaRoleArn"),
            QuickSightRoleArn = Output("QuickSightRoleArn"),
            Outputs = outputs,
            Tags = (stack.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
        };
    }

    /// <summary>The account from a stack ARN (arn:partition:cloudformation:region:account:stack/name/id).</summary>
    public static string? AccountOf(string? stackId)
    {
        var parts = stackId?.Split(':');
        return parts is { Length: >= 6 } && parts[0] == "arn" && parts[4].Length > 0 ? parts[4] : null;
    }

    /// <summary>True when the stack carries the module's tag.</summary>
    public static bool IsModuleStack(CloudFormationStack stack) =>
        (stack.Tags ?? []).Any(t => t.Key == ReportingTemplate.StackTagKey);
}
