using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Xml.Linq;

namespace KvsReporting.Aws.Runtime.Protocols;

/// <summary>
/// Reads a Query-protocol XML result element into a typed model: members by element name, lists from
/// <c>member</c> children (flattened lists from repeated elements), maps from <c>entry/key/value</c>.
/// </summary>
public static class XmlShapeReader
{
    public static T Read<T>(XElement? element)
        where T : class, new() =>
        element is null ? new T() : (T)ReadStructure(typeof(T), element);

    private static object ReadStructure(Type type, XElement element)
    {
        var result = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"Cannot create {type.Name}.");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var name = AwsJson.MemberName(property);
            if (property.IsDefined(typeof(AwsFlattenedAttribute), true) && IsList(property.PropertyType))
            {
                var repeated = element.Elements().Where(e => e.Name.LocalName == name).ToList();
                if (repeated.Count > 0)
                {
                    property.SetValue(result, ReadList(property.PropertyType, repeated));
                }

                continue;
            }

            var child = element.Elements().FirstOrDefault(e => e.Name.LocalName == name)
                ?? element.Elements().FirstOrDefault(e => string.Equals(e.Name.LocalName, name, StringComparison.OrdinalIgnoreCase));
            if (child is not null)
            {
                property.SetValue(result, ReadValue(property.PropertyType, child));
            }
        }

        return result;
    }

    private static object? ReadValue(Type type, XElement element)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return element.Value;
        }

        if (target == typeof(bool))
        {
            return bool.Parse(element.Value.Trim());
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(element.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, element.Value.Trim(), ignoreCase: true);
        }

        if (target.IsPrimitive || target == typeof(decimal))
        {
            return Convert.ChangeType(element.Value.Trim(), target, CultureInfo.InvariantCulture);
        }

        if (IsMap(target))
        {
            return ReadMap(target, element);
        }

        if (IsList(target))
        {
            return ReadList(target, element.Elements().Where(e => e.Name.LocalName == "member"));
        }

        return ReadStructure(target, element);
    }

    private static object ReadList(Type listType, IEnumerable<XElement> items)
    {
        var itemType = listType.IsArray ? listType.GetElementType()! : listType.GetGenericArguments()[0];
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
        foreach (var item in items)
        {
            list.Add(ReadValue(itemType, item));
        }

        if (listType.IsArray)
        {
            var array = Array.CreateInstance(itemType, list.Count);
            list.CopyTo(array, 0);
            return array;
        }

        return list;
    }

    private static object ReadMap(Type mapType, XElement element)
    {
        var args = mapType.GetGenericArguments();
        var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
        foreach (var entry in element.Elements().Where(e => e.Name.LocalName == "entry"))
        {
            var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "key");
            var value = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "value");
            if (key is not null)
            {
                map[ReadValue(args[0], key)!] = value is null ? null : ReadValue(args[1], value);
            }
        }

        return map;
    }

    private static bool IsList(Type type) =>
        type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(List<>) || d == typeof(IList<>) || d == typeof(IReadOnlyList<>) || d == typeof(IEnumerable<>)));

    private static bool IsMap(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(Dictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>));
}
