using System.Collections;
using System.Globalization;
using System.Reflection;
using Amazon.Util;

namespace KvsReporting.Aws.Runtime.Protocols;

/// <summary>
/// Flattens a typed input into AWS Query parameters: structures as <c>Member.Sub</c>, lists as
/// <c>Member.member.N</c> (1-based; flattened lists <c>Member.N</c>), maps as <c>Member.entry.N.key</c> /
/// <c>.value</c>, an empty list as <c>Member=</c>; booleans lower-case, timestamps ISO-8601 UTC.
/// </summary>
public static class QueryFormWriter
{
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(object input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parameters = new List<KeyValuePair<string, string>>();
        WriteStructure(parameters, prefix: null, input);
        return parameters;
    }

    /// <summary>The form body: Action and Version first, then the members, RFC 3986 encoded.</summary>
    public static string Encode(string action, string version, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var all = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        all.AddRange(parameters);
        return string.Join('&', all.Select(p => AWSSDKUtils.UrlEncode(p.Key, false) + "=" + AWSSDKUtils.UrlEncode(p.Value, false)));
    }

    private static void WriteStructure(List<KeyValuePair<string, string>> parameters, string? prefix, object value)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var member = property.GetValue(value);
            if (member is null)
            {
                continue;
            }

            var name = AwsJson.MemberName(property);
            var key = prefix is null ? name : prefix + "." + name;
            WriteValue(parameters, key, member, property.IsDefined(typeof(AwsFlattenedAttribute), true));
        }
    }

    private static void WriteValue(List<KeyValuePair<string, string>> parameters, string key, object value, bool flattened)
    {
        switch (value)
        {
            case string s:
                parameters.Add(new(key, s));
                return;
            case bool b:
                parameters.Add(new(key, b ? "true" : "false"));
                return;
            case DateTimeOffset t:
                parameters.Add(new(key, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
                return;
            case DateTime t:
                parameters.Add(new(key, t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
                return;
            case Enum e:
                parameters.Add(new(key, e.ToString()));
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal:
                parameters.Add(new(key, f.ToString(null, CultureInfo.InvariantCulture)));
                return;
            case IDictionary map:
                var entry = 0;
                foreach (DictionaryEntry pair in map)
                {
                    entry++;
                    var entryKey = flattened ? $"{key}.{entry}" : $"{key}.entry.{entry}";
                    parameters.Add(new(entryKey + ".key", Convert.ToString(pair.Key, CultureInfo.InvariantCulture) ?? string.Empty));
                    if (pair.Value is not null)
                    {
                        WriteValue(parameters, entryKey + ".value", pair.Value, flattened: false);
                    }
                }

                return;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    index++;
                    if (item is not null)
                    {
                        WriteValue(parameters, flattened ? $"{key}.{index}" : $"{key}.member.{index}", item, flattened: false);
                    }
                }

                if (index == 0)
                {
                    parameters.Add(new(key, string.Empty));
                }

                return;
            default:
                WriteStructure(parameters, key, value);
                return;
        }
    }
}
