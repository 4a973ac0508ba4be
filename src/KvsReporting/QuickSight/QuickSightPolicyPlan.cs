using System.Text.Json.Nodes;
using KvsReporting.Aws.Iam;

namespace KvsReporting.QuickSight;

/// <summary>What writing one inline policy would change: nothing (equivalent), a create, or an update.</summary>
public sealed record QuickSightPolicyPlan(string RoleName, string PolicyName, string? Current, string Desired)
{
    public bool Exists => Current is not null;

    /// <summary>True when the current document already means the same as the desired one.</summary>
    public bool IsEquivalent => Current is not null && PolicyDocumentComparer.AreEquivalent(Current, Desired);

    public IReadOnlyList<string> Difference =>
        IsEquivalent ? [] : TextDiff.Lines(Current is null ? string.Empty : PolicyDocumentComparer.Canonical(Current), PolicyDocumentComparer.Canonical(Desired))
            .Where(l => !l.StartsWith("  ", StringComparison.Ordinal) || Current is null)
            .ToList();
}

/// <summary>Reads a policy document's actions and resources and classifies its scope.</summary>
public static class QuickSightPolicyInspector
{
    public static KvsQuickSightPolicy Describe(string roleName, string policyName, string document, string status)
    {
        var actions = new List<string>();
        var resources = new List<string>();
        var root = JsonNode.Parse(document);
        var statements = root?["Statement"] switch
        {
            JsonArray array => array.ToList(),
            JsonNode one => [one],
            null => [],
        };
        foreach (var statement in statements.OfType<JsonObject>())
        {
            actions.AddRange(Items(statement["Action"]));
            resources.AddRange(Items(statement["Resource"]));
        }

        return new KvsQuickSightPolicy
        {
            RoleName = roleName,
            PolicyName = policyName,
            Document = document,
            Status = status,
            Actions = actions.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Resources = resources.Distinct(StringComparer.Ordinal).ToList(),
            Scope = ScopeOf(policyName, document, resources),
        };
    }

    private static string ScopeOf(string policyName, string document, List<string> resources)
    {
        var broad = policyName switch
        {
            QuickSightPolicyTemplates.LambdaPolicyName => QuickSightPolicyTemplates.LambdaPolicy(null, broad: true),
            QuickSightPolicyTemplates.S3PolicyName => QuickSightPolicyTemplates.S3Policy([], broad: true, QuickSightPolicyTemplates.PartitionOf(resources.FirstOrDefault())),
            _ => null,
        };
        if (broad is not null && PolicyDocumentComparer.AreEquivalent(document, broad))
        {
            return "Broad";
        }

        return resources.Count > 0 && resources.All(r => !r.Contains('*', StringComparison.Ordinal) || r.EndsWith("/*", StringComparison.Ordinal) || r.EndsWith(":*", StringComparison.Ordinal))
            ? "LeastPrivilege"
            : "Custom";
    }

    private static IEnumerable<string> Items(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(i => i!.GetValue<string>()),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}
