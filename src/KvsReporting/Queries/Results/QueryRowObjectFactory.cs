using System.Globalization;
using System.Management.Automation;

namespace KvsReporting.Queries.Results;

/// <summary>
/// Turns result rows into PowerShell objects with one property per column, in column order. Column names are
/// kept as Athena returned them; a repeated name gets a suffix (<c>id</c>, <c>id_2</c>, <c>id_3</c>) because an
/// object cannot have two properties of one name, and an empty name becomes <c>_col&lt;n&gt;</c> (Athena's own
/// name for an unnamed expression). The property names are computed once per result.
/// </summary>
public sealed class QueryRowObjectFactory
{
    private readonly string[] names;

    public QueryRowObjectFactory(IReadOnlyList<QueryColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        names = UniqueNames(columns.Select(c => c.Name).ToList());
    }

    public IReadOnlyList<string> PropertyNames => names;

    public PSObject Create(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new PSObject();
        for (var i = 0; i < names.Length; i++)
        {
            result.Properties.Add(new PSNoteProperty(names[i], i < values.Length ? values[i] : null));
        }

        return result;
    }

    public static string[] UniqueNames(IReadOnlyList<string> columnNames)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // PowerShell property names ignore case
        var result = new string[columnNames.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var name = string.IsNullOrEmpty(columnNames[i]) ? "_col" + i.ToString(CultureInfo.InvariantCulture) : columnNames[i];
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = name + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            result[i] = candidate;
        }

        return result;
    }
}
