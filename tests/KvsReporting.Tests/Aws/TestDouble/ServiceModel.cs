using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KvsReporting.Tests.Aws.TestDouble;

/// <summary>
/// One botocore service model (service-2.json) and checks of REST-JSON requests and responses against it:
/// operation found by method and URI template, member names and casing, required members, types, enums,
/// lengths, ranges and patterns. Used by the test double so what it accepts and returns is what AWS defines.
/// </summary>
public sealed class ServiceModel
{
    private readonly JsonObject shapes;
    private readonly JsonObject operations;

    private ServiceModel(JsonObject root)
    {
        shapes = root["shapes"]!.AsObject();
        operations = root["operations"]!.AsObject();
        Metadata = root["metadata"]!.AsObject();
    }

    public JsonObject Metadata { get; }

    public string SigningName => (string?)Metadata["signingName"] ?? (string)Metadata["endpointPrefix"]!;

    public static ServiceModel Load(string botocoreData, string service)
    {
        var versionDir = Directory.GetDirectories(Path.Combine(botocoreData, service)).OrderByDescending(d => d, StringComparer.Ordinal).First();
        return new ServiceModel(JsonNode.Parse(File.ReadAllText(Path.Combine(versionDir, "service-2.json")))!.AsObject());
    }

    /// <summary>The operation whose method and URI template match, with the URI members (unescaped).</summary>
    public (string Operation, Dictionary<string, string> UriMembers)? Match(string method, string path)
    {
        foreach (var (name, node) in operations)
        {
            var http = node!["http"]!;
            if (!string.Equals((string)http["method"]!, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var template = ((string)http["requestUri"]!).Split('?')[0];
            var names = new List<string>();
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{([A-Za-z0-9_]+)(\+?)}", m =>
            {
                names.Add(m.Groups[1].Value);
                return m.Groups[2].Value == "+" ? "(.+)" : "([^/]+)";
            }) + "$";
            var match = Regex.Match(path, pattern);
            if (match.Success)
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < names.Count; i++)
                {
                    values[names[i]] = Uri.UnescapeDataString(match.Groups[i + 1].Value);
                }

                return (name, values);
            }
        }

