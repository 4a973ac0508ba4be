using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KvsReporting.HelpBuilder;

/// <summary>
/// Renders Markdown blocks as the plain paragraphs Get-Help shows: emphasis and code marks dropped, links as
/// their text (external ones followed by the address), lists as "- " lines, code blocks indented.
/// </summary>
internal static class PlainText
{
    public static List<string> Paragraphs(IEnumerable<Block> blocks)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks)
        {
            AddBlock(block, paragraphs, indent: string.Empty);
        }

        return paragraphs;
    }

    public static string Inline(ContainerInline? container)
    {
        if (container is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        AppendInlines(container, builder);
        return builder.ToString().Trim();
    }

    public static string CodeText(LeafBlock code)
    {
        var lines = code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString());
        return string.Join('\n', lines).TrimEnd();
    }

    private static void AddBlock(Block block, List<string> paragraphs, string indent)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                paragraphs.Add(indent + Inline(paragraph.Inline));
                break;
            case HeadingBlock heading:
                paragraphs.Add(indent + Inline(heading.Inline));
                break;
            case CodeBlock code:
                var text = CodeText(code);
                paragraphs.Add(string.Join('\n', text.Split('\n').Select(line => indent + "    " + line)));
                break;
            case ListBlock list:
                // One paragraph for the whole list: Get-Help would put a blank line between separate paras.
                var items = new List<string>();
                AddList(list, items, indent);
                paragraphs.Add(string.Join('\n', items));
                break;
            case Table table:
                paragraphs.Add(RenderTable(table, indent));
                break;
            case QuoteBlock quote:
                foreach (var inner in quote)
                {
                    AddBlock(inner, paragraphs, indent + "  ");
                }

                break;
            case ContainerBlock container:
                foreach (var inner in container)
                {
                    AddBlock(inner, paragraphs, indent);
                }

                break;
            default:
                // thematic breaks, HTML comments and blank lines carry nothing Get-Help can show
                break;
        }
    }

    private static void AddList(ListBlock list, List<string> paragraphs, string indent)
    {
        // A list interrupted by a code block continues in markdown as "2." etc.; keep the author's number.
        var number = int.TryParse(list.OrderedStart, System.Globalization.CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var bullet = list.IsOrdered ? $"{number++}. " : "- ";
            var inner = Paragraphs(item);
            if (inner.Count == 0)
            {
                continue;
            }

            var continuation = new string(' ', bullet.Length);
            var lines = string.Join('\n', inner).Split('\n');
            var rendered = new StringBuilder(indent + bullet + lines[0]);
            foreach (var line in lines.Skip(1))
            {
                rendered.Append('\n').Append(indent).Append(continuation).Append(line);
            }

            paragraphs.Add(rendered.ToString());
        }
    }

    private static string RenderTable(Table table, string indent)
    {
        var rows = table.OfType<TableRow>()
            .Select(row => row.OfType<TableCell>().Select(cell => string.Join(' ', Paragraphs(cell))).ToList())
            .ToList();
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns)
            .Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0))
            .ToArray();
        var lines = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Select((cell, c) => cell.PadRight(widths[c]));
            lines.Add(indent + string.Join("  ", cells).TrimEnd());
            if (i == 0 && table.OfType<TableRow>().First().IsHeader)
            {
                lines.Add(indent + string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }

        return string.Join('\n', lines);
    }

    private static void AppendInlines(ContainerInline container, StringBuilder builder)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    builder.Append(lineBreak.IsHard ? "\n" : " ");
                    break;
                case AutolinkInline autolink:
                    builder.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var start = builder.Length;
                    AppendInlines(link, builder);
                    var text = builder.ToString(start, builder.Length - start);
                    if (IsExternal(link.Url) && !string.Equals(text, link.Url, StringComparison.Ordinal))
                    {
                        builder.Append(" (").Append(link.Url).Append(')');
                    }

                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline:
                    break;
                case ContainerInline inner:
                    AppendInlines(inner, builder);
                    break;
                default:
                    builder.Append(inline.ToString());
                    break;
            }
        }
    }

    public static bool IsExternal(string? url) =>
        url is not null && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
