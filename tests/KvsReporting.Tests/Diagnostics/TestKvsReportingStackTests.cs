using System.Management.Automation;
using Amazon.S3;
using Amazon.S3.Model;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Iam;
using KvsReporting.Aws.Waiters;
using KvsReporting.Tests.Aws.Clients;
using KvsReporting.Tests.QuickSight;
using Xunit;

namespace KvsReporting.Tests.Diagnostics;

/// <summary>Test-KvsReportingStack against a stack assembled in moto: what is right passes, what is missing fails with a fix.</summary>
[Collection("Moto")]
public sealed class TestKvsReportingStackTests : IDisposable
{
    private readonly CmdletRig rig = new();

    [Fact]
    public async Task Each_check_reports_what_it_found_and_quiet_says_false_while_the_connector_is_missing()
    {
        var env = await BuildAsync();
        var vars = new Dictionary<string, object?> { ["stack"] = env.Stack, ["qsrole"] = env.QuickSightRole };
        var (rows, errors) = rig.Run("$stack | Test-KvsReportingStack @conn -QuickSightRoleName $qsrole", vars);
        Assert.Empty(errors);
        var byCheck = rows.ToDictionary(r => (string)r.Properties["Check"].Value, r => r);
        string Status(string check) => byCheck[check].Properties["Status"].Value.ToString()!;
        string Detail(string check) => (string)byCheck[check].Properties["Detail"].Value;

        Assert.Equal("Pass", Status("Stack status"));
        Assert.Equal("Pass", Status("Spill bucket exists"));
        Assert.Equal("Pass", Status("Spill bucket public access"));
        Assert.Equal("Pass", Status("Spill bucket encryption"));
        Assert.Equal("Pass", Status("Spill bucket versioning"));
        Assert.Equal("Warn", Status("Query bucket versioning"));
        Assert.Equal("Fail", Status("Query bucket public access"));
        Assert.Equal("Pass", Status("Spill bucket writable"));
        Assert.Equal("Fail", Status("Crawler role reads table"));
        Assert.Contains("dynamodb:Scan", Detail("Crawler role reads table"), StringComparison.Ordinal);
        Assert.Equal("Warn", Status("Last crawl"));
        Assert.Equal("Pass", Status("Glue database"));
        Assert.Equal("Fail", Status("Detections table")); // never crawled: the same row a never-crawled local stack gives
        Assert.Equal("KvsInvokeQueryTableNotFound", byCheck["Detections table"].Properties["ErrorId"].Value);
        Assert.Equal("Start-KvsCrawler -Wait", byCheck["Detections table"].Properties["Fix"].Value);
        Assert.Equal("Pass", Status("Workgroup result location"));
        Assert.Equal("Fail", Status("Connector function"));
        Assert.Equal("New-KvsAthenaDataSource", byCheck["Connector function"].Properties["Fix"].Value);
        Assert.Equal("Fail", Status("Connector catalog"));
        Assert.Equal("Fail", Status("QuickSight role policies"));
        Assert.Equal("Pass", Status("Smoke query"));
        Assert.All(rows, r => Assert.Equal(env.StackName, r.Properties["StackName"].Value));

        using var s3 = S3(rig.Aws);
        var leftovers = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = env.Spill });
        Assert.Empty(leftovers.S3Objects ?? []); // the writability probe cleans up

        var (quiet, _) = rig.Run("$stack | Test-KvsReportingStack @conn -QuickSightRoleName $qsrole -Quiet -SkipQuery", vars);
        Assert.False((bool)Assert.Single(quiet).BaseObject);
    }

    [Fact]
    public async Task Granting_the_crawler_and_QuickSight_access_turns_those_checks_green()
    {
        var env = await BuildAsync();
        using var iam = rig.Aws.Client<IamClient>(IamClient.Description);
        var tableArn = $"arn:aws:dynamodb:{rig.Aws.Region}:{rig.Aws.AccountId}:table/LicensePlateDetections";
        await iam.PutRolePolicyAsync(new PutRolePolicyRequest
        {
            RoleName = env.GlueRole,
            PolicyName = "table",
            PolicyDocument = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:DescribeTable","dynamodb:Scan","dynamodb:GetItem"],"Resource":"{{tableArn}}"}]}""",
        });
        var vars = new Dictionary<string, object?> { ["stack"] = env.Stack, ["qsrole"] = env.QuickSightRole };
        Assert.Empty(rig.Run("$stack | Add-KvsQuickSightPolicy @conn -RoleName $qsrole -Broad", vars).Errors);

        // A table catalogued from drifted items (confidence written as a string): there, but typed differently.
        using var glue = rig.Aws.Client<RigClient>(RigClient.Glue);
        await glue.CallAsync("CreateTable", new
        {
            DatabaseName = "db_" + env.StackName["kvs-diag-".Length..],
            TableInput = new
            {
                Name = "licenseplatedetections",
                StorageDescriptor = new
                {
                    Columns = new[] { ("image_name", "string"), ("license_plate", "string"), ("confidence", "string"), ("bucket_name", "string"), ("timestamp", "string") }
                        .Select(c => new { Name = c.Item1, Type = c.Item2 }).ToArray(),
                },
            },
        });

        var (rows, _) = rig.Run("$stack | Test-KvsReportingStack @conn -QuickSightRoleName $qsrole -SkipQuery", vars);
        var byCheck = rows.ToDictionary(r => (string)r.Properties["Check"].Value, r => r.Properties["Status"].Value.ToString());
        Assert.Equal("Warn", byCheck["Detections table"]);
        Assert.Contains("confidence is string (expected double)", (string)rows.Single(r => (string)r.Properties["Check"].Value == "Detections table").Properties["Detail"].Value, StringComparison.Ordinal);
        Assert.Equal("Pass", byCheck["Crawler role reads table"]);
        Assert.Equal("Warn", byCheck["QuickSight role policies"]); // sufficient but wildcard
        Assert.DoesNotContain("Smoke query", byCheck.Keys);
    }

    [Fact]
    public void Checks_a_user_may_not_run_are_Fail_rows_that_say_so_not_a_crash()
    {
        var limited = rig.Aws.Limited.GetCredentials();
        var (rows, errors) = rig.Run(
            "Test-KvsReportingStack @conn -AccessKey $ak -SecretKey $sk -StackName kvs-any -SpillBucket kvs-any-spill -QueryResultBucket kvs-any-query -Account 123456789012 -SkipQuery",
            new Dictionary<string, object?> { ["ak"] = limited.AccessKey, ["sk"] = limited.SecretKey });
        Assert.Empty(errors);
        var stack = rows.Single(r => (string)r.Properties["Check"].Value == "Stack status");
        Assert.Equal("Fail", stack.Properties["Status"].Value.ToString());
        Assert.StartsWith("Could not check: AccessDenied", (string)stack.Properties["Detail"].Value, StringComparison.Ordinal);
        var database = rows.Single(r => (string)r.Properties["Check"].Value == "Glue database");
        Assert.StartsWith("Could not check: AccessDenied", (string)database.Properties["Detail"].Value, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.DoesNotContain(limited.SecretKey, (string)r.Properties["Detail"].Value, StringComparison.Ordinal));
    }

    [Fact]
    public void A_stack_that_does_not_exist_fails_its_row_with_the_error_id_of_Get_KvsReportingStack_as_on_a_local_stack()
    {
        var name = "kvs-none-" + Guid.NewGuid().ToString("N")[..8];
        var (rows, errors) = rig.Run(
            "Test-KvsReportingStack @conn -StackName $name -GlueDatabase $name -SkipQuery",
            new Dictionary<string, object?> { ["name"] = name });
        Assert.Empty(errors);
        var byCheck = rows.ToDictionary(r => (string)r.Properties["Check"].Value, r => r);
        Assert.Equal("Fail", byCheck["Stack status"].Properties["Status"].Value.ToString());
        Assert.Equal("KvsGetStackNotFound", byCheck["Stack status"].Properties["ErrorId"].Value);
        var (_, getErrors) = rig.Run("Get-KvsReportingStack @conn -StackName $name -ErrorAction Continue", new Dictionary<string, object?> { ["name"] = name });
        Assert.StartsWith("KvsGetStackNotFound", Assert.Single(getErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("Fail", byCheck["Glue database"].Properties["Status"].Value.ToString());
        Assert.Contains("has no database", (string)byCheck["Glue database"].Properties["Detail"].Value, StringComparison.Ordinal);
    }

    private static AmazonS3Client S3(ClientRig aws) =>
        new(aws.Admin, new AmazonS3Config { ServiceURL = aws.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = aws.Region });

    private async Task<Env> BuildAsync()
    {
        var aws = rig.Aws;
        var id = Guid.NewGuid().ToString("N")[..8];
        var env = new Env($"kvs-diag-{id}", $"kvs-spill-{id}", $"kvs-query-{id}", $"glue-role-{id}", $"qs-role-{id}", $"crawler-{id}", $"wg-{id}");

        using var cfn = aws.Client<CloudFormationClient>(CloudFormationClient.Description);
        foreach (var (stack, role) in new[] { (env.StackName, env.GlueRole), (env.StackName + "-qs", env.QuickSightRole) })
        {
            await cfn.CreateStackAsync(new CreateStackRequest
            {
                StackName = stack,
                TemplateBody = CloudFormationClientTests.RoleTemplate,
                Parameters = [new Parameter { ParameterKey = "RoleName", ParameterValue = role }],
                Capabilities = ["CAPABILITY_NAMED_IAM"],
            });
            await CloudFormationWaiters.StackCreateCompleteAsync(cfn, stack, new WaitOptions { MinDelay = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
        }

        using var s3 = S3(aws);
        foreach (var bucket in new[] { env.Spill, env.Query })
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        }

        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = env.Spill,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { BlockPublicAcls = true, IgnorePublicAcls = true, BlockPublicPolicy = true, RestrictPublicBuckets = true },
        });
        await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = env.Spill,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } }],
            },
        });
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = env.Spill, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } });

        using var glue = aws.Client<RigClient>(RigClient.Glue);
        await glue.CallAsync("CreateDatabase", new { DatabaseInput = new { Name = "db_" + id } });
        await glue.CallAsync("CreateCrawler", new
        {
            Name = env.Crawler,
            Role = $"arn:aws:iam::{aws.AccountId}:role/{env.GlueRole}",
            DatabaseName = "db_" + id,
            Targets = new { DynamoDBTargets = new[] { new { Path = "LicensePlateDetections" } } },
        });
        using var athena = aws.Client<RigClient>(RigClient.Athena);
        await athena.CallAsync("CreateWorkGroup", new
        {
            Name = env.WorkGroup,
            Configuration = new { ResultConfiguration = new { OutputLocation = $"s3://{env.Query}/athena-results/" } },
        });

        var stackObject = new PSObject();
        stackObject.Properties.Add(new PSNoteProperty("StackName", env.StackName));
        stackObject.Properties.Add(new PSNoteProperty("SpillBucket", env.Spill));
        stackObject.Properties.Add(new PSNoteProperty("QueryResultBucket", env.Query));
        stackObject.Properties.Add(new PSNoteProperty("CrawlerName", env.Crawler));
        stackObject.Properties.Add(new PSNoteProperty("WorkGroup", env.WorkGroup));
        stackObject.Properties.Add(new PSNoteProperty("Catalog", "AwsDataCatalog"));
        stackObject.Properties.Add(new PSNoteProperty("GlueDatabase", "db_" + id));
        env.Stack = stackObject;
        return env;
    }

    public void Dispose() => rig.Dispose();

    private sealed record Env(string StackName, string Spill, string Query, string GlueRole, string QuickSightRole, string Crawler, string WorkGroup)
    {
        public PSObject? Stack { get; set; }
    }
}
