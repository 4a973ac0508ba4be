using System.Globalization;
using System.Text;

namespace KvsReporting.Local;

/// <summary>
/// Infers column types the way the Glue crawler catalogs DynamoDB items: S → string, N → bigint when every
/// value seen is integral, else double; BOOL → boolean; M → struct&lt;...&gt; (fields merged across items); L and
/// sets → array&lt;...&gt;. Attributes whose types disagree across items become string, and NULL says nothing.
/// </summary>
public sealed class GlueSchema
{
    private readonly Dictionary<string, GlueType> columns = new(StringComparer.Ordinal);

    /// <summary>The five attributes the Lambda writes, with the types the crawler gives them.</summary>
    public static readonly IReadOnlyList<(string Name, string GlueType, string DuckDbType)> DetectionColumns = new[]
    {
        ("image_name", "string", "VARCHAR"),
        ("license_plate", "string", "VARCHAR"),
        ("confidence", "double", "DOUBLE"),
        ("bucket_name", "string", "VARCHAR"),
        ("timestamp", "string", "VARCHAR"),
    };

    public IReadOnlyDictionary<string, GlueType> Columns => columns;

    public void Observe(string attribute, object? value)
    {
        var type = GlueType.Of(value);
        if (type is null)
        {
            return;
        }

        columns[attribute] = columns.TryGetValue(attribute, out var known) ? GlueType.Merge(known, type) : type;
    }

    public static bool IsDetectionColumn(string name) => DetectionColumns.Any(c => c.Name == name);
}

/// <summary>A Glue column type.</summary>
public sealed record GlueType(string Kind, GlueType? Element = null, IReadOnlyDictionary<string, GlueType>? Fields = null)
{
    public static readonly GlueType String = new("string");
    public static readonly GlueType Double = new("double");
    public static readonly GlueType BigInt = new("bigint");
    public static readonly GlueType Boolean = new("boolean");

    /// <summary>The catalog text, e.g. <c>struct&lt;a:string,b:array&lt;bigint&gt;&gt;</c>.</summary>
    public override string ToString() => Kind switch
    {
        "array" => $"array<{Element}>",
        "struct" => "struct<" + string.Join(",", Fields!.Select(f => $"{f.Key}:{f.Value}")) + ">",
        _ => Kind,
    };

    /// <summary>How the local table stores it: scalars natively, nested values as JSON text.</summary>
    public string DuckDbType => Kind switch
    {
        "string" => "VARCHAR",
        "double" => "DOUBLE",
        "bigint" => "BIGINT",
        "boolean" => "BOOLEAN",
        _ => "JSON",
    };

    public bool IsNested => Kind is "array" or "struct";

    public static GlueType? Of(object? value) => value switch
    {
        null => null,
        string => String,
        bool => Boolean,
        CrawlNumber n => IsIntegral(n.Text) ? BigInt : Double,
        IReadOnlyDictionary<string, object?> map => new GlueType("struct", Fields: StructFields(map)),
        IReadOnlyList<object?> list => new GlueType("array", Element: list.Select(Of).Where(t => t is not null).Aggregate((GlueType?)null, (a, b) => a is null ? b : Merge(a, b!)) ?? String),
        _ => String,
    };

    public static GlueType Merge(GlueType a, GlueType b)
    {
        if (a == b || a.ToString() == b.ToString())
        {
            return a;
        }

        if (a.Kind is "bigint" or "double" && b.Kind is "bigint" or "double")
        {
            return Double;
        }

        if (a.Kind == "array" && b.Kind == "array")
        {
            return new GlueType("array", Element: Merge(a.Element!, b.Element!));
        }

        if (a.Kind == "struct" && b.Kind == "struct")
        {
            var fields = new SortedDictionary<string, GlueType>(StringComparer.Ordinal);
            foreach (var (k, v) in a.Fields!.Concat(b.Fields!))
            {
                fields[k] = fields.TryGetValue(k, out var known) ? Merge(known, v) : v;
            }

            return new GlueType("struct", Fields: fields);
        }

        return String;
    }

    /// <summary>Reads the catalog text back (the inverse of <see cref="ToString"/>).</summary>
    public static GlueType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var type = ParseAt(text, ref position);
        return type;
    }

    private static GlueType ParseAt(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && char.IsLetterOrDigit(text[position]))
        {
            position++;
        }

        var kind = text[start..position];
        if (kind == "array")
        {
            position++; // <
            var element = ParseAt(text, ref position);
            position++; // >
            return new GlueType("array", Element: element);
        }

        if (kind == "struct")
        {
            var fields = new SortedDictionary<string, GlueType>(StringComparer.Ordinal);
            position++; // <
            while (position < text.Length && text[position] != '>')
            {
                var colon = text.IndexOf(':', position);
                var name = text[position..colon];
                position = colon + 1;
                fields[name] = ParseAt(text, ref position);
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                }
            }

            position++; // >
            return new GlueType("struct", Fields: fields);
        }

        return kind switch
        {
            "double" => Double,
            "bigint" => BigInt,
            "boolean" => Boolean,
            _ => String,
        };
    }

    private static SortedDictionary<string, GlueType> StructFields(IReadOnlyDictionary<string, object?> map)
    {
        var fields = new SortedDictionary<string, GlueType>(StringComparer.Ordinal);
        foreach (var (k, v) in map)
        {
            if (Of(v) is { } t)
            {
                fields[k] = t;
            }
        }

        return fields;
    }

    private static bool IsIntegral(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
