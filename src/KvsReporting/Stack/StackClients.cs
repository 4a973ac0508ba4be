using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Connection;
using KvsReporting.Errors;
using KvsReporting.Stack.Template;

namespace KvsReporting.Stack;

/// <summary>What the AWS stack cmdlets share: client construction, name rules, tags, progress.</summary>
internal static partial class StackClients
{
    public const string DefaultStackName = "kvs-license-reporting";

    public static CloudFormationClient CreateCloudFormation(AwsConnection connection) =>
        AwsClientFactory.Create(connection, CloudFormationClient.Description, static (credentials, config) => new CloudFormationClient(credentials, config));

    /// <summary>CloudFormation's own rule, checked before any call so the error names the parameter.</summary>
    public static void ValidateStackName(string stackName, string errorPrefix)
    {
        if (!StackNamePattern().IsMatch(stackName))
        {
            throw KvsErrors.Terminating(
                $"'{stackName}' is not a valid CloudFormation stack name: it must start with a letter and contain only letters, digits and hyphens (at most 128 characters).",
                errorPrefix + "InvalidName",
                ErrorCategory.InvalidArgument,
                stackName,
                "Choose a name such as kvs-license-reporting.");
        }
    }

    /// <summary>The module's tag (kvsreporting:stack = name) followed by the user's tags.</summary>
    public static List<Tag> Tags(string stackName, Hashtable? userTags, string errorPrefix)
    {
        var tags = new List<Tag> { new() { Key = ReportingTemplate.StackTagKey, Value = stackName } };
        foreach (DictionaryEntry entry in userTags ?? [])
        {
            var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || key == ReportingTemplate.StackTagKey || key.Length == 0)
            {
                throw KvsErrors.Terminating(
                    $"The tag key '{key}' cannot be used: keys starting with 'aws:' are reserved by AWS, and '{ReportingTemplate.StackTagKey}' is set by the module.",
                    errorPrefix + "InvalidTag",
                    ErrorCategory.InvalidArgument,
                    key,
                    "Use another tag key.");
            }

            tags.Add(new Tag { Key = key, Value = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? string.Empty });
        }

        return tags;
    }

    /// <summary>
    /// A value for every template parameter: the one given, else the stack's current one, else the template
    /// default. Always explicit (never UsePreviousValue, which some CloudFormation-compatible services honour only
    /// with the previous template), so "nothing changed" is recognised the same way everywhere.
    /// </summary>
    public static List<Parameter> Parameters(IReadOnlyDictionary<string, string?> given, IEnumerable<Parameter>? current)
    {
        var now = (current ?? []).Where(p => p.ParameterKey is not null).ToDictionary(p => p.ParameterKey!, p => p.ParameterValue ?? string.Empty, StringComparer.Ordinal);
        return ReportingTemplate.ParameterDefaults
            .Select(d => new Parameter
            {
                ParameterKey = d.Key,
                ParameterValue = given.GetValueOrDefault(d.Key) ?? (now.TryGetValue(d.Key, out var value) ? value : d.Value),
            })
            .ToList();
    }

    public static ProgressRecord Progress(int activityId, string activity, string status, int percent, TimeSpan elapsed) =>
        new(activityId, activity, $"{status} ({elapsed.TotalSeconds:0} s)") { PercentComplete = percent };

    public static ProgressRecord Completed(int activityId, string activity) =>
        new(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex StackNamePattern();
}
