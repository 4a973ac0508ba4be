using System.Text.Json;

namespace KvsReporting.AwsConformance;

/// <summary>
/// Validates a JSON document against a shape: member names and casing, required members, types, enums,
/// lengths, ranges and patterns. Used for JSON/REST-JSON request bodies and for response fixtures.
/// </summary>
internal sealed class JsonShapeValidator(ServiceModel model)
{
    /// <param name="skipLocated">REST-JSON bodies: members bound to URI/query/header must not be in the body.</param>
    public void Validate(JsonElement value, string shapeName, string path, List<string> problems, bool skipLocated = false, bool checkRequired = true)
    {
        var shape = model.Shape(shapeName);
        var type = ServiceModel.Type(shape);
        switch (type)
        {
            case "structure":
                Structure(value, shape, path, problems, skipLocated, checkRequired);
                break;
            case "list":
                if (Expect(value, JsonValueKind.Array, path, problems))
                {
                    var items = value.EnumerateArray().ToList();
                    ValueChecks.Count(shape, items.Count, path, problems);
                    for (var i = 0; i < items.Count; i++)
                    {
                        Validate(items[i], ServiceModel.ShapeName(shape.GetProperty("member")), $"{path}[{i}]", problems, checkRequired: checkRequired);
                    }
                }

                break;
            case "map":
                if (Expect(value, JsonValueKind.Object, path, problems))
                {
                    var keyShape = model.Shape(ServiceModel.ShapeName(shape.GetProperty("key")));
                    var entries = value.EnumerateObject().ToList();
                    ValueChecks.Count(shape, entries.Count, path, problems);
                    foreach (var entry in entries)
                    {
                        ValueChecks.String(keyShape, entry.Name, $"{path} key '{entry.Name}'", problems);
                        Validate(entry.Value, ServiceModel.ShapeName(shape.GetProperty("value")), $"{path}['{entry.Name}']", problems, checkRequired: checkRequired);
                    }
                }

                break;
            case "string":
                if (Expect(value, JsonValueKind.String, path, problems))
                {
                    ValueChecks.String(shape, value.GetString()!, path, problems);
                }

                break;
            case "integer" or "long":
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole))
                {
                    ValueChecks.Number(shape, whole, path, problems);
                }
                else
                {
                    problems.Add($"{path}: expected an {type}, got {value.ValueKind} {value}");
                }

                break;
            case "double" or "float":
                if (Expect(value, JsonValueKind.Number, path, problems))
                {
                    ValueChecks.Number(shape, value.GetDouble(), path, problems);
                }

                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{path}: expected a boolean, got {value.ValueKind}");
                }

                break;
            case "timestamp":
                // JSON protocols: epoch seconds unless the shape says otherwise.
                if (ServiceModel.Str(shape, "timestampFormat") is "iso8601" or "rfc822")
                {
                    Expect(value, JsonValueKind.String, path, problems);
                }
                else
                {
                    Expect(value, JsonValueKind.Number, path, problems);
                }

                break;
            case "blob":
                Expect(value, JsonValueKind.String, path, problems);
                break;
            default:
                problems.Add($"{path}: shape type {type} is not checked");
                break;
        }
    }

    private void Structure(JsonElement value, JsonElement shape, string path, List<string> problems, bool skipLocated, bool checkRequired)
    {
        if (!Expect(value, JsonValueKind.Object, path, problems))
        {
            return;
        }

        var members = ServiceModel.Members(shape).ToList();
        var byWire = members
            .Where(m => !skipLocated || ServiceModel.Str(m.Member, "location") is null)
            .ToDictionary(m => ServiceModel.WireName(m.Name, m.Member), StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (!byWire.TryGetValue(property.Name, out var member))
            {
                var hint = byWire.Keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                var located = members.Any(m => m.Name == property.Name && ServiceModel.Str(m.Member, "location") is not null);
                problems.Add(hint is not null
                    ? $"{path}.{property.Name}: wrong casing, the model's member is {hint}"
                    : located ? $"{path}.{property.Name}: is bound to the {ServiceModel.Str(members.First(m => m.Name == property.Name).Member, "location")}, not the body"
                    : $"{path}.{property.Name}: not a member of {ShapeLabel(path)}");
                continue;
            }

            present.Add(member.Name);
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                problems.Add($"{path}.{property.Name}: null is sent; omit the member instead");
                continue;
            }

            Validate(property.Value, ServiceModel.ShapeName(member.Member), $"{path}.{property.Name}", problems, checkRequired: checkRequired);
        }

        if (checkRequired)
        {
            foreach (var required in ServiceModel.Required(shape))
            {
                var member = members.FirstOrDefault(m => m.Name == required);
                if (!present.Contains(required) && (!skipLocated || ServiceModel.Str(member.Member, "location") is null))
                {
                    problems.Add($"{path}.{required}: required member is missing");
                }
            }
        }
    }

    private static string ShapeLabel(string path) => path.Length == 0 ? "the input" : path;

    private static bool Expect(JsonElement value, JsonValueKind kind, string path, List<string> problems)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        problems.Add($"{path}: expected {kind}, got {value.ValueKind}");
        return false;
    }
}
