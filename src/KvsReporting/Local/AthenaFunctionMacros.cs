namespace KvsReporting.Local;

/// <summary>
/// Presto/Trino functions that Athena users write and DuckDB knows under another name or as a cast. Each is a
/// temporary macro, so the user's SQL text stays as written and DuckDB still checks argument counts. Functions
/// whose arguments need rewriting (format strings, argument order) are handled by <see cref="AthenaSqlTranslator"/>.
/// </summary>
internal static class AthenaFunctionMacros
{
    public const string Script = """
        CREATE OR REPLACE TEMP MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ);
        CREATE OR REPLACE TEMP MACRO from_iso8601_date(s) AS CAST(s AS DATE);
        CREATE OR REPLACE TEMP MACRO from_unixtime(n) AS to_timestamp(n);
        CREATE OR REPLACE TEMP MACRO to_unixtime(t) AS epoch(t);
        CREATE OR REPLACE TEMP MACRO approx_distinct(x) AS approx_count_distinct(x);
        CREATE OR REPLACE TEMP MACRO approx_percentile(x, p) AS approx_quantile(x, p);
        CREATE OR REPLACE TEMP MACRO regexp_like(s, p) AS regexp_matches(s, p);
        CREATE OR REPLACE TEMP MACRO day_of_week(t) AS isodow(t);
        CREATE OR REPLACE TEMP MACRO day_of_month(t) AS dayofmonth(t);
        CREATE OR REPLACE TEMP MACRO day_of_year(t) AS dayofyear(t);
        CREATE OR REPLACE TEMP MACRO json_extract_scalar(j, p) AS json_extract_string(j, p);
        CREATE OR REPLACE TEMP MACRO array_join(a, sep) AS array_to_string(a, sep);
        """;
}
