using System.Text;
using DuckDB.NET.Data;

namespace KvsReporting.Local;

/// <summary>The merge step of a crawl: schema evolution and the keyed upsert, in one transaction.</summary>
internal static class LocalCrawlMerge
{
    private const string ColumnsTable = "\"AwsDataCatalog\".kvs_internal.columns";

    public sealed record Counts(bool TableCreated, bool SchemaChanged, long Added, long Updated, long Unchanged, long Duplicates);

    public static Counts Merge(DuckDBConnection connection, string stage, string table, GlueSchema inferred)
    {
        var target = $"{LocalCatalog.Quote(LocalCatalog.GlueCatalog)}.{LocalCatalog.Quote(LocalCatalog.GlueDatabase)}.{LocalCatalog.Quote(table)}";
        LocalDatabase.Execute(connection, $"CREATE TABLE IF NOT EXISTS {ColumnsTable} (table_name VARCHAR, column_name VARCHAR, glue_type VARCHAR, position INTEGER, PRIMARY KEY (table_name, column_name))");
        LocalDatabase.Execute(connection, "BEGIN TRANSACTION");
        try
        {
            var created = !LocalDatabase.ListGlueTables(connection).Contains(table, StringComparer.Ordinal);
            var known = KnownColumns(connection, table);
            var changed = false;
            if (created)
            {
                var columns = string.Join(", ", GlueSchema.DetectionColumns.Select(c => $"{LocalCatalog.Quote(c.Name)} {c.DuckDbType}"));
                LocalDatabase.Execute(connection, $"CREATE TABLE {target} ({columns})");
            }

            if (known.Count == 0)
            {
                // A table the catalog does not know yet (created here, or by SQL): register its columns.
                changed = !created;
                var position = 0;
                foreach (var c in GlueSchema.DetectionColumns)
                {
                    SaveColumn(connection, table, c.Name, c.GlueType, position++);
                    known[c.Name] = GlueType.Parse(c.GlueType);
                }
            }

            foreach (var (name, type) in inferred.Columns.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                if (!known.TryGetValue(name, out var existing))
                {
                    LocalDatabase.Execute(connection, $"ALTER TABLE {target} ADD COLUMN {LocalCatalog.Quote(name)} {type.DuckDbType}");
                    SaveColumn(connection, table, name, type.ToString(), known.Count);
                    known[name] = type;
                    changed = true;
                }
                else
                {
                    var merged = GlueType.Merge(existing, type);
                    if (merged.ToString() != existing.ToString())
                    {
                        if (merged.DuckDbType != existing.DuckDbType)
                        {
                            LocalDatabase.Execute(connection, $"ALTER TABLE {target} ALTER COLUMN {LocalCatalog.Quote(name)} TYPE {merged.DuckDbType}");
                        }

                        SaveColumn(connection, table, name, merged.ToString(), -1);
                        known[name] = merged;
                        changed = true;
                    }
                }
            }

            var extras = known.Keys.Where(k => !GlueSchema.IsDetectionColumn(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
            var select = new StringBuilder("image_name, license_plate, confidence, bucket_name, \"timestamp\"");
            foreach (var name in extras)
            {
                var path = LocalCatalog.Literal("$." + LocalCatalog.Quote(name));
                select.Append(", ").Append(known[name] switch
                {
                    { IsNested: true } => $"json_extract(extras, {path})",
                    { Kind: "string" } => $"json_extract_string(extras, {path})",
                    var t => $"TRY_CAST(json_extract_string(extras, {path}) AS {t.DuckDbType})",
                }).Append(" AS ").Append(LocalCatalog.Quote(name));
            }

            var allColumns = new[] { "image_name", "license_plate", "confidence", "bucket_name", "timestamp" }.Concat(extras).ToList();
            var differs = string.Join(" OR ", allColumns.Skip(1).Select(c => $"s.{LocalCatalog.Quote(c)} IS DISTINCT FROM t.{LocalCatalog.Quote(c)}"));
            LocalDatabase.Execute(connection, $"""
                CREATE OR REPLACE TEMP TABLE kvs_dedup AS
                SELECT {select} FROM temp.main.{stage}
                QUALIFY row_number() OVER (PARTITION BY image_name ORDER BY seq DESC) = 1
                """);
            LocalDatabase.Execute(connection, $"""
                CREATE OR REPLACE TEMP TABLE kvs_changes AS
                SELECT s.*, t.image_name IS NULL AS kvs_is_new
                FROM temp.main.kvs_dedup s LEFT JOIN {target} t ON t.image_name = s.image_name
                WHERE t.image_name IS NULL OR {differs}
                """);
            var staged = Scalar(connection, $"SELECT count(*) FROM temp.main.{stage}");
            var distinct = Scalar(connection, "SELECT count(*) FROM temp.main.kvs_dedup");
            var added = Scalar(connection, "SELECT count(*) FROM temp.main.kvs_changes WHERE kvs_is_new");
            var updated = Scalar(connection, "SELECT count(*) FROM temp.main.kvs_changes WHERE NOT kvs_is_new");
            var columnList = string.Join(", ", allColumns.Select(LocalCatalog.Quote));
            if (updated > 0)
            {
                LocalDatabase.Execute(connection, $"DELETE FROM {target} WHERE image_name IN (SELECT image_name FROM temp.main.kvs_changes WHERE NOT kvs_is_new)");
            }

            if (added + updated > 0)
            {
                LocalDatabase.Execute(connection, $"INSERT INTO {target} ({columnList}) SELECT {columnList} FROM temp.main.kvs_changes");
            }

            LocalDatabase.Execute(connection, "COMMIT");
            LocalDatabase.Execute(connection, "DROP TABLE IF EXISTS temp.main.kvs_changes");
            LocalDatabase.Execute(connection, "DROP TABLE IF EXISTS temp.main.kvs_dedup");
            if (created || changed)
            {
                LocalDatabase.RefreshConnectorViews(connection, table);
            }

            return new Counts(created, changed, added, updated, distinct - added - updated, staged - distinct);
        }
        catch
        {
            LocalDatabase.Execute(connection, "ROLLBACK");
            throw;
        }
    }

    /// <summary>The crawled table's columns with their Glue types, as recorded by earlier crawls.</summary>
    public static Dictionary<string, GlueType> KnownColumns(DuckDBConnection connection, string table)
    {
        var result = new Dictionary<string, GlueType>(StringComparer.Ordinal);
        if (!LocalDatabase.ListGlueTables(connection).Contains(table, StringComparer.Ordinal))
        {
            return result;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT column_name, glue_type FROM {ColumnsTable} WHERE table_name = ? ORDER BY position";
        command.Parameters.Add(new DuckDBParameter(table));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetString(0)] = GlueType.Parse(reader.GetString(1));
        }

        return result;
    }

    private static void SaveColumn(DuckDBConnection connection, string table, string column, string glueType, int position)
    {
        using var command = connection.CreateCommand();
        command.CommandText = position >= 0
            ? $"INSERT OR REPLACE INTO {ColumnsTable} VALUES (?, ?, ?, ?)"
            : $"UPDATE {ColumnsTable} SET glue_type = ? WHERE table_name = ? AND column_name = ?";
        if (position >= 0)
        {
            command.Parameters.Add(new DuckDBParameter(table));
            command.Parameters.Add(new DuckDBParameter(column));
            command.Parameters.Add(new DuckDBParameter(glueType));
            command.Parameters.Add(new DuckDBParameter(position));
        }
        else
        {
            command.Parameters.Add(new DuckDBParameter(glueType));
            command.Parameters.Add(new DuckDBParameter(table));
            command.Parameters.Add(new DuckDBParameter(column));
        }

        command.ExecuteNonQuery();
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