        return null;
    }

    public int ResponseCode(string operation) => (int?)operations[operation]!["http"]!["responseCode"] ?? 200;

    /// <summary>Violations of the operation's input shape by a request's URI, query string and JSON body.</summary>
    public List<string> ValidateRequest(string operation, IReadOnlyDictionary<string, string> uriMembers, NameValueCollection query, JsonNode? body)
    {
        var errors = new List<string>();
        var inputName = (string?)operations[operation]!["input"]?["shape"];
        if (inputName is null)
        {
            return errors;
        }

        var input = shapes[inputName]!.AsObject();
        var required = Required(input);
        var bodyMembers = new Dictionary<string, (string Member, JsonObject Ref)>(StringComparer.Ordinal);
        foreach (var (member, refNode) in input["members"]!.AsObject())
        {
            var memberRef = refNode!.AsObject();
            var location = (string?)memberRef["location"];
            var wire = (string?)memberRef["locationName"] ?? member;
            var shape = (string)memberRef["shape"]!;
            switch (location)
            {
                case "uri":
                    if (uriMembers.TryGetValue(wire, out var uriValue))
                    {
                        Validate(shape, JsonValue.Create(uriValue), $"{operation}.{member}(uri)", errors);
                    }
                    else if (required.Contains(member))
                    {
                        errors.Add($"{operation}: required URI member {member} missing");
                    }

                    break;
                case "querystring":
                    if (query[wire] is { } text)
                    {
                        Validate(shape, TypedScalar(shape, text), $"{operation}.{member}(query {wire})", errors);
                    }
                    else if (required.Contains(member))
                    {
                        errors.Add($"{operation}: required query member {wire} missing");
                    }

                    break;
                case "header" or "headers" or "statusCode":
                    break;
                default:
                    bodyMembers[wire] = (member, memberRef);
                    break;
            }
        }

        foreach (var key in query.AllKeys.Where(k => k is not null))
        {
            if (!input["members"]!.AsObject().Any(m => (string?)m.Value!["location"] == "querystring" && ((string?)m.Value["locationName"] ?? m.Key) == key))
            {
                errors.Add($"{operation}: unknown query parameter '{key}'");
            }
        }

        ValidateBody(operation, bodyMembers, required, body, errors);
        return errors;
    }

    /// <summary>Violations of the operation's output shape by a response body.</summary>
    public List<string> ValidateResponse(string operation, JsonNode? body)
    {
        var errors = new List<string>();
        var outputName = (string?)operations[operation]!["output"]?["shape"];
        if (outputName is null)
        {
            return errors;
        }

        var output = shapes[outputName]!.AsObject();
        var bodyMembers = output["members"]!.AsObject()
            .Where(m => m.Value!["location"] is null)
            .ToDictionary(m => (string?)m.Value!["locationName"] ?? m.Key, m => (m.Key, m.Value!.AsObject()), StringComparer.Ordinal);
        // QuickSight repeats its statusCode member (Status) in the body; SDKs ignore it there.
        var located = output["members"]!.AsObject().Where(m => m.Value!["location"] is not null).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var bodyOnly = body is JsonObject obj ? new JsonObject(obj.Where(p => !located.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))) : body;
        ValidateBody(operation + " response", bodyMembers, Required(output), bodyOnly, errors);
        return errors;
    }

    private void ValidateBody(string context, Dictionary<string, (string Member, JsonObject Ref)> members, HashSet<string> required, JsonNode? body, List<string> errors)
    {
        var obj = body as JsonObject;
        if (body is not null && obj is null)
        {
            errors.Add($"{context}: body is not a JSON object");
            return;
        }

        foreach (var (key, value) in obj ?? [])
        {
            if (!members.TryGetValue(key, out var member))
            {
                errors.Add($"{context}: unknown member '{key}'");
                continue;
            }

            Validate((string)member.Ref["shape"]!, value, $"{context}.{key}", errors);
        }

        foreach (var (wire, member) in members)
        {
            if (required.Contains(member.Member) && (obj is null || !obj.ContainsKey(wire)))
            {
                errors.Add($"{context}: required member '{wire}' missing");
            }
        }
    }

    private void Validate(string shapeName, JsonNode? value, string path, List<string> errors)
    {
        var shape = shapes[shapeName]!.AsObject();
        var type = (string)shape["type"]!;
        if (value is null)
        {
            errors.Add($"{path}: null");
            return;
        }

        switch (type)
        {
            case "structure":
                if (value is not JsonObject obj)
                {
                    errors.Add($"{path}: expected an object ({shapeName})");
                    return;
                }

                var members = shape["members"]!.AsObject();
                foreach (var (key, child) in obj)
                {
                    var member = members.FirstOrDefault(m => ((string?)m.Value!["locationName"] ?? m.Key) == key);
                    if (member.Key is null)
                    {
                        errors.Add($"{path}: unknown member '{key}' of {shapeName}");
                        continue;
                    }

                    Validate((string)member.Value!["shape"]!, child, $"{path}.{key}", errors);
                }

                foreach (var req in Required(shape))
                {
                    var wire = (string?)members[req]!["locationName"] ?? req;
                    if (!obj.ContainsKey(wire))
                    {
                        errors.Add($"{path}: required member '{wire}' of {shapeName} missing");
                    }
                }

                if (shape["union"] is JsonValue union && (bool)union && obj.Count != 1)
                {
                    errors.Add($"{path}: union {shapeName} must set exactly one member, sets {obj.Count}");
                }

                return;
            case "list":
                if (value is not JsonArray array)
                {
                    errors.Add($"{path}: expected a list ({shapeName})");
                    return;
                }

                Range(shape, array.Count, path, "items", errors);
                for (var i = 0; i < array.Count; i++)
                {
                    Validate((string)shape["member"]!["shape"]!, array[i], $"{path}[{i}]", errors);
                }

                return;
            case "map":
                if (value is not JsonObject map)
                {
                    errors.Add($"{path}: expected a map ({shapeName})");
                    return;
                }

                Range(shape, map.Count, path, "entries", errors);
                foreach (var (key, child) in map)
                {
                    Validate((string)shape["key"]!["shape"]!, JsonValue.Create(key), $"{path}<key {key}>", errors);
                    Validate((string)shape["value"]!["shape"]!, child, $"{path}[{key}]", errors);
                }

                return;
            case "string":
                if (value is not JsonValue sv || sv.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{path}: expected a string ({shapeName})");
                    return;
                }

                var text = sv.GetValue<string>();
                if (shape["enum"] is JsonArray allowed && !allowed.Any(a => (string?)a == text))
                {
                    errors.Add($"{path}: '{text}' is not one of {string.Join("|", allowed)}");
                }

                Range(shape, text.Length, path, "characters", errors);
                if (shape["pattern"] is JsonValue pattern && !FullMatch((string)pattern!, text))
                {
                    errors.Add($"{path}: '{text}' does not match {pattern}");
                }

                return;
            case "integer" or "long":
                if (value is not JsonValue iv || iv.GetValueKind() != JsonValueKind.Number || !long.TryParse(iv.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    errors.Add($"{path}: expected an integer ({shapeName})");
                    return;
                }

                Range(shape, number, path, "value", errors);
                return;
            case "double" or "float":
                if (value is not JsonValue dv || dv.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{path}: expected a number ({shapeName})");
                }

                return;
            case "boolean":
                if (value is not JsonValue bv || bv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: expected a boolean ({shapeName})");
                }

                return;
            case "timestamp":
                if (value is not JsonValue tv || tv.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String))
                {
                    errors.Add($"{path}: expected a timestamp ({shapeName})");
                }

                return;
            default:
                return;
        }
    }

    private static void Range(JsonObject shape, long size, string path, string unit, List<string> errors)
    {
        if (shape["min"] is JsonValue min && size < (long)min)
        {
            errors.Add($"{path}: {size} {unit}, at least {min} required");
        }

        if (shape["max"] is JsonValue max && size > (long)max)
        {
            errors.Add($"{path}: {size} {unit}, at most {max} allowed");
        }
    }

    private static bool FullMatch(string pattern, string text)
    {
        try
        {
            var anchored = pattern.StartsWith('^') ? pattern : "^(?:" + pattern + ")$";
            return Regex.IsMatch(text, anchored, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true; // a Java-only construct .NET cannot compile: not checkable here
        }
    }

    private JsonNode? TypedScalar(string shapeName, string text) =>
        (string)shapes[shapeName]!["type"]! switch
        {
            "integer" or "long" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            "boolean" => JsonValue.Create(text == "true"),
            _ => JsonValue.Create(text),
        };

    private static HashSet<string> Required(JsonObject shape) =>
        (shape["required"] as JsonArray)?.Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
}
