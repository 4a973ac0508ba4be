using System.Text.Json;

namespace KvsReporting.AwsConformance;

/// <summary>One botocore service-2.json: metadata, operations and shapes.</summary>
public sealed class ServiceModel
{
    private readonly JsonElement root;

    private ServiceModel(string path, JsonDocument document)
    {
        Path = path;
        Document = document;
        root = document.RootElement;
        Metadata = root.GetProperty("metadata");
    }

    public string Path { get; }

    public JsonDocument Document { get; }

    public JsonElement Metadata { get; }

    public string ServiceId => Metadata.GetProperty("serviceId").GetString()!;

    public string Protocol => Metadata.GetProperty("protocol").GetString()!;

    public string ApiVersion => Metadata.GetProperty("apiVersion").GetString()!;

    public string EndpointPrefix => Metadata.GetProperty("endpointPrefix").GetString()!;

    public string SigningName => Str(Metadata, "signingName") ?? EndpointPrefix;

    public string? TargetPrefix => Str(Metadata, "targetPrefix");

    public string? JsonVersion => Str(Metadata, "jsonVersion");

    /// <summary>Loads the newest API version of <paramref name="endpointFolder"/> whose serviceId matches.</summary>
    public static ServiceModel? Load(string botocoreData, string serviceId, string apiVersion)
    {
        foreach (var dir in Directory.EnumerateDirectories(botocoreData))
        {
            var file = System.IO.Path.Combine(dir, apiVersion, "service-2.json");
            if (!File.Exists(file))
            {
                continue;
            }

            var doc = JsonDocument.Parse(File.ReadAllText(file));
            var model = new ServiceModel(file, doc);
            if (string.Equals(model.ServiceId, serviceId, StringComparison.Ordinal))
            {
                return model;
            }

            doc.Dispose();
        }

        return null;
    }

    public bool TryGetOperation(string name, out JsonElement operation) =>
        root.GetProperty("operations").TryGetProperty(name, out operation);

    public JsonElement Shape(string name) => root.GetProperty("shapes").GetProperty(name);

    public static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static string ShapeName(JsonElement reference) => reference.GetProperty("shape").GetString()!;

    public static string Type(JsonElement shape) => shape.GetProperty("type").GetString()!;

    /// <summary>The JSON body name of a member: its locationName when it has no location, else its name.</summary>
    public static string WireName(string memberName, JsonElement member) =>
        Str(member, "location") is null && Str(member, "locationName") is { } name ? name : memberName;

    public static IEnumerable<string> Required(JsonElement structure) =>
        structure.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [];

    public static IEnumerable<(string Name, JsonElement Member)> Members(JsonElement structure) =>
        structure.TryGetProperty("members", out var m) ? m.EnumerateObject().Select(p => (p.Name, p.Value)) : [];
}
