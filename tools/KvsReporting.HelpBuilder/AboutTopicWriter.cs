using System.Text;
using Markdig;
using Markdig.Syntax;

namespace KvsReporting.HelpBuilder;

/// <summary>
/// Turns docs/help/about_*.md into the plain-text layout Get-Help shows for about topics: H2 headings as
/// upper-case section titles at the margin, H3 as titles indented by four, prose wrapped at 80 columns and
/// indented by four, code indented by eight and never wrapped.
/// </summary>
internal static class AboutTopicWriter
{
    private const int Width = 80;
    private const string Indent = "    ";

    public static string Write(string path, ICollection<string> warnings)
    {
        var document = Markdown.Parse(File.ReadAllText(path), MarkdownHelpReader.Pipeline);
        var output = new StringBuilder();
        var topic = Path.GetFileNameWithoutExtension(path);
        output.Append("TOPIC\n").Append(Indent).Append(topic).Append("\n\n");
        var sawShortDescription = false;

        foreach (var block in document)
        {
            switch (block)
            {
                case HeadingBlock { Level: 1 } heading:
                    var name = PlainText.Inline(heading.Inline);
                    if (!string.Equals(name, topic, StringComparison.OrdinalIgnoreCase))
                    {
                        warnings.Add($"{path}: title '{name}' does not match the file name '{topic}'");
                    }

                    break;
                case HeadingBlock { Level: 2 } heading:
                    var section = PlainText.Inline(heading.Inline).ToUpperInvariant();
                    sawShortDescription |= section == "SHORT DESCRIPTION";
                    output.Append(section).Append('\n');
                    break;
                case HeadingBlock heading:
                    output.Append(Indent).Append(PlainText.Inline(heading.Inline)).Append('\n')
                        .Append(Indent).Append(new string('-', PlainText.Inline(heading.Inline).Length)).Append("\n\n");
                    break;
                case CodeBlock code:
                    foreach (var line in PlainText.CodeText(code).Split('\n'))
                    {
                        output.Append(line.Length == 0 ? string.Empty : Indent + Indent + line).Append('\n');
                    }

                    output.Append('\n');
                    break;
                default:
                    foreach (var paragraph in PlainText.Paragraphs([block]))
                    {
                        AppendWrapped(output, paragraph);
                        output.Append('\n');
                    }

                    break;
            }
        }

        if (!sawShortDescription)
        {
            warnings.Add($"{path}: no '## SHORT DESCRIPTION' section (Get-Help lists about topics by it)");
        }

        return output.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Wraps each line of a paragraph; a line that starts with spaces (code, list continuation) keeps them.</summary>
    private static void AppendWrapped(StringBuilder output, string paragraph)
    {
        foreach (var line in paragraph.Split('\n'))
        {
            var leading = line.Length - line.TrimStart().Length;
            if (leading >= 4)
            {
                output.Append(Indent).Append(line).Append('\n'); // preformatted text inside a list or quote
                continue;
            }

            var bulletWidth = line.StartsWith("- ", StringComparison.Ordinal) ? 2 : NumberedPrefix(line);
            var hanging = Indent + new string(' ', leading + bulletWidth);
            var current = new StringBuilder(Indent);
            var first = true;
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!first && current.Length + 1 + word.Length > Width)
                {
                    output.Append(current.ToString().TrimEnd()).Append('\n');
                    current.Clear().Append(hanging);
                    first = true;
                }

                if (first && current.Length == Indent.Length && leading > 0)
                {
                    current.Append(' ', leading);
                }

                if (!first)
                {
                    current.Append(' ');
                }

                current.Append(word);
                first = false;
            }

            output.Append(current.ToString().TrimEnd()).Append('\n');
        }
    }

    private static int NumberedPrefix(string line)
    {
        var dot = line.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 && dot <= 3 && line[..dot].All(char.IsDigit) ? dot + 2 : 0;
    }
}
