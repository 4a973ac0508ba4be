using System.Text.Json;
using System.Text.Json.Nodes;

namespace KvsReporting.Aws.Iam;

/// <summary>
/// Compares IAM policy documents by meaning, not text: a single Action/Resource string equals a one-item list,
/// action names are case-insensitive, list order and duplicates do not matter, statement order and Sids do not
/// matter. Two documents are equivalent when their canonical forms are equal.
/// </summary>
public static class PolicyDocumentComparer
{
    private static readonly string[] ListKeys = ["Action", "NotAction", "Resource", "NotResource"];

    public static bool AreEquivalent(string? left, string? right) =>
        string.Equals(Canonical(left), Canonical(right), StringComparison.Ordinal);

    /// <summary>The canonical, indented JSON of a document (also what -WhatIf diffs are made of).</summary>
    public static string Canonical(string? document)
    {
        if (string.IsNullOrWhiteSpace(document))
        {
            return string.Empty;
        }

        var root = JsonNode.Parse(document) as JsonObject
            ?? throw new FormatException("A policy document must be a JSON object.");
        var statements = root["Statement"] switch
        {
            JsonArray array => array.Select(s => s!.DeepClone()).ToList(),
            JsonNode single => [single.DeepClone()],
            null => [],
        };
        var canonicalStatements = statements
            .Select(s => CanonicalStatement((JsonObject)s!))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(s => s, StringComparer.Ordinal)
            .Select(s => JsonNode.Parse(s))
            .ToArray();
        var canonical = new JsonObject
        {
            ["Version"] = root["Version"]?.GetValue<string>() ?? "2008-10-17",
            ["Statement"] = new JsonArray(canonicalStatements),
        };
        return canonical.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string CanonicalStatement(JsonObject statement)
    {
        var result = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in statement)
        {
            if (key == "Sid")
            {
                continue;
            }

            if (ListKeys.Contains(key))
            {
                var items = value switch
                {
                    JsonArray array => array.Select(i => i!.GetValue<string>()),
                    JsonNode one => [one.GetValue<string>()],
                    null => [],
                };
                var normalised = items
                    .Select(i => key.EndsWith("Action", StringComparison.Ordinal) ? i.ToLowerInvariant() : i)
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(i => i, StringComparer.Ordinal)
                    .Select(i => (JsonNode?)JsonValue.Create(i))
                    .ToArray();
                result[key] = new JsonArray(normalised);
            }
            else
            {
                result[key] = Sorted(value?.DeepClone());
            }
        }

        return new JsonObject(result).ToJsonString();
    }

    /// <summary>Sorts object keys recursively so Principal and Condition blocks compare by content.</summary>
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(i => Sorted(i?.DeepClone())).ToArray()),
        _ => node,
    };
}
