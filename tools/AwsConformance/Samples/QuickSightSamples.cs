using KvsReporting.Aws.QuickSight;
using KvsReporting.QuickSight;

namespace KvsReporting.AwsConformance.Samples;

public sealed class QuickSightSamples : ISampleRequests
{
    private const string Account = "123456789012";
    private const string DataSet = "kvs-license-plate-detections";
    private const string DataSource = "kvs-athena-kvsworkshopworkgroup";
    private const string SourceArn = "arn:aws:quicksight:us-east-1:123456789012:datasource/kvs-athena-kvsworkshopworkgroup";
    private const string Analyst = "arn:aws:quicksight:us-east-1:123456789012:user/default/analyst";

    public IEnumerable<Sample> Samples() =>
    [
        new("QuickSight.CreateDataSource", "Athena on the workgroup", () => new CreateDataSourceRequest
        {
            AwsAccountId = Account,
            DataSourceId = DataSource,
            Name = "Athena KVSWorkshopWorkgroup",
            Type = "ATHENA",
            DataSourceParameters = new DataSourceParameters { AthenaParameters = new AthenaParameters { WorkGroup = "KVSWorkshopWorkgroup" } },
            Permissions = [new ResourcePermission { Principal = Analyst, Actions = DetectionDataSetDefinition.DataSourceActions }],
        }),
        new("QuickSight.DescribeDataSource", "by id", () => new DescribeDataSourceRequest { AwsAccountId = Account, DataSourceId = DataSource }),
        new("QuickSight.UpdateDataSource", "other workgroup", () => new UpdateDataSourceRequest
        {
            AwsAccountId = Account,
            DataSourceId = DataSource,
            Name = "Athena primary",
            DataSourceParameters = new DataSourceParameters { AthenaParameters = new AthenaParameters { WorkGroup = "primary" } },
        }),
        new("QuickSight.DeleteDataSource", "by id", () => new DeleteDataSourceRequest { AwsAccountId = Account, DataSourceId = DataSource }),
        new("QuickSight.CreateDataSet", "typed detections, SPICE", () => new CreateDataSetRequest
        {
            AwsAccountId = Account,
            DataSetId = DataSet,
            Name = "License plate detections",
            PhysicalTableMap = DetectionDataSetDefinition.PhysicalTables(SourceArn, "AwsDataCatalog", "kvsworkshop_db", "licenseplatedetections"),
            LogicalTableMap = DetectionDataSetDefinition.LogicalTables(),
            ImportMode = "SPICE",
            Permissions = [new ResourcePermission { Principal = Analyst, Actions = DetectionDataSetDefinition.DataSetActions }],
        }),
        new("QuickSight.CreateDataSet", "relational table with a cast", () => new CreateDataSetRequest
        {
            AwsAccountId = Account,
            DataSetId = DataSet + "-raw",
            Name = "Detections (raw)",
            ImportMode = "DIRECT_QUERY",
            PhysicalTableMap = new Dictionary<string, PhysicalTable>
            {
                ["raw"] = new()
                {
                    RelationalTable = new RelationalTable
                    {
                        DataSourceArn = SourceArn,
                        Catalog = "kvsworkshop",
                        Schema = "default",
                        Name = "licenseplatedetections",
                        InputColumns = [new InputColumn { Name = "timestamp", Type = "STRING" }, new InputColumn { Name = "confidence", Type = "DECIMAL", SubType = "FLOAT" }],
                    },
                },
            },
            LogicalTableMap = new Dictionary<string, LogicalTable>
            {
                ["typed"] = new()
                {
                    Alias = "typed",
                    Source = new LogicalTableSource { PhysicalTableId = "raw" },
                    DataTransforms =
                    [
                        new TransformOperation { CastColumnTypeOperation = new CastColumnTypeOperation { ColumnName = "timestamp", NewColumnType = "DATETIME", Format = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS" } },
                        new TransformOperation { RenameColumnOperation = new RenameColumnOperation { ColumnName = "timestamp", NewColumnName = "detected_at" } },
                    ],
                },
            },
        }),
        new("QuickSight.DescribeDataSet", "by id", () => new DescribeDataSetRequest { AwsAccountId = Account, DataSetId = DataSet }),
        new("QuickSight.UpdateDataSet", "connector catalog", () => new UpdateDataSetRequest
        {
            AwsAccountId = Account,
            DataSetId = DataSet,
            Name = "License plate detections",
            PhysicalTableMap = DetectionDataSetDefinition.PhysicalTables(SourceArn, "kvsworkshop", "default", "licenseplatedetections"),
            LogicalTableMap = DetectionDataSetDefinition.LogicalTables(),
            ImportMode = "DIRECT_QUERY",
        }),
        new("QuickSight.DeleteDataSet", "by id", () => new DeleteDataSetRequest { AwsAccountId = Account, DataSetId = DataSet }),
        new("QuickSight.DescribeDataSetPermissions", "by id", () => new DescribeDataSetPermissionsRequest { AwsAccountId = Account, DataSetId = DataSet }),
        new("QuickSight.UpdateDataSetPermissions", "grant", () => new UpdateDataSetPermissionsRequest
        {
            AwsAccountId = Account,
            DataSetId = DataSet,
            GrantPermissions = [new ResourcePermission { Principal = Analyst, Actions = DetectionDataSetDefinition.DataSetActions }],
        }),
        new("QuickSight.CreateIngestion", "full refresh", () => new CreateIngestionRequest { AwsAccountId = Account, DataSetId = DataSet, IngestionId = "kvs-20250101120000-a1b2c3", IngestionType = "FULL_REFRESH" }),
        new("QuickSight.DescribeIngestion", "by id", () => new DescribeIngestionRequest { AwsAccountId = Account, DataSetId = DataSet, IngestionId = "kvs-20250101120000-a1b2c3" }),
        new("QuickSight.ListUsers", "next page", () => new ListUsersRequest { AwsAccountId = Account, Namespace = "default", MaxResults = 100, NextToken = "token-2" }),
        new("QuickSight.ListGroups", "first page", () => new ListGroupsRequest { AwsAccountId = Account }),
    ];
}
