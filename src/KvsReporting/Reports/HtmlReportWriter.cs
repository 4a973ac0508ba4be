using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KvsReporting.Reports;

/// <summary>
/// Writes the report as one self-contained HTML file: the page template, the charting library inlined, and the
/// aggregated data as JSON in a non-executed script tag. Nothing in the page loads from the network (its
/// Content-Security-Policy forbids it).
/// </summary>
internal static partial class HtmlReportWriter
{
    private const string TemplateResource = "KvsReporting.Reports.ReportPage.html";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // The default encoder escapes <, >, & and quotes as \uXXXX, so data can never close the script tag.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default,
    };

    public static string Render(ReportData data, string chartLibrary)
    {
        var json = JsonSerializer.Serialize(data, Json);
        // One pass over the template, so text substituted for one placeholder is never read as another.
        return Placeholder().Replace(ReadTemplate(), match => match.Groups["name"].Value switch
        {
            "TITLE" => WebUtility.HtmlEncode(data.Title),
            "CHART_LIBRARY_NAME" => WebUtility.HtmlEncode(data.ChartLibrary),
            "CHART_LIBRARY" => InlineScript(chartLibrary),
            "DATA_JSON" => json,
            var other => throw new InvalidOperationException($"Unknown placeholder {other} in the report template."),
        });
    }

    [GeneratedRegex(@"/\*\{\{(?<name>[A-Z_]+)\}\}\*/|\{\{(?<name>[A-Z_]+)\}\}")]
    private static partial Regex PlaceholderPattern();

    private static Regex Placeholder() => PlaceholderPattern();

    public static async Task WriteAsync(string path, ReportData data, string chartLibrary, CancellationToken cancellationToken)
    {
        var html = Render(data, chartLibrary);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
        }

        // Write beside the target and move, so a reader never sees half a report.
        var temporary = path + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // no-op after the move; removes a partial file after a failure or Ctrl+C
        }
    }

    /// <summary>
    /// Makes script text safe inside a script element: "&lt;/script" would end it and "&lt;!--" can change how
    /// the HTML parser reads it. Both only occur in JS strings, regexes or comments, where the escaped forms mean
    /// the same.
    /// </summary>
    internal static string InlineScript(string script) => script
        .Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
        .Replace("<!--", "<\\!--", StringComparison.Ordinal);

    private static string ReadTemplate()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"The report template {TemplateResource} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
