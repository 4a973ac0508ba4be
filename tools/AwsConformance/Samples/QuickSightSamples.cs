using KvsReporting.Aws.QuickSight;

namespace KvsReporting.AwsConformance.Samples;

public sealed class QuickSightSamples : ISampleRequests
{
    private const string Account = "123456789012";
    private const string DataSource = "kvs-athena";
    private const string DataSet = "kvs-detections";
    private const string DataSourceArn = "arn:aws:quicksight:us-east-1:123456789012:datasource/kvs-athena";
    private const string Owner = "arn:aws:quicksight:us-east-1:123456789012:user/default/admin";

    private static IReadOnlyDictionary<string, PhysicalTable> Tables() => new Dictionary<string, PhysicalTable>
    {
        ["detections"] = new()
        {
            RelationalTable = new RelationalTable
            {
                DataSourceArn = DataSourceArn,
                Catalog = "kvsworkshop",
                Schema = "default",
                Name = "licenseplatedetections",
                InputColumns =
                [
                    new InputColumn { Name = "image_name", Type = "STRING" },
                    new InputColumn { Name = "confidence", Type = "DECIMAL", SubType = "FIXED" },
                ],
            },
        },
    };

    private static IReadOnlyDictionary<string, LogicalTable> Logical() => new Dictionary<string, LogicalTable>
    {
        ["detections-logical"] = new()
        {
            Alias = "detections",
            Source = new LogicalTableSource { PhysicalTableId = "detections" },
            DataTransforms =
            [
                new TransformOperation { RenameColumnOperation = new RenameColumnOperation { ColumnName = "image_name", NewColumnName = "Image" } },
                new TransformOperation { CastColumnTypeOperation = new CastColumnTypeOperation { ColumnName = "confidence", NewColumnType = "DECIMAL", SubType = "FIXED" } },
                new TransformOperation { ProjectOperation = new ProjectOperation { ProjectedColumns = ["Image", "confidence"] } },
            ],
        },
    };

    private static IReadOnlyList<ResourcePermission> Permissions() =>
        [new ResourcePermission { Principal = Owner, Actions = ["quicksight:DescribeDataSet", "quicksight:PassDataSet"] }];

    public IEnumerable<Sample> Samples() =>
    [
        new("QuickSight.CreateDataSource", "Athena workgroup", () => new CreateDataSourceRequest
        {
            AwsAccountId = Account,
            DataSourceId = DataSource,
            Name = "KVS license plates (Athena)",
            Type = "ATHENA",
            DataSourceParameters = new DataSourceParameters { AthenaParameters = new AthenaParameters { WorkGroup = "KVSWorkshopWorkgroup" } },
            Permissions = [new ResourcePermission { Principal = Owner, Actions = ["quicksight:DescribeDataSource", "quicksight:PassDataSource"] }],
            SslProperties = new SslProperties { DisableSsl = false },
            Tags = [new Tag { Key = "Project", Value = "kvs-license-reporting" }],
        }),
        new("QuickSight.DescribeDataSource", "by id", () => new DescribeDataSourceRequest { AwsAccountId = Account, DataSourceId = DataSource }),
        new("QuickSight.UpdateDataSource", "workgroup", () => new UpdateDataSourceRequest
        {
            AwsAccountId = Account,
            DataSourceId = DataSource,
            Name = "KVS license plates (Athena)",
            DataSourceParameters = new DataSourceParameters { AthenaParameters = new AthenaParameters { WorkGroup = "KVSWorkshopWorkgroup" } },
        }),
        new("QuickSight.DeleteDataSource", "by id", () => new DeleteDataSourceRequest { AwsAccountId = Account, DataSourceId = DataSource }),
        new("QuickSight.CreateDataSet", "SPICE over the table", () => new CreateDataSetRequest
        {
            AwsAccountId = Account,
            DataSetId = DataSet,
            Name = "License plate detections",
            PhysicalTableMap = Tables(),
            LogicalTableMap = Logical(),
            ImportMode = "SPICE",
            Permissions = Permissions(),
        }),
        new("QuickSight.DescribeDataSet", "by id", () => new DescribeDataSetRequest { AwsAccountId = Account, DataSetId = DataSet }),
        new("QuickSight.UpdateDataSet", "SPICE", () => new UpdateDataSetRequest
        {
            AwsAccountId = Account,
            DataSetId = DataSet,
            Name = "License plate detections",
            PhysicalTableMap = Tables(),
            ImportMode = "SPICE",
        }),
        new("QuickSight.DeleteDataSet", "by id", () => new DeleteDataSetRequest { AwsAccountId = Account, DataSetId = DataSet }),
        new("QuickSight.DescribeDataSetPermissions", "by id", () => new DescribeDataSetPermissionsRequest { AwsAccountId = Account, DataSetId = DataSet }),
        new("QuickSight.UpdateDataSetPermissions", "grant", () => new UpdateDataSetPermissionsRequest { AwsAccountId = Account, DataSetId = DataSet, GrantPermissions = Permissions() }),
        new("QuickSight.CreateIngestion", "full refresh", () => new CreateIngestionRequest { AwsAccountId = Account, DataSetId = DataSet, IngestionId = "kvs-refresh-20261125T1300", IngestionType = "FULL_REFRESH" }),
        new("QuickSight.DescribeIngestion", "by id", () => new DescribeIngestionRequest { AwsAccountId = Account, DataSetId = DataSet, IngestionId = "kvs-refresh-20261125T1300" }),
        new("QuickSight.ListUsers", "page", () => new ListUsersRequest { AwsAccountId = Account, Namespace = "default", MaxResults = 100, NextToken = "token-2" }),
        new("QuickSight.ListGroups", "page", () => new ListGroupsRequest { AwsAccountId = Account, Namespace = "default", MaxResults = 100 }),
    ];
}
