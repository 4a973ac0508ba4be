using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KvsReporting.Aws.Iam;

/// <summary>
/// A local reading of identity policies: does some Allow statement cover an action on a resource, with no
/// Deny covering it? Wildcards (* and ?) in actions and resources as IAM matches them; conditions are not
/// evaluated (a conditional allow counts as an allow). Used when IAM's SimulatePrincipalPolicy is unavailable.
/// </summary>
public static class PolicyEvaluator
{
    public static bool Allows(IEnumerable<string> documents, string action, string resource)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var allowed = false;
        foreach (var statement in documents.SelectMany(Statements))
        {
            if (!Covers(statement, action, resource))
            {
                continue;
            }

            if (string.Equals((string?)statement["Effect"], "Deny", StringComparison.Ordinal))
            {
                return false;
            }

            allowed = true;
        }

        return allowed;
    }

    private static IEnumerable<JsonObject> Statements(string document)
    {
        var root = JsonNode.Parse(document);
        return root?["Statement"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject one => [one],
            _ => [],
        };
    }

    private static bool Covers(JsonObject statement, string action, string resource)
    {
        var actionMatch = statement.ContainsKey("NotAction")
            ? !Items(statement["NotAction"]).Any(p => Matches(p, action, ignoreCase: true))
            : Items(statement["Action"]).Any(p => Matches(p, action, ignoreCase: true));
        var resourceMatch = statement.ContainsKey("NotResource")
            ? !Items(statement["NotResource"]).Any(p => Matches(p, resource, ignoreCase: false))
            : Items(statement["Resource"]).Any(p => Matches(p, resource, ignoreCase: false));
        return actionMatch && resourceMatch;
    }

    private static bool Matches(string pattern, string value, bool ignoreCase)
    {
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value, regex, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static IEnumerable<string> Items(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(i => i!.GetValue<string>()),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}
