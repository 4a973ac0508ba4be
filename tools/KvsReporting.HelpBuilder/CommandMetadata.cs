namespace KvsReporting.HelpBuilder;

/// <summary>Binding facts of the module's cmdlets, as written by tools/Export-CommandMetadata.ps1.</summary>
internal sealed record ModuleMetadata(string Module, string Version, IReadOnlyList<CommandMetadata> Commands);

internal sealed record CommandMetadata(
    string Name,
    string Verb,
    string Noun,
    string ImplementingType,
    bool SupportsShouldProcess,
    string? DefaultParameterSet,
    IReadOnlyList<string> OutputTypes,
    IReadOnlyList<ParameterMetadata> Parameters,
    IReadOnlyList<ParameterSetMetadata> ParameterSets);

internal sealed record ParameterMetadata(
    string Name,
    string Type,
    string TypeFullName,
    bool IsSwitch,
    bool IsDynamic,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    string? DefaultValue,
    IReadOnlyList<string> PossibleValues,
    IReadOnlyList<ParameterInSet> Sets)
{
    /// <summary>PowerShell reports a parameter without a position as int.MinValue.</summary>
    public const int Named = int.MinValue;

    public bool IsMandatoryEverywhere => Sets.Count > 0 && Sets.All(s => s.IsMandatory);

    public bool ValueFromPipeline => Sets.Any(s => s.ValueFromPipeline);

    public bool ValueFromPipelineByPropertyName => Sets.Any(s => s.ValueFromPipelineByPropertyName);

    /// <summary>The position when every set agrees on it; otherwise the parameter is shown as named.</summary>
    public int Position =>
        Sets.Select(s => s.Position).Distinct().Count() == 1 ? Sets[0].Position : Named;
}

internal sealed record ParameterInSet(
    string SetName,
    bool IsMandatory,
    int Position,
    bool ValueFromPipeline,
    bool ValueFromPipelineByPropertyName,
    bool ValueFromRemainingArguments);

internal sealed record ParameterSetMetadata(string Name, bool IsDefault, IReadOnlyList<SetParameter> Parameters);

internal sealed record SetParameter(
    string Name,
    bool IsMandatory,
    int Position,
    bool ValueFromPipeline,
    bool ValueFromPipelineByPropertyName);
