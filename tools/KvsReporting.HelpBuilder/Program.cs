using System.Text.Json;
using KvsReporting.HelpBuilder;

// Usage: KvsReporting.HelpBuilder --metadata <commands.json> --source <docs/help> --output <module>/en-US [--strict]
// Writes <output>/<Module>.dll-Help.xml and one about_*.help.txt per about_*.md. Problems (a cmdlet without a
// page, a page for no cmdlet, a documented parameter the cmdlet does not have) are printed as warnings; with
// --strict they fail the run. The Help Pester suite enforces completeness either way.
var options = ParseArguments(args);
if (options is null)
{
    Console.Error.WriteLine("usage: KvsReporting.HelpBuilder --metadata <json> --source <dir> --output <dir> [--assembly-name KvsReporting.dll] [--strict]");
    return 2;
}

var warnings = new List<string>();
var metadata = JsonSerializer.Deserialize<ModuleMetadata>(
    File.ReadAllText(options.Metadata),
    new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
    ?? throw new InvalidOperationException("empty metadata file " + options.Metadata);

Directory.CreateDirectory(options.Output);
var pages = Directory.EnumerateFiles(options.Source, "*.md")
    .Where(p => IsCommandPage(Path.GetFileName(p)))
    .Select(p => MarkdownHelpReader.Read(p, warnings))
    .ToDictionary(d => string.IsNullOrEmpty(d.Name) ? Path.GetFileNameWithoutExtension(d.SourcePath) : d.Name, StringComparer.OrdinalIgnoreCase);

// Parameters many cmdlets share (the AWS connection parameters, -Local...) are described once in
// _shared-parameters.md; a cmdlet's own page overrides any of them.
var sharedPath = Path.Combine(options.Source, SharedParametersFile);
if (File.Exists(sharedPath))
{
    var shared = MarkdownHelpReader.Read(sharedPath, warnings);
    foreach (var page in pages.Values)
    {
        foreach (var (name, text) in shared.Parameters)
        {
            page.Parameters.TryAdd(name, text);
        }
    }
}

var documented = new List<(CommandMetadata, CommandHelpDocument)>();
foreach (var command in metadata.Commands)
{
    if (!pages.TryGetValue(command.Name, out var page))
    {
        warnings.Add($"{command.Name}: no help page {Path.Combine(options.Source, command.Name + ".md")}");
        continue;
    }

    var known = MamlWriter.AllParameters(command).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
    foreach (var name in page.OwnParameters.Where(n => !known.Contains(n)))
    {
        warnings.Add($"{page.SourcePath}: documents -{name}, which {command.Name} does not have");
    }

    foreach (var name in known.Where(n => MamlWriter.DescriptionOf(page, n).Count == 0))
    {
        warnings.Add($"{page.SourcePath}: parameter -{name} has no description");
    }

    documented.Add((command, page));
}

foreach (var orphan in pages.Keys.Where(n => !metadata.Commands.Any(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))))
{
    warnings.Add($"{pages[orphan].SourcePath}: no exported cmdlet named {orphan}");
}

var mamlPath = Path.Combine(options.Output, options.AssemblyName + "-Help.xml");
MamlWriter.Write(documented).Save(mamlPath);
var written = new List<string> { mamlPath };

foreach (var about in Directory.EnumerateFiles(options.Source, "about_*.md"))
{
    var target = Path.Combine(options.Output, Path.GetFileNameWithoutExtension(about) + ".help.txt");
    File.WriteAllText(target, AboutTopicWriter.Write(about, warnings));
    written.Add(target);
}

foreach (var warning in warnings)
{
    Console.Error.WriteLine("warning: " + warning);
}

Console.WriteLine($"help: {documented.Count} of {metadata.Commands.Count} cmdlets documented, {written.Count} files written to {options.Output}");
return options.Strict && warnings.Count > 0 ? 1 : 0;

static bool IsCommandPage(string fileName) =>
    !fileName.StartsWith("about_", StringComparison.OrdinalIgnoreCase)
    && !fileName.StartsWith('_')
    && !string.Equals(fileName, "README.md", StringComparison.OrdinalIgnoreCase);

static Options? ParseArguments(string[] args)
{
    string? metadata = null, source = null, output = null, assemblyName = "KvsReporting.dll";
    var strict = false;
    for (var i = 0; i < args.Length; i++)
    {
        string? Next() => i + 1 < args.Length ? args[++i] : null;
        switch (args[i])
        {
            case "--metadata": metadata = Next(); break;
            case "--source": source = Next(); break;
            case "--output": output = Next(); break;
            case "--assembly-name": assemblyName = Next(); break;
            case "--strict": strict = true; break;
            default: return null;
        }
    }

    return metadata is null || source is null || output is null || assemblyName is null
        ? null
        : new Options(metadata, source, output, assemblyName, strict);
}

internal sealed partial class Program
{
    private const string SharedParametersFile = "_shared-parameters.md";
}

internal sealed record Options(string Metadata, string Source, string Output, string AssemblyName, bool Strict);
