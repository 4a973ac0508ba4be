using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KvsReporting.Tests.Stack;

/// <summary>
/// Checks a CloudFormation template (JSON form) against AWS's published resource specification: every
/// resource type exists; every property exists, has the right shape (primitive, list, map, nested property
/// type) and required properties are present; Ref, Fn::GetAtt, Fn::Sub, Fn::If and DependsOn point at things
/// the template or the specification defines; parameter defaults satisfy their own AllowedPattern.
/// </summary>
public sealed class CfnSpecLinter
{
    private static readonly HashSet<string> PseudoParameters = new(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    private static readonly HashSet<string> TopLevelKeys = new(StringComparer.Ordinal)
    {
        "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions",
        "Transform", "Resources", "Outputs",
    };

    private static readonly HashSet<string> ResourceKeys = new(StringComparer.Ordinal)
    {
        "Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy", "UpdateReplacePolicy",
        "CreationPolicy", "UpdatePolicy",
    };

    private static readonly HashSet<string> ParameterTypes = new(StringComparer.Ordinal)
    {
        "String", "Number", "List<Number>", "CommaDelimitedList",
    };

    private readonly JsonObject resourceTypes;
    private readonly JsonObject propertyTypes;
    private readonly List<string> problems = [];
    private JsonObject template = [];

    public CfnSpecLinter(JsonObject specification)
    {
        resourceTypes = (JsonObject)specification["ResourceTypes"]!;
        propertyTypes = (JsonObject)specification["PropertyTypes"]!;
        SpecificationVersion = specification["ResourceSpecificationVersion"]?.GetValue<string>() ?? "?";
    }

    public string SpecificationVersion { get; }

    public int ResourceTypeCount => resourceTypes.Count;

    /// <summary>Installs the pinned specification (tests/rig/install-cfn-spec.sh) and loads it.</summary>
    public static CfnSpecLinter LoadInstalled()
    {
        var script = Path.Combine(TestEnvironment.RepoRoot, "tests", "rig", "install-cfn-spec.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"install-cfn-spec.sh failed ({process.ExitCode}): {stderr}");
        }

        var path = stdout.Trim().Split('\n')[^1];
        return new CfnSpecLinter((JsonObject)JsonNode.Parse(File.ReadAllText(path))!);
    }

    public IReadOnlyList<string> Lint(JsonObject document)
    {
        problems.Clear();
        template = document;
        foreach (var (key, _) in document)
        {
            Check(TopLevelKeys.Contains(key), $"unknown top-level section '{key}'");
        }

        LintParameters();
        LintConditions();
        if (document["Resources"] is not JsonObject resources || resources.Count == 0)
        {
            problems.Add("the template has no Resources");
            return problems.ToList();
        }

        foreach (var (logicalId, node) in resources)
        {
            LintResource(logicalId, node as JsonObject);
        }

        foreach (var (name, output) in document["Outputs"] as JsonObject ?? [])
        {
            Check(output?["Value"] is not null, $"Outputs.{name}: no Value");
            LintIntrinsics(output?["Value"], $"Outputs.{name}.Value");
            if (output?["Condition"] is JsonValue cond)
            {
                Check(Conditions.Contains(cond.GetValue<string>()), $"Outputs.{name}: unknown condition");
            }
        }

        return problems.ToList();
    }

    private JsonObject Parameters => template[nameof(Parameters)] as JsonObject ?? [];

    private JsonObject ResourcesSection => template["Resources"] as JsonObject ?? [];

    private HashSet<string> Conditions => (template[nameof(Conditions)] as JsonObject ?? []).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

    private void LintParameters()
    {
        foreach (var (name, node) in Parameters)
        {
            var type = node?["Type"]?.GetValue<string>();
            Check(type is not null && (ParameterTypes.Contains(type) || type.StartsWith("AWS::", StringComparison.Ordinal) || type.StartsWith("List<AWS::", StringComparison.Ordinal)),
                $"Parameters.{name}: invalid Type '{type}'");
            if (node?["AllowedPattern"]?.GetValue<string>() is { } pattern && node["Default"]?.ToString() is { } value)
            {
                // CloudFormation matches AllowedPattern against the whole value.
                Check(Regex.IsMatch(value, $"^(?:{pattern})$"), $"Parameters.{name}: Default '{value}' does not match AllowedPattern");
            }
        }
    }

    private void LintConditions()
    {
        foreach (var (name, node) in template[nameof(Conditions)] as JsonObject ?? [])
        {
            LintIntrinsics(node, $"Conditions.{name}");
        }
    }

    private void LintResource(string logicalId, JsonObject? resource)
    {
        var at = $"Resources.{logicalId}";
        if (resource is null)
        {
            problems.Add($"{at}: not a mapping");
            return;
        }

        foreach (var (key, _) in resource)
        {
            Check(ResourceKeys.Contains(key), $"{at}: unknown attribute '{key}'");
        }

        var type = resource["Type"]?.GetValue<string>();
        if (type is null || resourceTypes[type] is not JsonObject spec)
        {
            problems.Add($"{at}: unknown resource type '{type}'");
            return;
        }

        foreach (var dependency in resource["DependsOn"] switch { JsonArray a => a.Select(d => d!.GetValue<string>()), JsonValue v => [v.GetValue<string>()], _ => [] })
        {
            Check(ResourcesSection.ContainsKey(dependency), $"{at}.DependsOn: unknown resource '{dependency}'");
        }

        if (resource["Condition"] is JsonValue condition)
        {
            Check(Conditions.Contains(condition.GetValue<string>()), $"{at}.Condition: unknown condition");
        }

        LintProperties(type, spec["Properties"] as JsonObject ?? [], resource["Properties"], $"{at}.Properties");
    }

    private void LintProperties(string resourceType, JsonObject specProperties, JsonNode? value, string at)
    {
        if (IsIntrinsic(value, out _))
        {
            LintIntrinsics(value, at);
            return;
        }

        if (value is not null and not JsonObject)
        {
            problems.Add($"{at}: expected a mapping");
            return;
        }

        var properties = value as JsonObject ?? [];
        foreach (var (name, propertySpec) in specProperties)
        {
            if (propertySpec?["Required"]?.GetValue<bool>() == true)
            {
                Check(properties.ContainsKey(name), $"{at}: required property '{name}' is missing");
            }
        }

        foreach (var (name, propertyValue) in properties)
        {
            if (specProperties[name] is not JsonObject propertySpec)
            {
                problems.Add($"{at}: unknown property '{name}'");
                continue;
            }

            LintValue(resourceType, propertySpec, propertyValue, $"{at}.{name}");
        }
    }

    private void LintValue(string resourceType, JsonObject propertySpec, JsonNode? value, string at)
    {
        if (IsIntrinsic(value, out var function))
        {
            LintIntrinsics(value, at);
            if (function == "Fn::If" && value!["Fn::If"] is JsonArray { Count: 3 } branches)
            {
                LintValue(resourceType, propertySpec, branches[1], $"{at}[if-true]");
                LintValue(resourceType, propertySpec, branches[2], $"{at}[if-false]");
            }

            return;
        }

        if (propertySpec["PrimitiveType"]?.GetValue<string>() is { } primitive)
        {
            LintPrimitive(primitive, value, at);
            return;
        }

        var type = propertySpec["Type"]?.GetValue<string>();
        if (type is "List" or "Map")
        {
            IEnumerable<(string Key, JsonNode? Item)> items;
            if (type == "List" && value is JsonArray array)
            {
                items = array.Select((item, i) => ($"[{i}]", item));
            }
            else if (type == "Map" && value is JsonObject map)
            {
                items = map.Select(kv => ($".{kv.Key}", kv.Value));
            }
            else
            {
                problems.Add($"{at}: expected a {(type == "List" ? "list" : "map")}");
                return;
            }

            foreach (var (key, item) in items)
            {
                if (propertySpec["PrimitiveItemType"]?.GetValue<string>() is { } itemPrimitive)
                {
                    LintValue(resourceType, new JsonObject { ["PrimitiveType"] = itemPrimitive }, item, at + key);
                }
                else
                {
                    LintNested(resourceType, propertySpec["ItemType"]!.GetValue<string>(), item, at + key);
                }
            }

            return;
        }

        LintNested(resourceType, type!, value, at);
    }

    private void LintNested(string resourceType, string typeName, JsonNode? value, string at)
    {
        if (IsIntrinsic(value, out var function))
        {
            LintIntrinsics(value, at);
            if (function == "Fn::If" && value!["Fn::If"] is JsonArray { Count: 3 } branches)
            {
                LintNested(resourceType, typeName, branches[1], $"{at}[if-true]");
                LintNested(resourceType, typeName, branches[2], $"{at}[if-false]");
            }

            return;
        }

        var spec = propertyTypes[$"{resourceType}.{typeName}"] ?? propertyTypes[typeName];
        if (spec?["Properties"] is not JsonObject nested)
        {
            problems.Add($"{at}: the specification has no property type '{resourceType}.{typeName}'");
            return;
        }

        LintProperties(resourceType, nested, value, at);
    }

    private void LintPrimitive(string primitive, JsonNode? value, string at)
    {
        var kind = value?.GetValueKind();
        var ok = primitive switch
        {
            "String" => kind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            "Integer" or "Long" => kind == System.Text.Json.JsonValueKind.Number ? IsWhole(value!) : kind == System.Text.Json.JsonValueKind.String && long.TryParse(value!.GetValue<string>(), out _),
            "Double" => kind == System.Text.Json.JsonValueKind.Number || (kind == System.Text.Json.JsonValueKind.String && double.TryParse(value!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _)),
            "Boolean" => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False || (kind == System.Text.Json.JsonValueKind.String && value!.GetValue<string>() is "true" or "false"),
            "Timestamp" => kind == System.Text.Json.JsonValueKind.String,
            "Json" => kind is System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.String,
            _ => false,
        };
        Check(ok, $"{at}: expected {primitive}, got {kind?.ToString() ?? "null"}");
        if (primitive == "Json")
        {
            LintIntrinsics(value, at);
        }
    }

    private static bool IsWhole(JsonNode value) => double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) % 1 == 0;

