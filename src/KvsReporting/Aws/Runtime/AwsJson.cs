using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KvsReporting.Aws.Runtime;

/// <summary>
/// JSON settings shared by the JSON and REST-JSON protocols. Model member names are the C# property names
/// (AWS casing is PascalCase for most services); members with other casing carry [JsonPropertyName].
/// </summary>
public static class AwsJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static byte[] Serialize(object value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8)
        where T : class, new()
    {
        if (IsBlank(utf8))
        {
            return new T();
        }

        return JsonSerializer.Deserialize<T>(utf8, Options) ?? new T();
    }

    /// <summary>The wire name of a property: its [JsonPropertyName], else the property name.</summary>
    public static string MemberName(System.Reflection.PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetCustomAttributes(typeof(JsonPropertyNameAttribute), true) is [JsonPropertyNameAttribute named, ..]
            ? named.Name
            : property.Name;
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Services add members over time and some emulators vary casing: read leniently, write exactly.
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new EpochSecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// JSON protocols send timestamps as epoch seconds (botocore's default <c>unixTimestamp</c>), with
    /// fractions. Reading also accepts ISO-8601 strings, which some services and emulators return.
    /// </summary>
    private sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                var seconds = reader.GetDouble();
                return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000d));
            }

            var text = reader.GetString();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var numeric))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(numeric * 1000d));
            }

            return DateTimeOffset.Parse(text ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value.ToUnixTimeMilliseconds() / 1000d, 3));
    }
}
