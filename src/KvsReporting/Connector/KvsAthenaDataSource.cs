namespace KvsReporting.Connector;

/// <summary>
/// An Athena data source backed by the DynamoDB connector: the LAMBDA data catalog and the function behind it.
/// FunctionArn, FunctionName and SpillBucket bind Add-KvsQuickSightPolicy; Name binds Get-/Remove-KvsAthenaDataSource.
/// </summary>
public sealed class KvsAthenaDataSource
{
    /// <summary>The catalog name as Athena knows it (lower-case): queries use "NAME"."default"."table".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Same as Name: the catalog queries run against (binds -Catalog of the query cmdlets).</summary>
    public string Catalog => Name;

    /// <summary>Created, Existing, Deploying (stack still creating), or Incomplete (a part is missing).</summary>
    public string Status { get; set; } = "Existing";

    public string? CatalogType { get; set; }

    public string FunctionName { get; set; } = string.Empty;

    public string? FunctionArn { get; set; }

    /// <summary>Pending, Active, Inactive or Failed; null when the function does not exist (yet).</summary>
    public string? FunctionState { get; set; }

    public string? SpillBucket { get; set; }

    public string? SpillPrefix { get; set; }

    /// <summary>The CloudFormation stack SAR deployed the connector into (serverlessrepo-NAME).</summary>
    public string ConnectorStackName { get; set; } = string.Empty;

    public string? ConnectorStackStatus { get; set; }

    public string? ApplicationId { get; set; }

    public string? SemanticVersion { get; set; }

    public string? Region { get; set; }

    public string? EndpointUrl { get; set; }

    public override string ToString() => $"{Name} ({Status})";
}
