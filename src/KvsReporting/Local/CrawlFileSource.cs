using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;

namespace KvsReporting.Local;

/// <summary>
/// Reads detection exports: a JSON array, JSON lines, DynamoDB-JSON export lines
/// (<c>{"Item":{"image_name":{"S":"..."}}}</c>, as the DynamoDB export to S3 writes them) or CSV with a header row.
/// The format is told by the extension (.csv) and the first character (<c>[</c> for an array). Unreadable records
/// are reported to the sink as skips with their reason; reading goes on.
/// </summary>
public static class CrawlFileSource
{
    public const string SkipMalformedJson = "malformed JSON record";
    public const string SkipNotAnObject = "record is not a JSON object";

    public static void Read(string path, Action<CrawlRecord> sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            ReadCsv(path, sink, cancellationToken);
            return;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var first = FirstSignificantByte(stream);
        stream.Position = 0;
        if (first == '[')
        {
            ReadArray(stream, sink, cancellationToken);
        }
        else
        {
            ReadLines(stream, sink, cancellationToken);
        }
    }

    /// <summary>Whether a file source is typed (JSON) or text only (CSV).</summary>
    public static bool IsTyped(string path) => !path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static void ReadArray(Stream stream, Action<CrawlRecord> sink, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException)
        {
            sink(CrawlRecord.Skip(SkipMalformedJson));
            return;
        }

        using (document)
        {
            foreach (var element in document.RootElement.EnumerateArray())
            {
                cancellationToken.ThrowIfCancellationRequested();
                sink(FromElement(element));
            }
        }
    }

    private static void ReadLines(Stream stream, Action<CrawlRecord> sink, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, bufferSize: 1 << 16);
        string? line;
        var n = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            if ((++n & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                sink(CrawlRecord.Skip(SkipMalformedJson));
                continue;
            }

            using (document)
            {
                sink(FromElement(document.RootElement));
            }
        }
    }

    private static CrawlRecord FromElement(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return CrawlRecord.Skip(SkipNotAnObject);
        }

        // DynamoDB export: {"Item": {attribute: {"S": ...}}}
        if (element.TryGetProperty("Item", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object && IsDynamoJson(wrapped))
        {
            try
            {
                var item = new CrawlItem();
                foreach (var property in wrapped.EnumerateObject())
                {
                    item[property.Name] = DynamoValue(property.Value);
                }

                return new CrawlRecord(item, null);
            }
            catch (FormatException)
            {
                return CrawlRecord.Skip("malformed DynamoDB JSON attribute");
            }
        }

        var plain = new CrawlItem();
        foreach (var property in element.EnumerateObject())
        {
            plain[property.Name] = PlainValue(property.Value);
        }

        return new CrawlRecord(plain, null);
    }

    private static bool IsDynamoJson(JsonElement item)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var inner = property.Value.EnumerateObject();
            return inner.MoveNext() && inner.Current.Name is "S" or "N" or "BOOL" or "NULL" or "M" or "L" or "SS" or "NS" or "B" or "BS";
        }

        return true;
    }

    private static object? PlainValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => new CrawlNumber(value.GetRawText()),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => PlainObject(value),
        JsonValueKind.Array => value.EnumerateArray().Select(PlainValue).ToList(),
        _ => null,
    };

    private static CrawlItem PlainObject(JsonElement value)
    {
        var map = new CrawlItem();
        foreach (var p in value.EnumerateObject())
        {
            map[p.Name] = PlainValue(p.Value);
        }

        return map;
    }

    internal static object? DynamoValue(JsonElement typed)
    {
        foreach (var p in typed.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "S":
                case "B":
                    return v.GetString();
                case "N":
                    return new CrawlNumber(v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText());
                case "BOOL":
                    return v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && bool.Parse(v.GetString()!));
                case "NULL":
                    return null;
                case "M":
                    var map = new CrawlItem();
                    foreach (var f in v.EnumerateObject())
                    {
                        map[f.Name] = DynamoValue(f.Value);
                    }

                    return map;
                case "L":
                    return v.EnumerateArray().Select(DynamoValue).ToList();
                case "SS":
                case "BS":
                    return v.EnumerateArray().Select(e => (object?)e.GetString()).ToList();
                case "NS":
                    return v.EnumerateArray().Select(e => (object?)new CrawlNumber(e.GetString()!)).ToList();
            }
        }

        throw new FormatException("Not a DynamoDB JSON value.");
    }

    private static void ReadCsv(string path, Action<CrawlRecord> sink, CancellationToken cancellationToken)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        var names = reader.Header.ColNames.ToArray();
        var n = 0;
        foreach (var row in reader)
        {
            if ((++n & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var item = new CrawlItem(names.Length);
            for (var i = 0; i < names.Length && i < row.ColCount; i++)
            {
                var text = row[i].ToString();
                if (text.Length > 0)
                {
                    item[names[i]] = CsvValue(names[i], text);
                }
            }

            sink(new CrawlRecord(item, null));
        }
    }

    /// <summary>CSV has no types: the known detection columns stay text (the normalizer types them), other
    /// columns are numbers or booleans when they read as such, as Glue's CSV classifier does.</summary>
    private static object CsvValue(string name, string text)
    {
        if (GlueSchema.IsDetectionColumn(name))
        {
            return text;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return new CrawlNumber(text);
        }

        return bool.TryParse(text, out var b) ? b : text;
    }

    private static int FirstSignificantByte(Stream stream)
    {
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b is not (' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF))
            {
                return b;
            }
        }

        return -1;
    }
}
