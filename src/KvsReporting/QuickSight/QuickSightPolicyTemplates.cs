using System.Text.Json;
using System.Text.Json.Nodes;

namespace KvsReporting.QuickSight;

/// <summary>
/// The two inline policies QuickSight's service role needs to read through the Athena DynamoDB connector:
/// QuickSightLambdaAccess (invoke the connector) and QuickSightS3Access (the spill and query-result buckets).
/// Least privilege scopes them to the connector's function and the stack's buckets; broad is the seed's
/// wildcard version, for accounts where the connector or buckets change often.
/// </summary>
public static class QuickSightPolicyTemplates
{
    public const string DefaultRoleName = "aws-quicksight-service-role-v0";
    public const string LambdaPolicyName = "QuickSightLambdaAccess";
    public const string S3PolicyName = "QuickSightS3Access";

    /// <summary>The S3 actions the seed grants; the connector spills and Athena writes results with them.</summary>
    public static readonly IReadOnlyList<string> S3Actions =
    [
        "s3:GetBucketLocation",
        "s3:GetObject",
        "s3:ListBucket",
        "s3:ListBucketMultipartUploads",
        "s3:ListMultipartUploadParts",
        "s3:AbortMultipartUpload",
        "s3:PutObject",
    ];

    public static string LambdaPolicy(string? functionArn, bool broad)
    {
        if (!broad && string.IsNullOrEmpty(functionArn))
        {
            throw new ArgumentException("A least-privilege Lambda policy needs the connector's function ARN.", nameof(functionArn));
        }

        // A function ARN and the same ARN with a qualifier (":*") both, so versions and aliases can be invoked.
        JsonNode resource = broad ? "*" : new JsonArray(functionArn!, functionArn + ":*");
        return Document(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = "lambda:InvokeFunction",
            ["Resource"] = resource,
        });
    }

    public static string S3Policy(IEnumerable<string> buckets, bool broad, string partition = "aws")
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var names = buckets.Where(b => !string.IsNullOrWhiteSpace(b)).Distinct(StringComparer.Ordinal).OrderBy(b => b, StringComparer.Ordinal).ToList();
        if (!broad && names.Count == 0)
        {
            throw new ArgumentException("A least-privilege S3 policy needs at least one bucket.", nameof(buckets));
        }

        var resources = broad
            ? new JsonArray($"arn:{partition}:s3:::*")
            : new JsonArray(names.SelectMany(b => new[] { $"arn:{partition}:s3:::{b}", $"arn:{partition}:s3:::{b}/*" }).Select(r => (JsonNode?)r).ToArray());
        return Document(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray(S3Actions.Select(a => (JsonNode?)a).ToArray()),
            ["Resource"] = resources,
        });
    }

    /// <summary>The partition of an ARN (aws, aws-cn, aws-us-gov), "aws" when there is none.</summary>
    public static string PartitionOf(string? arn) =>
        arn is not null && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':') is { Length: > 2 } parts ? parts[1] : "aws";

    private static string Document(JsonObject statement) =>
        new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(statement),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
