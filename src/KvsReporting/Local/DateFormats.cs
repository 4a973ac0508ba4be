using System.Text;

namespace KvsReporting.Local;

/// <summary>
/// Translates Athena's date format strings into DuckDB's strftime/strptime specifiers: MySQL-style formats
/// (date_parse, date_format) and Joda-style patterns (parse_datetime, format_datetime). A specifier without a
/// DuckDB equivalent is an <see cref="UnsupportedAthenaSqlException"/> naming it, never a silent wrong date.
/// </summary>
internal static class DateFormats
{
    public static string FromMySql(string format, bool parsing)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length)
            {
                sb.Append(c);
                continue;
            }

            var spec = format[++i];
            sb.Append(spec switch
            {
                'Y' => "%Y",
                'y' => "%y",
                'm' => "%m",
                'c' => parsing ? "%m" : "%-m",
                'd' => "%d",
                'e' => parsing ? "%d" : "%-d",
                'H' => "%H",
                'k' => parsing ? "%H" : "%-H",
                'h' or 'I' => "%I",
                'l' => parsing ? "%I" : "%-I",
                'i' => "%M",
                's' or 'S' => "%S",
                'f' => "%f",
                'p' => "%p",
                'T' => "%H:%M:%S",
                'r' => "%I:%M:%S %p",
                'M' => "%B",
                'b' => "%b",
                'a' => "%a",
                'W' => "%A",
                'j' => "%j",
                '%' => "%%",
                _ => throw new UnsupportedAthenaSqlException($"%{spec}", $"The date format specifier '%{spec}' has no equivalent on the local engine."),
            });
        }

        return sb.ToString();
    }

    public static string FromJoda(string pattern, bool parsing)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var end = pattern.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    end = pattern.Length;
                }

                sb.Append(end == i + 1 ? "'" : pattern[(i + 1)..end].Replace("%", "%%", StringComparison.Ordinal));
                i = end + 1;
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                sb.Append(c == '%' ? "%%" : c.ToString());
                i++;
                continue;
            }

            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c)
            {
                run++;
            }

            sb.Append(Joda(c, run, parsing) ?? throw new UnsupportedAthenaSqlException(new string(c, run), $"The date pattern letter '{new string(c, run)}' has no equivalent on the local engine."));
            i += run;
        }

        return sb.ToString();
    }

    private static string? Joda(char letter, int count, bool parsing) => letter switch
    {
        'y' or 'Y' or 'x' => count == 2 ? "%y" : "%Y",
        'M' => count switch { 1 => parsing ? "%m" : "%-m", 2 => "%m", 3 => "%b", _ => "%B" },
        'd' => count == 1 && !parsing ? "%-d" : "%d",
        'H' => count == 1 && !parsing ? "%-H" : "%H",
        'h' => count == 1 && !parsing ? "%-I" : "%I",
        'm' => count == 1 && !parsing ? "%-M" : "%M",
        's' => count == 1 && !parsing ? "%-S" : "%S",
        'S' => count switch { <= 3 => "%g", 6 => "%f", 9 => "%n", _ => null },
        'a' => "%p",
        'E' => count >= 4 ? "%A" : "%a",
        'D' => "%j",
        'Z' => "%z",
        'z' => "%Z",
        _ => null,
    };
}
