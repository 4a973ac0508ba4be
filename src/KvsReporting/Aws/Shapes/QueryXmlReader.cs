using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Xml.Linq;

namespace KvsReporting.Aws.Shapes;

/// <summary>
/// Reads a Query-protocol response (the <c>&lt;OperationResult&gt;</c> element) into a response model:
/// child elements named like members, lists as <c>&lt;member&gt;</c> children, maps as
/// <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;&lt;/entry&gt;</c>, timestamps ISO 8601. Unknown elements are ignored
/// so a newer service version never breaks an older module.
/// </summary>
public static class QueryXmlReader
{
    public static T Read<T>(XElement? result)
        where T : new() =>
        result is null ? new T() : (T)ReadStructure(result, typeof(T));

    /// <summary>Finds <c>&lt;{action}Result&gt;</c> under the response root, namespace-agnostic.</summary>
    public static XElement? ResultElement(XDocument document, string action)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result");
    }

    private static object ReadStructure(XElement element, Type type)
    {
        var instance = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"Cannot create {type.Name}.");
        foreach (var property in ShapeMembers.Of(type).Where(p => p.CanWrite))
        {
            var name = ShapeMembers.WireName(property);
            var child = element.Elements().FirstOrDefault(e => e.Name.LocalName == name);
            if (child is null)
            {
                continue;
            }

            property.SetValue(instance, ReadValue(child, property.PropertyType));
        }

        return instance;
    }

    private static object? ReadValue(XElement element, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var text = element.Value;
        if (underlying == typeof(string))
        {
            return text;
        }

        if (underlying == typeof(bool))
        {
            return string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (underlying.IsPrimitive || underlying == typeof(decimal))
        {
            return Convert.ChangeType(text.Trim(), underlying, CultureInfo.InvariantCulture);
        }

        if (IsMap(underlying, out var keyType, out var valueType))
        {
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
            foreach (var entry in element.Elements().Where(e => e.Name.LocalName == "entry"))
            {
                var key = entry.Elements().First(e => e.Name.LocalName == "key");
                var value = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "value");
                map[ReadValue(key, keyType)!] = value is null ? null : ReadValue(value, valueType);
            }

            return map;
        }

        if (IsList(underlying, out var itemType))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            foreach (var item in element.Elements().Where(e => e.Name.LocalName == "member"))
            {
                list.Add(ReadValue(item, itemType));
            }

            return list;
        }

        return ReadStructure(element, underlying);
    }

    private static bool IsList(Type type, out Type itemType)
    {
        var enumerable = type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(IEnumerable).IsAssignableFrom(type)
            ? type
            : null;
        itemType = enumerable?.GetGenericArguments()[0] ?? typeof(object);
        return enumerable is not null;
    }

    private static bool IsMap(Type type, out Type keyType, out Type valueType)
    {
        if (type.IsGenericType && type.GetGenericArguments().Length == 2 && typeof(IEnumerable).IsAssignableFrom(type))
        {
            keyType = type.GetGenericArguments()[0];
            valueType = type.GetGenericArguments()[1];
            return true;
        }

        keyType = valueType = typeof(object);
        return false;
    }
}
