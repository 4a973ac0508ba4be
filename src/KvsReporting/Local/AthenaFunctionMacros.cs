namespace KvsReporting.Local;

/// <summary>
/// Presto/Trino functions that Athena users write and DuckDB knows under another name or as a cast. Each is a
/// temporary macro, so the user's SQL text stays as written and DuckDB still checks argument counts. Functions
/// whose arguments need rewriting (format strings, argument order) are handled by <see cref="AthenaSqlTranslator"/>.
/// </summary>
/// <remarks>
/// from_iso8601_timestamp answers a UTC TIMESTAMP rather than Trino's timestamp with time zone: DuckDB's
/// TIMESTAMPTZ goes through ICU for parsing and for every date_trunc, which made an hourly summary of 10M
/// detections two to three times slower. The instants are the same (Athena's session zone is UTC). Text in the
/// crawler's canonical form (UTC, microseconds, no offset) is cast directly; anything else, offsets included,
/// goes through TIMESTAMPTZ and is converted to UTC (a plain TIMESTAMP cast would drop the offset). The form is
/// recognised with one GLOB: over 10M rows it adds about 0.5 s of CPU to the cast, where six substr() comparisons
/// added 2 s and a regular expression 3 s (DuckDB 1.5.6, 2 cores).
/// </remarks>
public static class AthenaFunctionMacros
{
    public const string Script = """
        CREATE OR REPLACE TEMP MACRO from_iso8601_timestamp(s) AS CASE
            WHEN s GLOB '????-??-??T??:??:??.[0-9][0-9][0-9][0-9][0-9][0-9]' THEN CAST(s AS TIMESTAMP)
            ELSE CAST(CAST(s AS TIMESTAMPTZ) AS TIMESTAMP) END;
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
