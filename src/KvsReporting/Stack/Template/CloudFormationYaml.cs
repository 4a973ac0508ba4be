using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KvsReporting.Stack.Template;

/// <summary>
/// Reads CloudFormation-flavoured YAML into a JSON document the way CloudFormation itself does: short-form
/// intrinsic tags (<c>!Ref</c>, <c>!Sub</c>, <c>!GetAtt</c>, ...) become their JSON forms (<c>Ref</c>,
/// <c>Fn::Sub</c>, <c>Fn::GetAtt</c>), plain scalars keep their YAML type (number, boolean, null) and quoted
/// scalars stay strings. A generic YAML deserializer would drop the tags, which is why this is hand-written.
/// </summary>
public static partial class CloudFormationYaml
{
    private const string YamlCoreTagPrefix = "tag:yaml.org,2002:";

    // Tags that map to a key without the Fn:: prefix.
    private static readonly HashSet<string> BareTags = new(StringComparer.Ordinal) { "Ref", "Condition" };

    private static readonly HashSet<string> FunctionTags = new(StringComparer.Ordinal)
    {
        "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
        "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString",
    };

    /// <summary>Parses one YAML document into a JSON node.</summary>
    /// <exception cref="FormatException">The text is not valid YAML, or uses a tag CloudFormation does not know.</exception>
    public static JsonNode? ToJson(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"Invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new FormatException($"Expected one YAML document, found {stream.Documents.Count}.");
        }

        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is not null && tag.StartsWith('!') && !tag.StartsWith("!!", StringComparison.Ordinal))
        {
            return ConvertIntrinsic(tag[1..], node);
        }

        return node switch
        {
            YamlScalarNode scalar => ConvertScalar(scalar, tag),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
            YamlMappingNode mapping => ConvertMapping(mapping),
            _ => throw new FormatException($"Unsupported YAML node at line {node.Start.Line}."),
        };
    }

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new FormatException($"Mapping keys must be plain strings (line {keyNode.Start.Line}).");
            }

            if (result.ContainsKey(key))
            {
                throw new FormatException($"Duplicate key '{key}' at line {keyNode.Start.Line}.");
            }

            result[key] = Convert(valueNode);
        }

        return result;
    }

    private static JsonObject ConvertIntrinsic(string name, YamlNode node)
    {
        string key;
        if (BareTags.Contains(name))
        {
            key = name;
        }
        else if (FunctionTags.Contains(name))
        {
            key = "Fn::" + name;
        }
        else
        {
            throw new FormatException($"Unknown CloudFormation tag '!{name}' at line {node.Start.Line}.");
        }

        JsonNode? value;
        if (name == "GetAtt" && node is YamlScalarNode { Value: { } dotted })
        {
            // !GetAtt Resource.Attribute: the attribute itself may contain dots (e.g. Endpoint.Address).
            var dot = dotted.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == dotted.Length - 1)
            {
                throw new FormatException($"!GetAtt needs 'Resource.Attribute', got '{dotted}' (line {node.Start.Line}).");
            }

            value = new JsonArray(JsonValue.Create(dotted[..dot]), JsonValue.Create(dotted[(dot + 1)..]));
        }
        else if (node is YamlScalarNode scalar)
        {
            // The argument of a scalar intrinsic (a name, a Sub string) is always a string.
            value = JsonValue.Create(scalar.Value ?? string.Empty);
        }
        else
        {
            value = node switch
            {
                YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
                YamlMappingNode mapping => ConvertMapping(mapping),
                _ => throw new FormatException($"Unsupported node under !{name} at line {node.Start.Line}."),
            };
        }

        return new JsonObject { [key] = value };
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar, string? tag)
    {
        var text = scalar.Value ?? string.Empty;
        if (tag is not null)
        {
            var core = tag.StartsWith(YamlCoreTagPrefix, StringComparison.Ordinal) ? tag[YamlCoreTagPrefix.Length..]
                : tag.StartsWith("!!", StringComparison.Ordinal) ? tag[2..]
                : tag;
            return core switch
            {
                "str" => JsonValue.Create(text),
                "int" or "float" => ParseNumber(text) ?? throw new FormatException($"'{text}' is not a number (line {scalar.Start.Line})."),
                "bool" => JsonValue.Create(ParseBool(text) ?? throw new FormatException($"'{text}' is not a boolean (line {scalar.Start.Line}).")),
                "null" => null,
                _ => throw new FormatException($"Unsupported YAML tag '{tag}' at line {scalar.Start.Line}."),
            };
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (ParseBool(text) is { } flag)
        {
            return JsonValue.Create(flag);
        }

        return ParseNumber(text) ?? JsonValue.Create(text);
    }

    private static bool? ParseBool(string text) => text switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    // YAML 1.2 core-schema numbers only; anything else (dates, versions, "0123", cron strings) stays a string.
    private static JsonNode? ParseNumber(string text)
    {
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        return null;
    }

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|(0|[1-9][0-9]*)\.[0-9]*|(0|[1-9][0-9]*)(\.[0-9]*)?[eE][-+]?[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
