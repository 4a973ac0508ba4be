using System.Text;

namespace KvsReporting.Detections;

/// <summary>
/// Turns a PowerShell-style wildcard (<c>*</c> any run, <c>?</c> one character) into a SQL LIKE pattern with
/// <c>\</c> as the escape character, so the user's <c>%</c>, <c>_</c> and <c>\</c> match themselves.
/// </summary>
public static class WildcardPattern
{
    public const char Escape = '\\';

    public static bool HasWildcards(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.AsSpan().IndexOfAny('*', '?') >= 0;
    }

    public static string ToLike(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var builder = new StringBuilder(pattern.Length + 4);
        foreach (var c in pattern)
        {
            switch (c)
            {
                case '*':
                    builder.Append('%');
                    break;
                case '?':
                    builder.Append('_');
                    break;
                case '%' or '_' or Escape:
                    builder.Append(Escape).Append(c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
