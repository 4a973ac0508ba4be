using System.Collections;
using System.Globalization;
using System.Reflection;

namespace KvsReporting.Aws.Shapes;

/// <summary>
/// Flattens a request model into Query-protocol form pairs (IAM, CloudFormation): nested members as
/// <c>A.B</c>, lists as <c>A.member.N</c>, maps as <c>A.entry.N.key/value</c>, timestamps ISO 8601.
/// Property names are the model's member names, so one writer serves every Query operation.
/// </summary>
public static class QueryFormWriter
{
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pairs = new List<KeyValuePair<string, string>>();
        WriteStructure(request, prefix: string.Empty, pairs);
        return pairs;
    }

    private static void WriteStructure(object value, string prefix, List<KeyValuePair<string, string>> pairs)
    {
        foreach (var property in ShapeMembers.Of(value.GetType()))
        {
            var member = property.GetValue(value);
            if (member is null)
            {
                continue;
            }

            WriteValue(member, prefix + ShapeMembers.WireName(property), pairs);
        }
    }

    private static void WriteValue(object value, string name, List<KeyValuePair<string, string>> pairs)
    {
        switch (value)
        {
            case string text:
                pairs.Add(new(name, text));
                return;
            case bool flag:
                pairs.Add(new(name, flag ? "true" : "false"));
                return;
            case DateTimeOffset time:
                pairs.Add(new(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
                return;
            case IFormattable number when value.GetType().IsPrimitive || value is decimal:
                pairs.Add(new(name, number.ToString(null, CultureInfo.InvariantCulture)));
                return;
            case IDictionary map:
                var entry = 1;
                foreach (DictionaryEntry item in map)
                {
                    WriteValue(item.Key, $"{name}.entry.{entry}.key", pairs);
                    if (item.Value is not null)
                    {
                        WriteValue(item.Value, $"{name}.entry.{entry}.value", pairs);
                    }

                    entry++;
                }

                return;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    index++;
                    if (item is not null)
                    {
                        WriteValue(item, $"{name}.member.{index}", pairs);
                    }
                }

                if (index == 0)
                {
                    // An empty list is sent as the bare name with an empty value: "clear this list".
                    pairs.Add(new(name, string.Empty));
                }

                return;
            default:
                WriteStructure(value, name + ".", pairs);
                return;
        }
    }
}

/// <summary>Which properties of a model are wire members, and under which name.</summary>
internal static class ShapeMembers
{
    public static IEnumerable<PropertyInfo> Of(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<NotOnWireAttribute>() is null);

    public static string WireName(PropertyInfo property) =>
        property.GetCustomAttribute<WireNameAttribute>()?.Name ?? property.Name;
}

/// <summary>The member's name on the wire when it differs from the C# property name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WireNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>A convenience property computed from wire members; never sent nor read.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotOnWireAttribute : Attribute
{
}
