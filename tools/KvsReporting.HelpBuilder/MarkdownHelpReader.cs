using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KvsReporting.HelpBuilder;

/// <summary>
/// Reads a cmdlet help page written in platyPS's markdown schema: H1 = cmdlet name; H2 sections SYNOPSIS,
/// SYNTAX (ignored: generated), DESCRIPTION, EXAMPLES (H3 per example, a ```powershell block, then remarks),
/// PARAMETERS (H3 "-Name", then its description; any ```yaml fact block is ignored: facts are generated),
/// INPUTS and OUTPUTS (H3 per type), NOTES, RELATED LINKS.
/// </summary>
internal static class MarkdownHelpReader
{
    /// <summary>Leading comment lines of an example that tell the test harness what the example needs.</summary>
    public const string RequiresPrefix = "# requires:";

    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .Build();

    private static readonly HashSet<string> KnownSections = new(StringComparer.OrdinalIgnoreCase)
    {
        "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
    };

    public static CommandHelpDocument Read(string path, ICollection<string> warnings)
    {
        var document = Markdown.Parse(File.ReadAllText(path), Pipeline);
        var help = new CommandHelpDocument { SourcePath = path };
        var sections = Split(document, level: 2, out var preamble);
        var title = preamble.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1);
        if (title is null)
        {
            warnings.Add($"{path}: no '# <Cmdlet-Name>' heading");
        }
        else
        {
            help.Name = PlainText.Inline(title.Inline);
        }

        foreach (var (heading, body) in sections)
        {
            var name = heading.ToUpperInvariant();
            if (!KnownSections.Contains(name))
            {
                warnings.Add($"{path}: unknown section '## {heading}' ignored");
                continue;
            }

            switch (name)
            {
                case "SYNOPSIS":
                    help.Synopsis.AddRange(PlainText.Paragraphs(body));
                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(PlainText.Paragraphs(body));
                    break;
                case "EXAMPLES":
                    foreach (var (exampleTitle, exampleBody) in Split(body, 3, out _))
                    {
                        help.Examples.Add(ReadExample(exampleTitle, exampleBody, path, warnings));
                    }

                    break;
                case "PARAMETERS":
                    foreach (var (parameter, parameterBody) in Split(body, 3, out _))
                    {
                        var text = PlainText.Paragraphs(parameterBody.Where(b => !IsYamlFacts(b)));
                        var parameterName = parameter.TrimStart('-').Trim();
                        help.Parameters[parameterName] = text;
                        help.OwnParameters.Add(parameterName);
                    }

                    break;
                case "INPUTS":
                    help.Inputs.AddRange(ReadTypedEntries(body));
                    break;
                case "OUTPUTS":
                    help.Outputs.AddRange(ReadTypedEntries(body));
                    break;
                case "NOTES":
                    help.Notes.AddRange(PlainText.Paragraphs(body));
                    break;
                case "RELATED LINKS":
                    help.Links.AddRange(ReadLinks(body));
                    break;
                default:
                    break; // SYNTAX is generated from the cmdlet itself
            }
        }

        return help;
    }

    /// <summary>Splits blocks at headings of one level; returns (heading text, blocks under it).</summary>
    public static List<(string Heading, List<Block> Body)> Split(IEnumerable<Block> blocks, int level, out List<Block> preamble)
    {
        var result = new List<(string, List<Block>)>();
        preamble = [];
        var current = preamble;
        foreach (var block in blocks)
        {
            if (block is HeadingBlock heading && heading.Level == level)
            {
                current = [];
                result.Add((PlainText.Inline(heading.Inline), current));
            }
            else
            {
                current.Add(block);
            }
        }

        return result;
    }

    private static HelpExample ReadExample(string title, List<Block> body, string path, ICollection<string> warnings)
    {
        var code = body.OfType<FencedCodeBlock>().FirstOrDefault();
        if (code is null)
        {
            warnings.Add($"{path}: example '{title}' has no ```powershell block");
            return new HelpExample(title, string.Empty, PlainText.Paragraphs(body), []);
        }

        var lines = PlainText.CodeText(code).Split('\n').ToList();
        var requirements = new List<string>();
        while (lines.Count > 0 && lines[0].TrimStart().StartsWith(RequiresPrefix, StringComparison.OrdinalIgnoreCase))
        {
            requirements.AddRange(lines[0].TrimStart()[RequiresPrefix.Length..]
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            lines.RemoveAt(0);
        }

        // Text before the code introduces it; text after explains it. Get-Help shows both as remarks.
        var index = body.IndexOf(code);
        var remarks = PlainText.Paragraphs(body.Take(index).Concat(body.Skip(index + 1)));
        return new HelpExample(title, string.Join('\n', lines).Trim('\n'), remarks, requirements);
    }

    private static IEnumerable<TypedHelpEntry> ReadTypedEntries(List<Block> body)
    {
        foreach (var (typeName, entryBody) in Split(body, 3, out _))
        {
            yield return new TypedHelpEntry(typeName, PlainText.Paragraphs(entryBody));
        }
    }

    private static IEnumerable<HelpLink> ReadLinks(List<Block> body)
    {
        foreach (var paragraph in body.SelectMany(b => b is ParagraphBlock own ? [own] : b.Descendants<ParagraphBlock>()))
        {
            var links = paragraph.Inline?.Descendants<LinkInline>().ToList() ?? [];
            if (links.Count == 0)
            {
                var text = PlainText.Inline(paragraph.Inline);
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    yield return new HelpLink(line, string.Empty);
                }

                continue;
            }

            foreach (var link in links)
            {
                var text = PlainText.Inline(link);
                // Links to sibling pages (Get-Foo.md) name a command Get-Help resolves itself; only web
                // addresses are kept as URIs (the first one becomes the cmdlet's online help).
                var uri = PlainText.IsExternal(link.Url) ? link.Url! : string.Empty;
                yield return new HelpLink(text, uri);
            }
        }
    }

    private static bool IsYamlFacts(Block block) =>
        block is FencedCodeBlock fenced && string.Equals(fenced.Info, "yaml", StringComparison.OrdinalIgnoreCase);
}
