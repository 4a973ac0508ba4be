using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KvsReporting.Aws.Shapes;

/// <summary>
/// One REST-JSON call as the model describes it: method and path (URI members already escaped into it),
/// query-string members, and the members that travel in the JSON body (the request object itself, with
/// URI/query members marked <see cref="JsonIgnoreAttribute"/>).
/// </summary>
public interface IRestJsonRequest
{
    /// <summary>The operation name in the service model (for errors, logs and conformance checks).</summary>
    string OperationName { get; }

    HttpMethod Method { get; }

    /// <summary>The request path with every URI member escaped.</summary>
    string BuildPath();

    /// <summary>Query-string members that are set.</summary>
    IEnumerable<KeyValuePair<string, string>> QueryParameters() => [];

    /// <summary>False for GET/DELETE operations whose every member is in the URI.</summary>
    bool HasBody => Method != HttpMethod.Get && Method != HttpMethod.Delete;
}

/// <summary>Serializer settings shared by the REST-JSON services (QuickSight, Lambda, SAR).</summary>
public static class RestJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = null,
        Converters = { new EpochSecondsConverter() },
    };

    /// <summary>Escapes one URI member the way the SDKs do (RFC 3986 unreserved characters kept).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value ?? throw new ArgumentNullException(nameof(value)));

    public static byte[] Body(IRestJsonRequest request) =>
        JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), Options);

    public static T Read<T>(ReadOnlySpan<byte> body)
        where T : new() =>
        body.IsEmpty ? new T() : JsonSerializer.Deserialize<T>(body, Options) ?? new T();
}

/// <summary>
/// REST-JSON timestamps are epoch seconds (with fractions) unless the model says otherwise; ISO strings are
/// accepted too because some services and emulators send them.
/// </summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var seconds = reader.GetDouble();
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000d));
        }

        var text = reader.GetString() ?? throw new JsonException("A timestamp was null.");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(number * 1000d))
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000d);
    }
}