    private static bool IsIntrinsic(JsonNode? value, out string? function)
    {
        function = null;
        if (value is JsonObject { Count: 1 } obj)
        {
            var key = obj.First().Key;
            if (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal))
            {
                function = key;
                return true;
            }
        }

        return false;
    }

    // Walks any value (including policy documents) and checks every intrinsic function's references.
    private void LintIntrinsics(JsonNode? node, string at)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    LintIntrinsics(array[i], $"{at}[{i}]");
                }

                break;
            case JsonObject obj when IsIntrinsic(obj, out var function):
                LintFunction(function!, obj[function!], at);
                break;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    LintIntrinsics(child, $"{at}.{key}");
                }

                break;
        }
    }

    private void LintFunction(string function, JsonNode? argument, string at)
    {
        switch (function)
        {
            case "Ref":
                var name = argument?.GetValue<string>() ?? string.Empty;
                Check(PseudoParameters.Contains(name) || Parameters.ContainsKey(name) || ResourcesSection.ContainsKey(name), $"{at}: Ref to unknown '{name}'");
                break;
            case "Fn::GetAtt":
                if (argument is JsonArray { Count: 2 } pair && pair[0] is JsonValue && pair[1] is JsonValue)
                {
                    CheckAttribute(pair[0]!.GetValue<string>(), pair[1]!.GetValue<string>(), at);
                }
                else
                {
                    problems.Add($"{at}: Fn::GetAtt needs [resource, attribute]");
                }

                break;
            case "Fn::Sub":
                var (text, variables) = argument switch
                {
                    JsonValue v => (v.GetValue<string>(), new JsonObject()),
                    JsonArray { Count: 2 } a => (a[0]!.GetValue<string>(), a[1] as JsonObject ?? []),
                    _ => (string.Empty, new JsonObject()),
                };
                foreach (Match m in Regex.Matches(text, @"\$\{([^!}][^}]*)\}"))
                {
                    var reference = m.Groups[1].Value;
                    if (variables.ContainsKey(reference))
                    {
                        continue;
                    }

                    var dot = reference.IndexOf('.', StringComparison.Ordinal);
                    if (dot > 0 && !reference.StartsWith("AWS::", StringComparison.Ordinal))
                    {
                        CheckAttribute(reference[..dot], reference[(dot + 1)..], at);
                    }
                    else
                    {
                        Check(PseudoParameters.Contains(reference) || Parameters.ContainsKey(reference) || ResourcesSection.ContainsKey(reference), $"{at}: Fn::Sub variable '${{{reference}}}' is not defined");
                    }
                }

                LintIntrinsics(variables, at);
                break;
            case "Fn::If":
                if (argument is JsonArray { Count: 3 } branches && branches[0] is JsonValue condition)
                {
                    Check(Conditions.Contains(condition.GetValue<string>()), $"{at}: Fn::If on unknown condition '{condition}'");
                    LintIntrinsics(branches[1], at);
                    LintIntrinsics(branches[2], at);
                }
                else
                {
                    problems.Add($"{at}: Fn::If needs [condition, then, else]");
                }

                break;
            case "Fn::Not" or "Fn::And" or "Fn::Or" or "Fn::Equals" or "Fn::Join" or "Fn::Select" or "Fn::Split" or "Fn::Base64" or "Fn::GetAZs" or "Fn::FindInMap" or "Fn::ImportValue" or "Fn::Cidr":
                LintIntrinsics(argument, at);
                break;
            default:
                problems.Add($"{at}: unknown intrinsic function '{function}'");
                break;
        }
    }

    private void CheckAttribute(string logicalId, string attribute, string at)
    {
        var type = ResourcesSection[logicalId]?["Type"]?.GetValue<string>();
        if (type is null)
        {
            problems.Add($"{at}: GetAtt on unknown resource '{logicalId}'");
            return;
        }

        var attributes = resourceTypes[type]?["Attributes"] as JsonObject ?? [];
        Check(attributes.ContainsKey(attribute), $"{at}: {type} has no attribute '{attribute}'");
    }

    private void Check(bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
