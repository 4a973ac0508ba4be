using System.Text.Json;
using KvsReporting.Aws.QuickSight;

namespace KvsReporting.QuickSight;

/// <summary>
/// The data set the module builds over the detections table: custom SQL that types every column the way a
/// report needs it, tolerant of drift (confidence stored as text, timestamps of any ISO-8601 precision parse
/// to a date-time, unparseable ones become null instead of failing the import).
/// </summary>
public static class DetectionDataSetDefinition
{
    public const string PhysicalTableId = "detections";
    public const string LogicalTableId = "detections-typed";

    /// <summary>QuickSight owner permissions for a data set.</summary>
    public static readonly IReadOnlyList<string> DataSetActions =
    [
        "quicksight:DescribeDataSet", "quicksight:DescribeDataSetPermissions", "quicksight:PassDataSet",
        "quicksight:DescribeIngestion", "quicksight:ListIngestions", "quicksight:UpdateDataSet",
        "quicksight:DeleteDataSet", "quicksight:CreateIngestion", "quicksight:CancelIngestion",
        "quicksight:UpdateDataSetPermissions",
    ];

    /// <summary>QuickSight owner permissions for a data source.</summary>
    public static readonly IReadOnlyList<string> DataSourceActions =
    [
        "quicksight:DescribeDataSource", "quicksight:DescribeDataSourcePermissions", "quicksight:PassDataSource",
        "quicksight:UpdateDataSource", "quicksight:DeleteDataSource", "quicksight:UpdateDataSourcePermissions",
    ];

    public static IReadOnlyList<InputColumn> Columns { get; } =
    [
        new() { Name = "image_name", Type = "STRING" },
        new() { Name = "license_plate", Type = "STRING" },
        new() { Name = "confidence", Type = "DECIMAL", SubType = "FLOAT" },
        new() { Name = "bucket_name", Type = "STRING" },
        new() { Name = "timestamp", Type = "DATETIME" },
    ];

    public static string Sql(string catalog, string database, string table) =>
        $"""
        SELECT "image_name", "license_plate",
               TRY_CAST("confidence" AS DOUBLE) AS "confidence",
               "bucket_name",
               TRY(from_iso8601_timestamp("timestamp")) AS "timestamp"
        FROM "{catalog}"."{database}"."{table}"
        """;

    public static IReadOnlyDictionary<string, PhysicalTable> PhysicalTables(string dataSourceArn, string catalog, string database, string table) =>
        new Dictionary<string, PhysicalTable>
        {
            [PhysicalTableId] = new()
            {
                CustomSql = new CustomSql
                {
                    DataSourceArn = dataSourceArn,
                    Name = "license plate detections",
                    SqlQuery = Sql(catalog, database, table),
                    Columns = Columns,
                },
            },
        };

    public static IReadOnlyDictionary<string, LogicalTable> LogicalTables() =>
        new Dictionary<string, LogicalTable>
        {
            [LogicalTableId] = new()
            {
                Alias = "License plate detections",
                Source = new LogicalTableSource { PhysicalTableId = PhysicalTableId },
                DataTransforms =
                [
                    new TransformOperation { ProjectOperation = new ProjectOperation { ProjectedColumns = Columns.Select(c => c.Name).ToList() } },
                ],
            },
        };

    /// <summary>True when an existing data set already has this definition (member order and casing of JSON aside).</summary>
    public static bool SameDefinition(DataSet existing, IReadOnlyDictionary<string, PhysicalTable> physical, IReadOnlyDictionary<string, LogicalTable> logical, string importMode, string name) =>
        existing.Name == name
        && existing.ImportMode == importMode
        && Canonical(existing.PhysicalTableMap) == Canonical(physical)
        && Canonical(existing.LogicalTableMap) == Canonical(logical);

    private static string Canonical(object? value) =>
        JsonSerializer.Serialize(value, Aws.Runtime.AwsJson.Options);
}
