using System.Globalization;
using System.Xml.Linq;

namespace KvsReporting.HelpBuilder;

/// <summary>
/// Writes PowerShell's MAML command help. Text comes from the markdown page; every binding fact (type,
/// required, position, pipeline input, aliases, wildcards, default, accepted values, syntax) comes from the
/// cmdlet's metadata, so help cannot drift from the code.
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<(CommandMetadata Metadata, CommandHelpDocument Help)> commands)
    {
        var root = new XElement(
            Msh + "helpItems",
            new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            commands.Select(c => CommandElement(c.Metadata, c.Help)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static XElement CommandElement(CommandMetadata metadata, CommandHelpDocument help)
    {
        var parameters = AllParameters(metadata).ToList();
        return new XElement(
            Command + "command",
            new XElement(
                Command + "details",
                new XElement(Command + "name", metadata.Name),
                new XElement(Command + "verb", metadata.Verb),
                new XElement(Command + "noun", metadata.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", SyntaxItems(metadata, help)),
            new XElement(
                Command + "parameters",
                parameters.Select(p => ParameterElement(p, DescriptionOf(help, p.Name), p.Position, p.IsMandatoryEverywhere, p.ValueFromPipeline, p.ValueFromPipelineByPropertyName, inSyntax: false))),
            new XElement(Command + "inputTypes", Inputs(metadata, help).Select(e => TypedEntry(Command + "inputType", e))),
            new XElement(Command + "returnValues", Outputs(metadata, help).Select(e => TypedEntry(Command + "returnValue", e))),
            help.Notes.Count == 0 ? null : new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select((e, i) => ExampleElement(e, i + 1))),
            new XElement(
                Command + "relatedLinks",
                help.Links.Select(l => new XElement(
                    Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text),
                    new XElement(Maml + "uri", l.Uri)))));
    }

    /// <summary>The cmdlet's own parameters, then -WhatIf and -Confirm when it supports ShouldProcess.</summary>
    public static IEnumerable<ParameterMetadata> AllParameters(CommandMetadata metadata)
    {
        foreach (var parameter in metadata.Parameters)
        {
            yield return parameter;
        }

        if (metadata.SupportsShouldProcess)
        {
            foreach (var name in new[] { "WhatIf", "Confirm" })
            {
                if (metadata.Parameters.Any(p => p.Name == name))
                {
                    continue;
                }

                var sets = metadata.ParameterSets.Select(s => new ParameterInSet(s.Name, false, ParameterMetadata.Named, false, false, false)).ToList();
                yield return new ParameterMetadata(
                    name, "SwitchParameter", "System.Management.Automation.SwitchParameter", IsSwitch: true, IsDynamic: false,
                    Aliases: [name == "WhatIf" ? "wi" : "cf"], SupportsWildcards: false, DefaultValue: null, PossibleValues: [], sets);
            }
        }
    }

    /// <summary>Descriptions for -WhatIf and -Confirm when the page does not write its own.</summary>
    public static List<string> DescriptionOf(CommandHelpDocument help, string parameter)
    {
        if (help.Parameters.TryGetValue(parameter, out var text) && text.Count > 0)
        {
            return text;
        }

        return parameter switch
        {
            "WhatIf" => ["Shows what would happen if the cmdlet runs. The cmdlet is not run."],
            "Confirm" => ["Prompts you for confirmation before running the cmdlet."],
            _ => [],
        };
    }

    private static IEnumerable<XElement> SyntaxItems(CommandMetadata metadata, CommandHelpDocument help)
    {
        var all = AllParameters(metadata).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var sets = metadata.ParameterSets
            .OrderByDescending(s => s.IsDefault || s.Name == metadata.DefaultParameterSet)
            .ToList();
        foreach (var set in sets)
        {
            // PowerShell's own syntax order: positional by position, then mandatory named, then the rest.
            var members = set.Parameters
                .Select(p => (Set: p, Meta: all[p.Name]))
                .Concat(all.Values.Where(p => p.Name is "WhatIf" or "Confirm" && !set.Parameters.Any(s => s.Name == p.Name))
                    .Select(p => (Set: new SetParameter(p.Name, false, ParameterMetadata.Named, false, false), Meta: p)))
                .OrderBy(m => m.Set.Position == ParameterMetadata.Named ? 1 : 0)
                .ThenBy(m => m.Set.Position)
                .ThenBy(m => m.Set.IsMandatory ? 0 : 1)
                .ToList();
            yield return new XElement(
                Command + "syntaxItem",
                new XElement(Maml + "name", metadata.Name),
                members.Select(m => ParameterElement(
                    m.Meta, DescriptionOf(help, m.Meta.Name), m.Set.Position, m.Set.IsMandatory, m.Set.ValueFromPipeline, m.Set.ValueFromPipelineByPropertyName, inSyntax: true)));
        }
    }

    private static XElement ParameterElement(
        ParameterMetadata parameter, List<string> description, int position, bool required, bool byValue, bool byPropertyName, bool inSyntax)
    {
        var element = new XElement(
            Command + "parameter",
            new XAttribute("required", Bool(required)),
            new XAttribute("variableLength", Bool(parameter.Type.EndsWith("[]", StringComparison.Ordinal))),
            new XAttribute("globbing", Bool(parameter.SupportsWildcards)),
            new XAttribute("pipelineInput", PipelineInput(byValue, byPropertyName)),
            new XAttribute("position", position == ParameterMetadata.Named ? "named" : position.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(description));

        if (parameter.PossibleValues.Count > 0)
        {
            element.Add(new XElement(
                Command + "parameterValueGroup",
                parameter.PossibleValues.Select(v => new XElement(
                    Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }

        if (!(inSyntax && parameter.IsSwitch))
        {
            element.Add(new XElement(
                Command + "parameterValue",
                new XAttribute("required", Bool(!parameter.IsSwitch)),
                new XAttribute("variableLength", Bool(parameter.Type.EndsWith("[]", StringComparison.Ordinal))),
                parameter.Type));
        }

        element.Add(
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.TypeFullName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", parameter.DefaultValue ?? (parameter.IsSwitch ? "False" : "None")));
        return element;
    }

    public static IEnumerable<TypedHelpEntry> Inputs(CommandMetadata metadata, CommandHelpDocument help)
    {
        if (help.Inputs.Count > 0)
        {
            return help.Inputs;
        }

        // Generated when the page documents none: what binds from the pipeline, by value.
        var byValue = metadata.Parameters.Where(p => p.ValueFromPipeline).ToList();
        if (byValue.Count == 0)
        {
            return [];
        }

        return byValue.Select(p => new TypedHelpEntry(p.TypeFullName, [$"You can pipe a {p.Type} to the {p.Name} parameter."]));
    }

    /// <summary>[OutputType] types first (described by the page's OUTPUTS entries), then page-only entries.</summary>
    public static IEnumerable<TypedHelpEntry> Outputs(CommandMetadata metadata, CommandHelpDocument help)
    {
        var used = new HashSet<TypedHelpEntry>();
        foreach (var type in metadata.OutputTypes)
        {
            var entry = help.Outputs.FirstOrDefault(o => SameType(o.TypeName, type));
            if (entry is not null)
            {
                used.Add(entry);
            }

            yield return new TypedHelpEntry(type == "System.Void" ? "None" : type, entry?.Description ?? []);
        }

        foreach (var entry in help.Outputs.Where(o => !used.Contains(o)))
        {
            yield return entry;
        }
    }

    public static bool SameType(string documented, string fullName) =>
        string.Equals(documented, fullName, StringComparison.OrdinalIgnoreCase)
        || (fullName == "System.Void" && string.Equals(documented, "None", StringComparison.OrdinalIgnoreCase))
        || string.Equals(documented, fullName[(fullName.LastIndexOf('.') + 1)..], StringComparison.OrdinalIgnoreCase);

    private static XElement TypedEntry(XName name, TypedHelpEntry entry) =>
        new(
            name,
            new XElement(Dev + "type", new XElement(Maml + "name", entry.TypeName)),
            Description(entry.Description));

    private static XElement ExampleElement(HelpExample example, int number)
    {
        var title = example.Title.StartsWith("Example", StringComparison.OrdinalIgnoreCase)
            ? example.Title
            : $"Example {number}: {example.Title}";
        return new XElement(
            Command + "example",
            new XElement(Maml + "title", $"---------- {title} ----------"),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paras(example.Remarks)));
    }

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Bool(bool value) => value ? "true" : "false";

    private static string PipelineInput(bool byValue, bool byPropertyName) => (byValue, byPropertyName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };
}
