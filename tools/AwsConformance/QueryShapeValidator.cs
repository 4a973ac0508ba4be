using System.Globalization;
using System.Text.Json;

namespace KvsReporting.AwsConformance;

/// <summary>
/// Validates AWS Query parameters (Member.Sub, List.member.N, Map.entry.N.key/value) against a shape by
/// rebuilding the tree the keys describe and walking it with the model.
/// </summary>
internal sealed class QueryShapeValidator(ServiceModel model)
{
    public void Validate(IEnumerable<KeyValuePair<string, string>> parameters, string shapeName, List<string> problems)
    {
        var root = new Node();
        foreach (var (key, value) in parameters)
        {
            var node = root;
            foreach (var part in key.Split('.'))
            {
                node = node.Child(part);
            }

            if (node.Value is not null)
            {
                problems.Add($"{key}: sent twice");
            }

            node.Value = value;
        }

        Walk(root, shapeName, string.Empty, problems);
    }

    private void Walk(Node node, string shapeName, string path, List<string> problems)
    {
        var shape = model.Shape(shapeName);
        switch (ServiceModel.Type(shape))
        {
            case "structure":
                var members = ServiceModel.Members(shape)
                    .ToDictionary(m => ServiceModel.Str(m.Member, "locationName") ?? m.Name, StringComparer.Ordinal);
                foreach (var (name, child) in node.Children)
                {
                    if (!members.TryGetValue(name, out var member))
                    {
                        var hint = members.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                        problems.Add(hint is null ? $"{Join(path, name)}: not a member" : $"{Join(path, name)}: wrong casing, the model's member is {hint}");
                        continue;
                    }

                    Walk(child, ServiceModel.ShapeName(member.Member), Join(path, name), problems);
                }

                foreach (var required in ServiceModel.Required(shape))
                {
                    var wire = ServiceModel.Members(shape).Where(m => m.Name == required).Select(m => ServiceModel.Str(m.Member, "locationName") ?? m.Name).First();
                    if (!node.Children.ContainsKey(wire))
                    {
                        problems.Add($"{Join(path, wire)}: required member is missing");
                    }
                }

                break;
            case "list":
                var flattened = shape.TryGetProperty("flattened", out var f) && f.GetBoolean();
                var memberRef = shape.GetProperty("member");
                var items = node;
                if (!flattened)
                {
                    var itemName = ServiceModel.Str(memberRef, "locationName") ?? "member";
                    if (node.Children.Count == 0)
                    {
                        if (node.Value is not "")
                        {
                            problems.Add($"{path}: a list is sent as {path}.{itemName}.N (an empty list as '{path}=')");
                        }

                        ValueChecks.Count(shape, 0, path, problems);
                        break;
                    }

                    if (!node.Children.TryGetValue(itemName, out items!) || node.Children.Count != 1)
                    {
                        problems.Add($"{path}: list items must be under '{itemName}', got {string.Join(", ", node.Children.Keys)}");
                        break;
                    }
                }

                Indexed(items, path, problems);
                ValueChecks.Count(shape, items.Children.Count, path, problems);
                foreach (var (index, child) in items.Children)
                {
                    Walk(child, ServiceModel.ShapeName(memberRef), $"{path}[{index}]", problems);
                }

                break;
            case "map":
                var entries = node;
                var mapFlattened = shape.TryGetProperty("flattened", out var mf) && mf.GetBoolean();
                if (!mapFlattened && !node.Children.TryGetValue("entry", out entries!))
                {
                    problems.Add($"{path}: map entries must be under 'entry'");
                    break;
                }

                Indexed(entries, path, problems);
                ValueChecks.Count(shape, entries.Children.Count, path, problems);
                var keyName = ServiceModel.Str(shape.GetProperty("key"), "locationName") ?? "key";
                var valueName = ServiceModel.Str(shape.GetProperty("value"), "locationName") ?? "value";
                foreach (var (index, entry) in entries.Children)
                {
                    if (!entry.Children.TryGetValue(keyName, out var key) || key.Value is null)
                    {
                        problems.Add($"{path}[{index}]: entry without {keyName}");
                        continue;
                    }

                    Walk(key, ServiceModel.ShapeName(shape.GetProperty("key")), $"{path}[{index}].{keyName}", problems);
                    if (entry.Children.TryGetValue(valueName, out var value))
                    {
                        Walk(value, ServiceModel.ShapeName(shape.GetProperty("value")), $"{path}['{key.Value}']", problems);
                    }
                }

                break;
            default:
                if (node.Value is null || node.Children.Count > 0)
                {
                    problems.Add($"{path}: a {ServiceModel.Type(shape)} must be one value");
                    break;
                }

                ValueChecks.Text(shape, node.Value, path, problems);
                break;
        }
    }

    private static void Indexed(Node items, string path, List<string> problems)
    {
        var indexes = items.Children.Keys.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).OrderBy(i => i).ToList();
        if (!indexes.SequenceEqual(Enumerable.Range(1, indexes.Count)))
        {
            problems.Add($"{path}: item indexes must be 1..N, got {string.Join(",", items.Children.Keys)}");
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private sealed class Node
    {
        public string? Value { get; set; }

        public SortedDictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public Node Child(string name)
        {
            if (!Children.TryGetValue(name, out var child))
            {
                child = new Node();
                Children[name] = child;
            }

            return child;
        }
    }
}
