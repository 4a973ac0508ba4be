namespace KvsReporting.Queries.Types;

/// <summary>The family an Athena type belongs to; value conversion switches on this, not on names.</summary>
public enum AthenaTypeKind
{
    /// <summary>A type the module does not know (uuid, ipaddress, geometry, ...): values stay strings.</summary>
    Other,
    Boolean,
    TinyInt,
    SmallInt,
    Integer,
    BigInt,
    Real,
    Double,
    Decimal,
    Varchar,
    Char,
    Date,
    Timestamp,
    TimestampWithTimeZone,
    Time,
    TimeWithTimeZone,
    IntervalDayToSecond,
    IntervalYearToMonth,
    Varbinary,
    Json,
    Array,
    Map,
    Row,
}

/// <summary>One field of a row type; unnamed fields (<c>row(integer, varchar)</c>) have no name.</summary>
public sealed record AthenaField(string? Name, AthenaType Type);

/// <summary>
/// A parsed Athena type signature such as <c>decimal(10,2)</c>, <c>timestamp(3) with time zone</c> or
/// <c>array(row(a integer, b map(varchar, double)))</c>. Complex types without their element types (Athena's
/// ColumnInfo sometimes says just <c>array</c>) have no arguments; their values are then parsed generically.
/// </summary>
public sealed class AthenaType
{
    internal AthenaType(string name, AthenaTypeKind kind, IReadOnlyList<int> parameters, IReadOnlyList<AthenaType> arguments, IReadOnlyList<AthenaField> fields)
    {
        Name = name;
        Kind = kind;
        Parameters = parameters;
        Arguments = arguments;
        Fields = fields;
    }

    /// <summary>The unknown type used for untyped elements of an untyped array, map or row.</summary>
    public static AthenaType Unknown { get; } = new("unknown", AthenaTypeKind.Other, Array.Empty<int>(), Array.Empty<AthenaType>(), Array.Empty<AthenaField>());

    /// <summary>Canonical lower-case name without parameters (<c>timestamp with time zone</c>, <c>array</c>).</summary>
    public string Name { get; }

    public AthenaTypeKind Kind { get; }

    /// <summary>Numeric parameters: precision and scale of a decimal, length of a varchar, precision of a timestamp.</summary>
    public IReadOnlyList<int> Parameters { get; }

    /// <summary>Element type of an array; key and value types of a map.</summary>
    public IReadOnlyList<AthenaType> Arguments { get; }

    /// <summary>Fields of a row type.</summary>
    public IReadOnlyList<AthenaField> Fields { get; }

    /// <summary>True for array, map and row.</summary>
    public bool IsComplex => Kind is AthenaTypeKind.Array or AthenaTypeKind.Map or AthenaTypeKind.Row;

    /// <summary>Parses a type signature; see <see cref="AthenaTypeParser"/>.</summary>
    public static AthenaType Parse(string signature) => AthenaTypeParser.Parse(signature);

    public override string ToString()
    {
        if (Kind == AthenaTypeKind.Row && Fields.Count > 0)
        {
            return "row(" + string.Join(", ", Fields.Select(f => f.Name is null ? f.Type.ToString() : $"{QuoteIfNeeded(f.Name)} {f.Type}")) + ")";
        }

        if (Arguments.Count > 0)
        {
            return Name + "(" + string.Join(", ", Arguments) + ")";
        }

        if (Parameters.Count == 0)
        {
            return Name;
        }

        var args = "(" + string.Join(",", Parameters.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
        return Kind switch
        {
            AthenaTypeKind.TimestampWithTimeZone => "timestamp" + args + " with time zone",
            AthenaTypeKind.TimeWithTimeZone => "time" + args + " with time zone",
            _ => Name + args,
        };
    }

    private static string QuoteIfNeeded(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
