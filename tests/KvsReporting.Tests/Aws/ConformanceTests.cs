using KvsReporting.Aws.Athena;
using KvsReporting.Aws.Glue;
using KvsReporting.AwsConformance;
using KvsReporting.AwsConformance.Samples;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// Every request the module's clients can send, checked against botocore's service models (see
/// tools/AwsConformance and docs/aws-operations.md), plus proof that the check catches real mistakes.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ConformanceTests(MotoCollectionFixture fixture)
{
    private readonly string botocore = fixture.Moto.BotocoreData;

    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Aws", "Fixtures");

    [Fact]
    public void Every_operation_of_every_client_is_valid_against_the_models()
    {
        var report = ConformanceChecker.Run(botocore, Fixtures);
        var invalid = report.Operations.Where(o => !o.Valid).Select(o => $"{o.Service}.{o.Operation}: {string.Join("; ", o.Problems)}");
        Assert.True(report.Valid, string.Join("\n", invalid.Concat(report.Problems).Concat(report.Services.SelectMany(s => s.Problems))));
        var operations = report.Operations.Select(o => $"{o.Service}.{o.Operation}").ToHashSet();
        Assert.Contains("Glue.GetCrawler", operations);
        Assert.Contains("Athena.StartQueryExecution", operations);
        Assert.True(report.Operations.Count >= 59, $"only {report.Operations.Count} operations found");
        foreach (var service in new[] { "Athena", "Glue", "IAM", "CloudFormation", "QuickSight", "Lambda", "ServerlessApplicationRepository" })
        {
            Assert.Contains(report.Services, s => s.ServiceId == service);
        }

        Assert.All(report.Operations, o => Assert.True(o.RequestsChecked > 0 && o.TypesChecked, $"{o.Operation} not fully checked"));
        Assert.True(report.Operations.Sum(o => o.FixturesChecked) >= 4, "the response fixtures were not validated");
    }

    [Fact]
    public void Invalid_values_are_reported_with_the_constraint_they_break()
    {
        var bad = new[]
        {
            new Sample("Athena.StartQueryExecution", "bad", () => new StartQueryExecutionRequest
            {
                QueryString = string.Empty,
                WorkGroup = "not a valid workgroup!",
                ResultConfiguration = new AthenaResultConfiguration { EncryptionConfiguration = new AthenaEncryptionConfiguration { EncryptionOption = "SSE_FOO" } },
                ExecutionParameters = [],
            }),
            new Sample("Athena.GetQueryResults", "too many", () => new GetQueryResultsRequest { QueryExecutionId = "id", MaxResults = 5000 }),
            new Sample("Glue.GetCrawler", "missing name", () => new GetCrawlerRequest()),
        };
        var report = ConformanceChecker.Run(botocore, extraSamples: bad);
        string Problems(string op) => string.Join("\n", report.Operations.Single(o => o.Operation == op).Problems);

        var start = Problems("StartQueryExecution");
        Assert.Contains(".QueryString: length 0 is below the minimum 1", start);
        Assert.Contains(".WorkGroup: 'not a valid workgroup!' does not match the pattern", start);
        Assert.Contains("'SSE_FOO' is not one of SSE_S3, SSE_KMS, CSE_KMS", start);
        Assert.Contains(".ExecutionParameters: 0 items, the minimum is 1", start);
        Assert.Contains(".MaxResults: 5000 is above the maximum 1000", Problems("GetQueryResults"));
        Assert.Contains(".Name: required member is missing", Problems("GetCrawler"));
        Assert.False(report.Valid);
    }

    [Fact]
    public void Rest_json_path_query_and_body_members_are_checked()
    {
        var bad = new[]
        {
            new Sample("QuickSight.ListUsers", "bad", () => new KvsReporting.Aws.QuickSight.ListUsersRequest { AwsAccountId = "12", Namespace = "default", MaxResults = 500 }),
            new Sample("Lambda.GetFunction", "bad", () => new KvsReporting.Aws.Lambda.GetFunctionRequest { FunctionName = "has spaces" }),
        };
        var report = ConformanceChecker.Run(botocore, extraSamples: bad);
        string Problems(string op) => string.Join("\n", report.Operations.Single(o => o.Operation == op).Problems);
        Assert.Contains("uri {AwsAccountId}: '12' does not match the pattern", Problems("ListUsers"));
        Assert.Contains("query max-results: 500 is above the maximum 100", Problems("ListUsers"));
        Assert.Contains("uri {FunctionName}: 'has spaces' does not match the pattern", Problems("GetFunction"));
    }

    [Fact]
    public void Wrong_member_casing_and_unknown_members_are_caught_in_types_and_fixtures()
    {
        var dir = Directory.CreateTempSubdirectory("kvs-fixtures-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "Glue"));
            File.WriteAllText(Path.Combine(dir, "Glue", "GetCrawler.bad.json"),
                "{\"Crawler\":{\"Name\":\"c\",\"State\":\"SLEEPING\",\"Targets\":{\"DynamoDBTargets\":[{\"Path\":\"t\",\"ScanAll\":true}]},\"Colour\":\"red\"}}");
            var report = ConformanceChecker.Run(botocore, dir);
            var problems = string.Join("\n", report.Operations.Single(o => o.Operation == "GetCrawler").Problems);
            Assert.Contains("'SLEEPING' is not one of READY, RUNNING, STOPPING", problems);
            Assert.Contains("ScanAll: wrong casing, the model's member is scanAll", problems);
            Assert.Contains(".Colour: not a member", problems);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Model_types_with_wrong_names_or_types_are_caught()
    {
        var model = ServiceModel.Load(botocore, "Glue", "2017-03-31")!;
        var problems = new List<string>();
        new TypeShapeChecker(model).Check(typeof(BadCrawlerResponse), "GetCrawlerResponse", "response ", problems, topLevel: true);
        var text = string.Join("\n", problems);
        Assert.Contains("wire name 'ScanAll', the model's member is 'scanAll' (casing)", text);
        Assert.Contains("'Colour' is not a member of Crawler", text);
        Assert.Contains("Int32 for a long", text);
    }

    [Fact]
    public void Query_protocol_parameters_are_checked_against_the_model()
    {
        var model = ServiceModel.Load(botocore, "IAM", "2010-05-08")!;
        var problems = new List<string>();
        new QueryShapeValidator(model).Validate(
            [new("Username", "x"), new("Tags.1.Key", "k")],
            "CreateUserRequest",
            problems);
        var text = string.Join("\n", problems);
        Assert.Contains("Username: wrong casing, the model's member is UserName", text);
        Assert.Contains("UserName: required member is missing", text);
        Assert.Contains("Tags: list items must be under 'member'", text);

        var ok = new List<string>();
        new QueryShapeValidator(model).Validate(
            [new("UserName", "kvs-user"), new("Tags.member.1.Key", "Project"), new("Tags.member.1.Value", "kvs")],
            "CreateUserRequest",
            ok);
        Assert.Empty(ok);
    }

    public sealed class BadCrawlerResponse
    {
        public BadCrawler? Crawler { get; set; }
    }

    public sealed class BadCrawler
    {
        public string? Name { get; set; }

        public int? Version { get; set; }

        public string? Colour { get; set; }

        public BadTargets? Targets { get; set; }
    }

    public sealed class BadTargets
    {
        public List<BadDynamoTarget>? DynamoDBTargets { get; set; }
    }

    public sealed class BadDynamoTarget
    {
        public bool? ScanAll { get; set; }
    }
}
