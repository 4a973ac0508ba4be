using KvsReporting.Local;

namespace KvsReporting.Diagnostics;

/// <summary>
/// Judges a catalogued detections table the same way on both engines: the five attributes the Lambda writes
/// must be columns (reports and Get-KvsDetection read them all), with the types the Glue crawler gives them
/// (a different type still queries, but comparisons and sums then need casts).
/// </summary>
public static class DetectionTableShape
{
    /// <param name="table">How the row names the table (catalog.database.table).</param>
    /// <param name="columns">The table's columns with Glue type names (string, double, bigint...).</param>
    /// <param name="rows">Row count, when known cheaply (local engine).</param>
    /// <param name="missingFix">What to do when columns are missing or mistyped.</param>
    public static KvsDiagnostic Evaluate(string table, IReadOnlyList<(string Name, string Type)> columns, long? rows, string missingFix)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, type) in columns)
        {
            byName[name] = type;
        }

        var missing = GlueSchema.DetectionColumns.Where(c => !byName.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        var mistyped = GlueSchema.DetectionColumns
            .Where(c => byName.TryGetValue(c.Name, out var t) && !string.Equals(t, c.GlueType, StringComparison.OrdinalIgnoreCase))
            .Select(c => $"{c.Name} is {byName[c.Name]} (expected {c.GlueType})")
            .ToList();
        var extras = columns.Count - (GlueSchema.DetectionColumns.Count - missing.Count);
        var count = rows is { } n ? $"{n} row(s), " : string.Empty;
        if (missing.Count > 0)
        {
            return KvsDiagnostic.Fail(
                DiagnosticCheck.DetectionsTable,
                table,
                $"{table} lacks column(s) {string.Join(", ", missing)}" + (mistyped.Count > 0 ? $"; {string.Join("; ", mistyped)}" : string.Empty) + ". Reports and Get-KvsDetection read all five detection columns.",
                missingFix);
        }

        if (mistyped.Count > 0)
        {
            return KvsDiagnostic.Warn(
                DiagnosticCheck.DetectionsTable,
                table,
                $"{table}: {string.Join("; ", mistyped)}. Queries run, but comparisons and sums need casts.",
                missingFix);
        }

        return KvsDiagnostic.Pass(
            DiagnosticCheck.DetectionsTable,
            table,
            $"{table}: {count}image_name, license_plate, confidence, bucket_name, timestamp with the crawler's types" + (extras > 0 ? $", and {extras} other column(s)." : "."));
    }
}
