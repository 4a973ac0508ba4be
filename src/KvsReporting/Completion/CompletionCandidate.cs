using System.Management.Automation;

namespace KvsReporting.Completion;

/// <summary>One value a completer offers, with the tooltip shown in menu completion.</summary>
public sealed record CompletionCandidate(string Value, string? ToolTip = null)
{
    /// <summary>
    /// Keeps the candidates that start with (or, when the user typed a wildcard, match) the word being
    /// completed, sorted, quoted where PowerShell needs quotes, and quoted the way the user started quoting.
    /// </summary>
    internal static IEnumerable<CompletionResult> ToResults(IEnumerable<CompletionCandidate> candidates, string? wordToComplete)
    {
        var (quote, word) = SplitQuote(wordToComplete ?? string.Empty);
        var pattern = WildcardPattern.ContainsWildcardCharacters(word)
            ? new WildcardPattern(word, WildcardOptions.IgnoreCase)
            : new WildcardPattern(WildcardPattern.Escape(word) + "*", WildcardOptions.IgnoreCase);
        return candidates
            .Where(c => pattern.IsMatch(c.Value))
            .DistinctBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
            .OrderBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CompletionResult(Quote(c.Value, quote), c.Value, CompletionResultType.ParameterValue, c.ToolTip ?? c.Value));
    }

    private static (char? Quote, string Word) SplitQuote(string word)
    {
        if (word.Length > 0 && (word[0] == '\'' || word[0] == '"'))
        {
            var quote = word[0];
            var rest = word[1..];
            return (quote, rest.Length > 0 && rest[^1] == quote ? rest[..^1] : rest);
        }

        return (null, word);
    }

    private static string Quote(string value, char? quote)
    {
        if (quote is null && !NeedsQuotes(value))
        {
            return value;
        }

        return quote == '"'
            ? "\"" + value.Replace("`", "``", StringComparison.Ordinal).Replace("\"", "`\"", StringComparison.Ordinal).Replace("$", "`$", StringComparison.Ordinal) + "\""
            : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static bool NeedsQuotes(string value) =>
        value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || "'\"`$@(){}[];,|&<>#".Contains(c, StringComparison.Ordinal));
}
