namespace KvsReporting.Stack;

/// <summary>Where a reporting stack lives.</summary>
public enum KvsStackKind
{
    /// <summary>A CloudFormation stack in an AWS account (or an AWS-compatible endpoint).</summary>
    Aws,

    /// <summary>A folder holding the embedded DuckDB engine's database and settings.</summary>
    Local,
}

/// <summary>
/// A reporting stack. Its property names are the parameter names of the cmdlets that follow it in a pipeline
/// (StackName, CrawlerName, WorkGroup, Catalog, Database, Region, EndpointUrl, LocalPath), so
/// <c>Get-KvsReportingStack | Start-KvsCrawler -Wait</c> binds without further names.
/// </summary>
public sealed class KvsReportingStack
{
    public string StackName { get; set; } = "kvs-license-reporting";

    public KvsStackKind Kind { get; set; }

    public string? StackId { get; set; }

    public string? Status { get; set; }

    public string? StatusReason { get; set; }

    public string? Region { get; set; }

    public string? Account { get; set; }

    /// <summary>Endpoint override the stack was reached through (an emulator or VPC endpoint), if any.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>For a local stack: its folder.</summary>
    public string? LocalPath { get; set; }

    public string TableName { get; set; } = "LicensePlateDetections";

    public DateTimeOffset? CreationTime { get; set; }

    public DateTimeOffset? LastUpdatedTime { get; set; }

    public string? SpillBucket { get; set; }

    public string? SpillBucketDomainName { get; set; }

    public string? QueryResultBucket { get; set; }

    public string? ResultLocation { get; set; }

    public string GlueDatabase { get; set; } = "kvsworkshop_db";

    public string CrawlerName { get; set; } = "LicensePlateDetectionsCrawler";

    public string WorkGroup { get; set; } = "KVSWorkshopWorkgroup";

    /// <summary>Catalog queries run against: AwsDataCatalog (Glue) until a connector catalog is registered.</summary>
    public string Catalog { get; set; } = "AwsDataCatalog";

    /// <summary>Database queries run against.</summary>
    public string Database { get; set; } = "kvsworkshop_db";

    public string? GlueRoleArn { get; set; }

    public string? AthenaRoleArn { get; set; }

    public string? QuickSightRoleArn { get; set; }

    public IReadOnlyDictionary<string, string> Outputs { get; set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

    public override string ToString() => Kind == KvsStackKind.Local ? $"{StackName} (local: {LocalPath})" : $"{StackName} ({Status})";
}
