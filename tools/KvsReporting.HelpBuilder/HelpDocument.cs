namespace KvsReporting.HelpBuilder;

/// <summary>What one docs/help/&lt;Cmdlet&gt;.md says about its cmdlet (text only; binding facts come from metadata).</summary>
internal sealed class CommandHelpDocument
{
    public required string SourcePath { get; init; }

    public string Name { get; set; } = string.Empty;

    public List<string> Synopsis { get; } = [];

    public List<string> Description { get; } = [];

    public List<HelpExample> Examples { get; } = [];

    /// <summary>Parameter descriptions keyed by name without the dash.</summary>
    public Dictionary<string, List<string>> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The parameters this page itself documents (before shared descriptions are merged in).</summary>
    public HashSet<string> OwnParameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<TypedHelpEntry> Inputs { get; } = [];

    public List<TypedHelpEntry> Outputs { get; } = [];

    public List<string> Notes { get; } = [];

    public List<HelpLink> Links { get; } = [];
}

internal sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks, IReadOnlyList<string> Requirements);

/// <summary>An INPUTS or OUTPUTS entry: a type name and what it means here.</summary>
internal sealed record TypedHelpEntry(string TypeName, IReadOnlyList<string> Description);

internal sealed record HelpLink(string Text, string Uri);
