using System.Reflection;
using System.Text.Json;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.AwsConformance;

/// <summary>
/// Checks the module's request/response classes against the model's input/output shapes: every property is
/// a member (name and casing, location bindings, idempotency tokens) with a compatible type, recursively.
/// </summary>
internal sealed class TypeShapeChecker(ServiceModel model)
{
    private readonly HashSet<(Type, string)> visited = [];

    public void Check(Type type, string shapeName, string path, List<string> problems, bool topLevel)
    {
        if (!visited.Add((type, shapeName)))
        {
            return;
        }

        var shape = model.Shape(shapeName);
        var members = ServiceModel.Members(shape).ToList();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var wire = AwsJson.MemberName(property);
            var location = property.GetCustomAttribute<AwsLocationAttribute>();
            var where = $"{path}{type.Name}.{property.Name}";
            (string Name, JsonElement Member) member;
            if (location is not null)
            {
                member = members.FirstOrDefault(m => m.Name == wire);
                if (member.Name is null)
                {
                    problems.Add($"{where}: '{wire}' is not a member of {shapeName}");
                    continue;
                }

                var expected = location.Location switch
                {
                    AwsMemberLocation.Uri => "uri",
                    AwsMemberLocation.QueryString => "querystring",
                    AwsMemberLocation.Header => "header",
                    _ => "statusCode",
                };
                if (ServiceModel.Str(member.Member, "location") != expected)
                {
                    problems.Add($"{where}: bound to {expected}, the model binds it to {ServiceModel.Str(member.Member, "location") ?? "the body"}");
                }

                if (expected != "statusCode" && ServiceModel.Str(member.Member, "locationName") != location.Name)
                {
                    problems.Add($"{where}: location name '{location.Name}', the model's is '{ServiceModel.Str(member.Member, "locationName")}'");
                }
            }
            else
            {
                member = members.FirstOrDefault(m => ServiceModel.WireName(m.Name, m.Member) == wire && ServiceModel.Str(m.Member, "location") is null);
                if (member.Name is null)
                {
                    var located = members.FirstOrDefault(m => m.Name == wire);
                    var hint = members.Select(m => ServiceModel.WireName(m.Name, m.Member)).FirstOrDefault(n => string.Equals(n, wire, StringComparison.OrdinalIgnoreCase));
                    problems.Add(located.Name is not null
                        ? $"{where}: the model binds '{wire}' to the {ServiceModel.Str(located.Member, "location")} ('{ServiceModel.Str(located.Member, "locationName")}'); add [AwsLocation]"
                        : hint is not null ? $"{where}: wire name '{wire}', the model's member is '{hint}' (casing)"
                        : $"{where}: '{wire}' is not a member of {shapeName}");
                    continue;
                }
            }

            // A token the model marks must be filled by the client when the caller leaves it out (unless the
            // caller must give it: Athena's StopQueryExecution id). Filling a token the model documents only in
            // prose (CloudFormation's ClientRequestToken) is allowed.
            var isToken = member.Member.TryGetProperty("idempotencyToken", out var token) && token.GetBoolean();
            if (topLevel && isToken && !property.IsDefined(typeof(AwsIdempotencyTokenAttribute))
                && !ServiceModel.Required(shape).Contains(member.Name))
            {
                problems.Add($"{where}: the model marks it as an idempotency token; add [AwsIdempotencyToken]");
            }

            if (property.IsDefined(typeof(AwsIdempotencyTokenAttribute)) && property.PropertyType != typeof(string))
            {
                problems.Add($"{where}: [AwsIdempotencyToken] needs a string member");
            }

            CheckType(property.PropertyType, ServiceModel.ShapeName(member.Member), where, problems);
        }
    }

    private void CheckType(Type type, string shapeName, string where, List<string> problems)
    {
        var shape = model.Shape(shapeName);
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var kind = ServiceModel.Type(shape);
        switch (kind)
        {
            case "structure":
                if (!target.IsClass || target == typeof(string))
                {
                    problems.Add($"{where}: {target.Name} for a structure");
                    return;
                }

                Check(target, shapeName, where + " > ", problems, topLevel: false);
                return;
            case "list":
                var item = ItemType(target);
                if (item is null)
                {
                    problems.Add($"{where}: {target.Name} for a list");
                    return;
                }

                CheckType(item, ServiceModel.ShapeName(shape.GetProperty("member")), where + "[]", problems);
                return;
            case "map":
                if (!target.IsGenericType || target.GetGenericArguments().Length != 2 || target.GetGenericArguments()[0] != typeof(string))
                {
                    problems.Add($"{where}: {target.Name} for a map");
                    return;
                }

                CheckType(target.GetGenericArguments()[1], ServiceModel.ShapeName(shape.GetProperty("value")), where + "{}", problems);
                return;
            default:
                var ok = kind switch
                {
                    "string" => target == typeof(string),
                    "integer" => target == typeof(int),
                    "long" => target == typeof(long),
                    "double" or "float" => target == typeof(double),
                    "boolean" => target == typeof(bool),
                    "timestamp" => target == typeof(DateTimeOffset),
                    "blob" => target == typeof(byte[]) || target == typeof(string),
                    _ => false,
                };
                if (!ok)
                {
                    problems.Add($"{where}: {target.Name} for a {kind}");
                }

                return;
        }
    }

    private static Type? ItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericArguments().Length == 1
            && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return type.GetGenericArguments()[0];
        }

        return null;
    }
}
