using System.Text.Json.Nodes;
using KvsReporting.Stack.Template;
using Xunit;

namespace KvsReporting.Tests.Stack;

/// <summary>The security claims the seed makes, and the gaps it left, hold in the shipped template.</summary>
public sealed class TemplateSecurityTests
{
    private static readonly JsonObject Doc = ReportingTemplate.Document;
    private static readonly JsonObject Resources = Doc["Resources"]!.AsObject();

    public static TheoryData<string> Buckets() => new(ResourcesOfType("AWS::S3::Bucket"));

    public static TheoryData<string> Roles() => new(ResourcesOfType("AWS::IAM::Role"));

    private static IEnumerable<string> ResourcesOfType(string type) =>
        Resources.Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => r.Key);

    private static IEnumerable<JsonNode> AsList(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(n => n!),
        null => [],
        _ => [node],
    };

    private static string Canon(JsonNode? node) => node?.ToJsonString() ?? "null";

    // The ARN forms that name exactly one bucket of the stack, and that bucket's objects.
    private static HashSet<string> BucketArns(string bucket) =>
    [
        Canon(JsonNode.Parse($$"""{"Fn::GetAtt":["{{bucket}}","Arn"]}""")),
        Canon(JsonNode.Parse($$"""{"Fn::Sub":"${{{bucket}}.Arn}/*"}""")),
    ];

    [Fact]
    public void The_template_has_both_buckets() =>
        Assert.Equal(["SpillBucket", "AthenaQueryBucket"], ResourcesOfType("AWS::S3::Bucket"));

    [Theory]
    [MemberData(nameof(Buckets))]
    public void Every_bucket_blocks_public_access_is_versioned_and_encrypted(string bucket)
    {
        var props = Resources[bucket]!["Properties"]!;
        var block = props["PublicAccessBlockConfiguration"]!;
        foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
        {
            Assert.True(block[setting]?.GetValue<bool>(), $"{bucket}: {setting} is not on");
        }

        Assert.Equal("Enabled", props["VersioningConfiguration"]!["Status"]!.GetValue<string>());
        var rules = props["BucketEncryption"]!["ServerSideEncryptionConfiguration"]!.AsArray();
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.Contains(r!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]!.GetValue<string>(), new[] { "AES256", "aws:kms", "aws:kms:dsse" }));
        Assert.Equal("BucketOwnerEnforced", props["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]!.GetValue<string>());
    }

    private static JsonNode PolicyFor(string bucket)
    {
        var policies = ResourcesOfType("AWS::S3::BucketPolicy")
            .Select(p => Resources[p]!["Properties"]!)
            .Where(p => Canon(p["Bucket"]) == Canon(JsonNode.Parse($$"""{"Ref":"{{bucket}}"}""")))
            .ToList();
        Assert.True(policies.Count == 1, $"{bucket} must have exactly one bucket policy, has {policies.Count}");
        return policies[0]["PolicyDocument"]!;
    }

    [Theory]
    [MemberData(nameof(Buckets))]
    public void Every_bucket_refuses_requests_without_TLS(string bucket)
    {
        var deny = PolicyFor(bucket)["Statement"]!.AsArray().Single(s => s!["Effect"]!.GetValue<string>() == "Deny")!;
        Assert.Equal("\"*\"", Canon(deny["Principal"]));
        Assert.Equal(["s3:*"], AsList(deny["Action"]).Select(a => a.GetValue<string>()));
        Assert.Equal("false", deny["Condition"]!["Bool"]!["aws:SecureTransport"]!.ToString());
        // both the bucket and its objects
        Assert.Equal(BucketArns(bucket), AsList(deny["Resource"]).Select(Canon).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Buckets))]
    public void Bucket_policies_allow_only_athena_quicksight_and_the_quicksight_role_on_their_own_bucket(string bucket)
    {
        var allows = PolicyFor(bucket)["Statement"]!.AsArray().Where(s => s!["Effect"]!.GetValue<string>() == "Allow").ToList();
        Assert.NotEmpty(allows);
        var own = BucketArns(bucket);
        foreach (var statement in allows)
        {
            Assert.All(AsList(statement!["Resource"]), r => Assert.Contains(Canon(r), own));
            Assert.All(AsList(statement["Action"]), a => Assert.DoesNotContain("*", a.GetValue<string>(), StringComparison.Ordinal));
            Assert.NotNull(statement["Condition"]); // every grant is tied to this account
        }

        var services = allows.SelectMany(s => AsList(s!["Principal"]?["Service"])).Select(s => s.GetValue<string>()).ToHashSet();
        Assert.Equal(new HashSet<string> { "athena.amazonaws.com", "quicksight.amazonaws.com" }, services);
        var roleGrant = allows.Single(s => s!["Principal"]?["AWS"] is not null)!;
        Assert.Contains("role/service-role/aws-quicksight-service-role-v0", Canon(roleGrant["Condition"]!["ArnEquals"]!["aws:PrincipalArn"]), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void No_role_policy_grants_on_every_resource_or_every_action(string role)
    {
        var props = Resources[role]!["Properties"]!;
        foreach (var policy in AsList(props["Policies"]))
        {
            foreach (var statement in AsList(policy["PolicyDocument"]!["Statement"]))
            {
                Assert.All(AsList(statement["Resource"]), r => Assert.NotEqual("\"*\"", Canon(r)));
                Assert.All(AsList(statement["Action"]), a => Assert.DoesNotContain("*", a.GetValue<string>(), StringComparison.Ordinal));
            }
        }

        // each role can be assumed only by its service, on behalf of this account
        var trust = AsList(props["AssumeRolePolicyDocument"]!["Statement"]).Single();
        Assert.Single(AsList(trust["Principal"]!["Service"]));
        Assert.NotNull(trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
    }

    [Fact]
    public void The_glue_role_reads_only_the_source_table()
    {
        var props = Resources["GlueRole"]!["Properties"]!;
        Assert.Equal("{\"Fn::Sub\":\"arn:${AWS::Partition}:iam::aws:policy/service-role/AWSGlueServiceRole\"}", Canon(AsList(props["ManagedPolicyArns"]).Single()));
        var statement = AsList(AsList(props["Policies"]).Single()["PolicyDocument"]!["Statement"]).Single();
        Assert.Equal(new[] { "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Scan" }, AsList(statement["Action"]).Select(a => a.GetValue<string>()).Order());
        var resource = Canon(AsList(statement["Resource"]).Single());
        Assert.Equal("{\"Fn::Sub\":\"arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${DynamoDBTableName}\"}", resource);
    }

    [Theory]
    [InlineData("AthenaRole")]
    [InlineData("QuickSightRole")]
    public void Athena_and_quicksight_roles_reach_only_the_two_buckets(string role)
    {
        var allowed = BucketArns("SpillBucket").Concat(BucketArns("AthenaQueryBucket")).ToHashSet();
        var resources = AsList(Resources[role]!["Properties"]!["Policies"])
            .SelectMany(p => AsList(p["PolicyDocument"]!["Statement"]))
            .SelectMany(s => AsList(s["Resource"]))
            .Select(Canon)
            .ToHashSet();
        Assert.Equal(allowed, resources);
    }

    [Fact]
    public void The_workgroup_enforces_encrypted_results_in_the_query_bucket()
    {
        var config = Resources["AthenaWorkGroup"]!["Properties"]!["WorkGroupConfiguration"]!;
        Assert.True(config["EnforceWorkGroupConfiguration"]!.GetValue<bool>());
        Assert.True(config["PublishCloudWatchMetricsEnabled"]!.GetValue<bool>());
        Assert.Equal("{\"Fn::Sub\":\"s3://${AthenaQueryBucket}/athena-results/\"}", Canon(config["ResultConfiguration"]!["OutputLocation"]));
        Assert.Equal("SSE_S3", config["ResultConfiguration"]!["EncryptionConfiguration"]!["EncryptionOption"]!.GetValue<string>());
    }

    [Fact]
    public void The_crawler_reads_the_table_parameter_on_the_schedule_parameter()
    {
        var props = Resources["GlueCrawler"]!["Properties"]!;
        Assert.Equal("{\"Ref\":\"DynamoDBTableName\"}", Canon(props["Targets"]!["DynamoDBTargets"]![0]!["Path"]));
        Assert.Equal("{\"Fn::If\":[\"HasCrawlerSchedule\",{\"ScheduleExpression\":{\"Ref\":\"CrawlerSchedule\"}},{\"Ref\":\"AWS::NoValue\"}]}", Canon(props["Schedule"]));
        Assert.Equal("UPDATE_IN_DATABASE", props["SchemaChangePolicy"]!["UpdateBehavior"]!.GetValue<string>());
        Assert.Equal("LOG", props["SchemaChangePolicy"]!["DeleteBehavior"]!.GetValue<string>());
    }

    [Fact]
    public void Parameters_have_the_seed_defaults()
    {
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["DynamoDBTableName"] = "LicensePlateDetections",
                ["CrawlerSchedule"] = "cron(0 0 * * ? *)",
                ["GlueDatabaseName"] = "kvsworkshop_db",
                ["CrawlerName"] = "LicensePlateDetectionsCrawler",
                ["WorkGroupName"] = "KVSWorkshopWorkgroup",
            },
            ReportingTemplate.ParameterDefaults);
    }

    [Fact]
    public void Outputs_cover_what_later_cmdlets_need()
    {
        Assert.Equal(
            new[] { "AthenaRoleArn", "CrawlerName", "GlueDatabase", "GlueRoleArn", "QueryResultBucket", "QuickSightRoleArn", "ResultLocation", "SpillBucket", "SpillBucketDomainName", "TableName", "WorkGroup" },
            Doc["Outputs"]!.AsObject().Select(o => o.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_resource_that_takes_tags_carries_the_stack_tag()
    {
        foreach (var (id, resource) in Resources)
        {
            var tags = resource!["Properties"]!["Tags"];
            var type = resource["Type"]!.GetValue<string>();
            if (type is "AWS::S3::BucketPolicy" or "AWS::Glue::Database")
            {
                Assert.Null(tags); // these types take no tags
                continue;
            }

            var value = tags switch
            {
                JsonArray list => list.SingleOrDefault(t => t!["Key"]!.GetValue<string>() == ReportingTemplate.StackTagKey)?["Value"],
                JsonObject map => map[ReportingTemplate.StackTagKey],
                _ => null,
            };
            Assert.True(Canon(value) == "{\"Ref\":\"AWS::StackName\"}", $"{id} lacks the {ReportingTemplate.StackTagKey} tag");
        }
    }
}
