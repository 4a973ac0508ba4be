namespace KvsReporting.Local;

/// <summary>
/// The names the embedded catalog mirrors, so Athena SQL runs unchanged.
/// </summary>
/// <remarks>
/// How the three Athena spellings resolve in DuckDB:
/// <list type="bullet">
/// <item>The stack's database file is ATTACHed under the alias <c>AwsDataCatalog</c> (the Glue catalog's name) and
/// the crawler writes its table into the schema <c>kvsworkshop_db</c> (the Glue database). So
/// <c>"AwsDataCatalog"."kvsworkshop_db"."licenseplatedetections"</c> names the real table, and with
/// <c>USE "AwsDataCatalog"."kvsworkshop_db"</c> as the session default, <c>kvsworkshop_db.licenseplatedetections</c>
/// and unqualified names resolve exactly as under Athena's default query context.</item>
/// <item>Athena's DynamoDB connector exposes every table in a schema called <c>default</c> of its own catalog
/// (<c>kvsworkshop</c>). The file therefore also holds a schema <c>"default"</c> with one view per crawled table,
/// which makes the seed's <c>"default"."licenseplatedetections"</c> work without naming a catalog.</item>
/// <item>A file cannot be attached twice, so the connector catalog <c>kvsworkshop</c> is a small in-memory
/// database attached beside it, holding the same views. It is rebuilt whenever the engine opens; it stores no
/// data.</item>
/// </list>
/// DuckDB compares catalog, schema and table names case-insensitively, as Athena does after lower-casing them.
/// </remarks>
public static class LocalCatalog
{
    /// <summary>Athena's Glue catalog; the alias of the stack's database file.</summary>
    public const string GlueCatalog = "AwsDataCatalog";

    /// <summary>The Glue database the crawler writes to.</summary>
    public const string GlueDatabase = "kvsworkshop_db";

    /// <summary>The Athena DynamoDB connector's catalog (data source "KVSWorkshop", lower-cased by Athena).</summary>
    public const string ConnectorCatalog = "kvsworkshop";

    /// <summary>The connector's only schema.</summary>
    public const string ConnectorSchema = "default";

    /// <summary>The module's own bookkeeping (crawl log, column catalog); never shown as a Glue table.</summary>
    public const string InternalSchema = "kvs_internal";

    /// <summary>The file name of the database inside a stack folder.</summary>
    public const string DatabaseFileName = "kvsreporting.duckdb";

    /// <summary>The settings file inside a stack folder.</summary>
    public const string SettingsFileName = "stack.json";

    /// <summary>Glue names a crawled DynamoDB table after the table, lower-cased.</summary>
    public static string GlueTableName(string dynamoTableName) =>
        (dynamoTableName ?? throw new ArgumentNullException(nameof(dynamoTableName))).ToLowerInvariant();

    /// <summary>Quotes an identifier for DuckDB.</summary>
    public static string Quote(string identifier) =>
        "\"" + (identifier ?? throw new ArgumentNullException(nameof(identifier))).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Quotes a string literal for DuckDB (only for names the module controls, never for user data).</summary>
    public static string Literal(string value) =>
        "'" + (value ?? throw new ArgumentNullException(nameof(value))).Replace("'", "''", StringComparison.Ordinal) + "'";
}
