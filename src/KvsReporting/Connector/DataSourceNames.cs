using System.Management.Automation;
using System.Text.RegularExpressions;
using KvsReporting.Errors;

namespace KvsReporting.Connector;

/// <summary>
/// Name rules checked before anything is deployed. Athena lower-cases catalog names and the connector uses the
/// catalog name as its Lambda function name (SAR parameter AthenaCatalogName: ^[a-z0-9-_]{1,64}$); S3 bucket
/// and prefix rules for the spill location.
/// </summary>
public static partial class DataSourceNames
{
    /// <summary>The SAR application the Athena console deploys for "Amazon DynamoDB".</summary>
    public const string ConnectorApplicationId = "arn:aws:serverlessrepo:us-east-1:292517598671:applications/AthenaDynamoDBConnector";

    /// <summary>SAR prefixes the stack name it is given.</summary>
    public const string StackPrefix = "serverlessrepo-";

    public static string StackNameFor(string catalog) => StackPrefix + catalog;

    /// <summary>The catalog name for a data source name: lower-cased, then checked; a clear error otherwise.</summary>
    public static string CatalogName(string name, string errorIdPrefix)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.ToLowerInvariant();
        if (!CatalogPattern().IsMatch(lower))
        {
            throw KvsErrors.Terminating(
                $"'{name}' cannot name an Athena DynamoDB data source: use 1 to 64 letters, digits, '-' or '_' (Athena stores catalog names in lower case, and the connector's Lambda function gets the same name).",
                errorIdPrefix + "InvalidName",
                ErrorCategory.InvalidArgument,
                name,
                "Pick a name like KVSWorkshop or kvs_workshop.");
        }

        if (lower is "awsdatacatalog" or "hive" or "information_schema")
        {
            throw KvsErrors.Terminating(
                $"'{name}' is reserved by Athena.",
                errorIdPrefix + "ReservedName",
                ErrorCategory.InvalidArgument,
                name,
                "Pick another name, e.g. KVSWorkshop.");
        }

        return lower;
    }

    public static void CheckSpillLocation(string bucket, string prefix, string errorIdPrefix)
    {
        if (!BucketPattern().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal))
        {
            throw KvsErrors.Terminating(
                $"'{bucket}' is not a valid S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit).",
                errorIdPrefix + "InvalidSpillBucket",
                ErrorCategory.InvalidArgument,
                bucket,
                "Pass the stack's spill bucket: Get-KvsReportingStack | New-KvsAthenaDataSource.");
        }

        if (prefix.StartsWith('/') || prefix.Length > 512)
        {
            throw KvsErrors.Terminating(
                $"'{prefix}' is not a valid spill prefix (no leading '/', at most 512 characters).",
                errorIdPrefix + "InvalidSpillPrefix",
                ErrorCategory.InvalidArgument,
                prefix,
                "Use a plain key prefix such as athena-spill.");
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex CatalogPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketPattern();
}
