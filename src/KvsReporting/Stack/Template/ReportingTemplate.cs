using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KvsReporting.Stack.Template;

/// <summary>One resource the template declares.</summary>
/// <param name="LogicalId">The template's name for it.</param>
/// <param name="ResourceType">The CloudFormation type, e.g. <c>AWS::S3::Bucket</c>.</param>
public sealed record TemplateResource(string LogicalId, string ResourceType);

/// <summary>
/// The module's own CloudFormation template (embedded in the assembly), in its source YAML and as JSON.
/// </summary>
public static class ReportingTemplate
{
    /// <summary>The tag every stack and resource of the module carries; its value is the stack name.</summary>
    public const string StackTagKey = "kvsreporting:stack";

    private const string ResourceName = "KvsReporting.Stack.Template.reporting-stack.yaml";

    private static readonly Lazy<string> YamlText = new(LoadYaml);
    private static readonly Lazy<JsonObject> Parsed = new(() =>
        CloudFormationYaml.ToJson(YamlText.Value) as JsonObject
        ?? throw new InvalidOperationException("The embedded template is not a mapping."));

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // Policy documents and descriptions are for people to read: keep ' < > & as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The template exactly as shipped (YAML with short-form intrinsic functions).</summary>
    public static string Yaml => YamlText.Value;

    /// <summary>A fresh copy of the template as a JSON document (intrinsics in their <c>Fn::</c> forms).</summary>
    public static JsonObject Document => (JsonObject)Parsed.Value.DeepClone();

    /// <summary>The template as indented JSON text, ending with a newline.</summary>
    public static string ToJsonText() => ToJsonText(Parsed.Value);

    /// <summary>Serializes any template document the way <see cref="ToJsonText()"/> does.</summary>
    public static string ToJsonText(JsonNode document) =>
        document.ToJsonString(JsonOptions).ReplaceLineEndings("\n") + "\n";

    /// <summary>The template's own version (Metadata.KvsReporting.TemplateVersion).</summary>
    public static string TemplateVersion =>
        Parsed.Value["Metadata"]?["KvsReporting"]?[nameof(TemplateVersion)]?.GetValue<string>() ?? "0";

    /// <summary>The resources the template creates, in template order.</summary>
    public static IReadOnlyList<TemplateResource> Resources =>
        ((JsonObject?)Parsed.Value[nameof(Resources)] ?? [])
            .Select(r => new TemplateResource(r.Key, r.Value?["Type"]?.GetValue<string>() ?? "?"))
            .ToList();

    /// <summary>Parameter names with their default values.</summary>
    public static IReadOnlyDictionary<string, string> ParameterDefaults =>
        ((JsonObject?)Parsed.Value["Parameters"] ?? [])
            .ToDictionary(p => p.Key, p => p.Value?["Default"]?.ToString() ?? string.Empty, StringComparer.Ordinal);

    private static string LoadYaml()
    {
        using var stream = typeof(ReportingTemplate).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from {typeof(ReportingTemplate).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
