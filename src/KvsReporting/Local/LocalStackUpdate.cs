using System.Management.Automation;
using System.Text.RegularExpressions;
using KvsReporting.Crawler;
using KvsReporting.Errors;

namespace KvsReporting.Local;

/// <summary>One setting a local stack update changes, shown like a change set's resource change.</summary>
public sealed record LocalStackChange(string Setting, string OldValue, string NewValue, string? Consequence)
{
    public override string ToString() =>
        $"Modify {Setting}: '{OldValue}' -> '{NewValue}'" + (Consequence is null ? string.Empty : $" ({Consequence})");
}

/// <summary>
/// The local counterpart of Update-KvsReportingStack's change set: which settings of stack.json change, checked
/// against the rules the template's parameters enforce on AWS, and the settings after the change.
/// </summary>
public sealed partial class LocalStackUpdate
{
    private LocalStackUpdate(LocalStackSettings updated, IReadOnlyList<LocalStackChange> changes)
    {
        Updated = updated;
        Changes = changes;
    }

    public LocalStackSettings Updated { get; }

    public IReadOnlyList<LocalStackChange> Changes { get; }

    /// <summary>
    /// Checks the values an update may change, on either engine (Update-KvsReportingStack on AWS checks them too,
    /// before any change set, so the same mistake fails the same way and at once). Null values are not checked.
    /// </summary>
    public static void Validate(string? tableName, string? crawlerName, string? schedule)
    {
        if (tableName is not null)
        {
            Check(TableNamePattern().IsMatch(tableName), "TableName", tableName, "3 to 255 letters, digits, underscores, hyphens or dots (DynamoDB table name rules)");
        }

        if (crawlerName is not null)
        {
            Check(CrawlerNamePattern().IsMatch(crawlerName), "CrawlerName", crawlerName, "1 to 255 letters, digits, underscores, hyphens or dots");
        }

        if (schedule is { Length: > 0 })
        {
            try
            {
                GlueCronSchedule.Parse(schedule);
            }
            catch (FormatException ex)
            {
                throw Invalid("CrawlerSchedule", schedule, ex.Message + " An empty string makes the crawler on demand only.");
            }
        }
    }

    /// <summary>Plans the update; null values keep the current setting. Invalid values are InvalidArgument errors.</summary>
    public static LocalStackUpdate Plan(LocalStackSettings current, string? tableName, string? crawlerName, string? schedule)
    {
        ArgumentNullException.ThrowIfNull(current);
        Validate(tableName, crawlerName, schedule);
        var changes = new List<LocalStackChange>();
        var updated = current;
        if (tableName is not null && !string.Equals(tableName, current.TableName, StringComparison.Ordinal))
        {
            // The crawler's target follows the stack's table, as the Glue crawler's DynamoDB target does.
            var source = current.CrawlSource is { Kind: LocalCrawlSourceKind.DynamoDB } dynamo && string.Equals(dynamo.TableName, current.TableName, StringComparison.Ordinal)
                ? dynamo with { TableName = tableName }
                : current.CrawlSource;
            updated = updated with { TableName = tableName, CrawlSource = source };
            changes.Add(new LocalStackChange(
                "TableName",
                current.TableName,
                tableName,
                $"the next crawl catalogs table '{LocalCatalog.GlueTableName(tableName)}'; rows crawled into '{LocalCatalog.GlueTableName(current.TableName)}' stay"));
        }

        if (crawlerName is not null && !string.Equals(crawlerName, current.CrawlerName, StringComparison.Ordinal))
        {
            updated = updated with { CrawlerName = crawlerName };
            changes.Add(new LocalStackChange("CrawlerName", current.CrawlerName, crawlerName, "replacement: the crawler starts without crawl history, as a replaced Glue crawler"));
        }

        if (schedule is not null && !string.Equals(schedule, current.Schedule, StringComparison.Ordinal))
        {
            updated = updated with { Schedule = schedule };
            changes.Add(new LocalStackChange("CrawlerSchedule", current.Schedule, schedule, schedule.Length == 0 ? "on demand only" : null));
        }

        return new LocalStackUpdate(updated, changes);
    }

    private static void Check(bool valid, string parameter, string value, string rule)
    {
        if (!valid)
        {
            throw Invalid(parameter, value, $"'{value}' is not a valid {parameter}: {rule}.");
        }
    }

    private static KvsErrorException Invalid(string parameter, string value, string message) =>
        KvsErrors.Terminating(
            message,
            $"KvsUpdateStackInvalid{parameter}",
            ErrorCategory.InvalidArgument,
            value,
            $"Give -{parameter} a valid value; the stack is unchanged.");

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-zA-Z0-9_.-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex CrawlerNamePattern();
}
