using System.Text.Json.Serialization;
using Amazon.Runtime;
using KvsReporting.Aws.Athena;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Glue;
using KvsReporting.Aws.Runtime;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// Each protocol adapter over HTTP against moto with signature checking: JSON 1.1 (Athena, Glue), Query (IAM:
/// lists of members, nested structures, XML errors) and REST-JSON (Lambda: path and query-string members,
/// 404 errors). The IAM and Lambda clients here are minimal test clients on the same runtime.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ProtocolAdapterTests
{
    private readonly MotoFixture moto;

    public ProtocolAdapterTests(MotoCollectionFixture fixture) => moto = fixture.Moto;

    private AwsConnection Connection(MotoUser? user = null, string? secret = null) => AwsConnectionResolver.Resolve(
        new AwsConnectionParameters
        {
            AccessKey = (user ?? moto.Admin).AccessKeyId,
            SecretKey = secret ?? (user ?? moto.Admin).SecretAccessKey,
            Region = moto.Region,
            EndpointUrl = moto.Endpoint,
        },
        new AwsSettingsSources { Environment = _ => null });

    [Fact]
    public async Task Json_protocol_athena_start_get_list_and_idempotent_token()
    {
        using var athena = AwsClientFactory.CreateAthena(Connection());
        var workGroup = moto.CreateWorkGroup("kvs-adapter");
        var request = new StartQueryExecutionRequest
        {
            QueryString = "SELECT 1",
            WorkGroup = workGroup,
            QueryExecutionContext = new AthenaQueryExecutionContext { Catalog = "AwsDataCatalog", Database = "default" },
            ResultConfiguration = new AthenaResultConfiguration { OutputLocation = "s3://kvs-results/athena-results/" },
        };
        var started = await athena.StartQueryExecutionAsync(request);
        Assert.False(string.IsNullOrEmpty(started.QueryExecutionId));
        Assert.True(Guid.TryParse(request.ClientRequestToken, out _), "the client fills the idempotency token");

        var execution = (await athena.GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = started.QueryExecutionId })).QueryExecution;
        Assert.NotNull(execution);
        Assert.Equal("SELECT 1", execution.Query);
        Assert.Equal("SUCCEEDED", execution.Status?.State);
        Assert.NotNull(execution.Status?.SubmissionDateTime);

        var ids = new List<string>();
        await foreach (var id in athena.ListAllQueryExecutionIdsAsync(workGroup))
        {
            ids.Add(id);
        }

        Assert.Contains(started.QueryExecutionId, ids);
    }

    [Fact]
    public async Task Json_protocol_errors_carry_code_request_id_and_status()
    {
        using var glue = AwsClientFactory.CreateGlue(Connection());
        var missing = MotoFixture.UniqueName("kvs-none");
        var ex = await Assert.ThrowsAsync<AmazonServiceException>(() => glue.GetDatabaseAsync(new GetDatabaseRequest { Name = missing }));
        Assert.Equal("EntityNotFoundException", ex.ErrorCode);
        Assert.Equal(400, (int)ex.StatusCode);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        Assert.Equal("GetDatabase", ex.Data[KvsServiceClient.OperationDataKey]);
    }

    [Fact]
    public async Task Query_protocol_iam_lists_users_and_reads_nested_results()
    {
        using var iam = AwsClientFactory.Create(Connection(), TestIamClient.Description, (c, cfg) => new TestIamClient(c, cfg));
        var users = await iam.ListUsersAsync(new ListUsersRequest { MaxItems = 100 });
        Assert.Contains(users.Users ?? [], u => u.UserName == moto.Admin.UserName && u.Arn == moto.Admin.Arn);
        Assert.All(users.Users ?? [], u => Assert.NotNull(u.CreateDate));

        var user = await iam.GetUserAsync(new GetUserRequest { UserName = moto.Limited.UserName });
        Assert.Equal(moto.Limited.Arn, user.User?.Arn);
    }

    [Fact]
    public async Task Query_protocol_errors_from_xml_and_access_denied()
    {
        using var iam = AwsClientFactory.Create(Connection(), TestIamClient.Description, (c, cfg) => new TestIamClient(c, cfg));
        var ex = await Assert.ThrowsAsync<AmazonServiceException>(() => iam.GetUserAsync(new GetUserRequest { UserName = "kvs no such user" }));
        Assert.Equal("NoSuchEntity", ex.ErrorCode);
        Assert.Equal(404, (int)ex.StatusCode);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));

        using var limited = AwsClientFactory.Create(Connection(moto.Limited), TestIamClient.Description, (c, cfg) => new TestIamClient(c, cfg));
        var denied = await Assert.ThrowsAsync<AmazonServiceException>(() => limited.ListUsersAsync(new ListUsersRequest()));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal(403, (int)denied.StatusCode);
    }

    [Fact]
    public async Task Rest_json_lambda_query_string_path_members_and_404()
    {
        using var lambda = AwsClientFactory.Create(Connection(), TestLambdaClient.Description, (c, cfg) => new TestLambdaClient(c, cfg));
        var list = await lambda.ListFunctionsAsync(new ListFunctionsRequest { MaxItems = 10 });
        Assert.NotNull(list.Functions);

        var missing = MotoFixture.UniqueName("kvs-fn");
        var ex = await Assert.ThrowsAsync<AmazonServiceException>(() => lambda.GetFunctionAsync(new GetFunctionRequest { FunctionName = missing }));
        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
        Assert.Equal(404, (int)ex.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_fails_signature_checks_on_every_protocol()
    {
        var connection = Connection(secret: "not-the-secret-key-of-this-user-000000");
        using var glue = AwsClientFactory.CreateGlue(connection);
        using var iam = AwsClientFactory.Create(connection, TestIamClient.Description, (c, cfg) => new TestIamClient(c, cfg));
        using var lambda = AwsClientFactory.Create(connection, TestLambdaClient.Description, (c, cfg) => new TestLambdaClient(c, cfg));
        Assert.Equal("SignatureDoesNotMatch", (await Assert.ThrowsAsync<AmazonServiceException>(() => glue.GetCrawlersAsync(new GetCrawlersRequest()))).ErrorCode);
        Assert.Equal("SignatureDoesNotMatch", (await Assert.ThrowsAsync<AmazonServiceException>(() => iam.ListUsersAsync(new ListUsersRequest()))).ErrorCode);
        Assert.Equal("SignatureDoesNotMatch", (await Assert.ThrowsAsync<AmazonServiceException>(() => lambda.ListFunctionsAsync(new ListFunctionsRequest()))).ErrorCode);
    }
}

/// <summary>Minimal IAM client (Query protocol) for adapter tests.</summary>
public sealed class TestIamClient(AWSCredentials credentials, KvsServiceConfig config) : KvsServiceClient(credentials, config)
{
    public static readonly KvsServiceDescription Description = new("IAM", "iam", "iam", "2010-05-08", AwsProtocol.Query, GlobalEndpoint: "iam");

    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request) => SendAsync<ListUsersResponse>(new AwsOperation("ListUsers"), request, default);

    public Task<GetUserResponse> GetUserAsync(GetUserRequest request) => SendAsync<GetUserResponse>(new AwsOperation("GetUser"), request, default);
}

public sealed class ListUsersRequest
{
    public string? PathPrefix { get; set; }

    public string? Marker { get; set; }

    public int? MaxItems { get; set; }
}

public sealed class ListUsersResponse
{
    public List<IamUser>? Users { get; set; }

    public bool IsTruncated { get; set; }

    public string? Marker { get; set; }
}

public sealed class GetUserRequest
{
    public string? UserName { get; set; }
}

public sealed class GetUserResponse
{
    public IamUser? User { get; set; }
}

public sealed class IamUser
{
    public string? Path { get; set; }

    public string? UserName { get; set; }

    public string? UserId { get; set; }

    public string? Arn { get; set; }

    public DateTimeOffset? CreateDate { get; set; }
}

/// <summary>Minimal Lambda client (REST-JSON) for adapter tests.</summary>
public sealed class TestLambdaClient(AWSCredentials credentials, KvsServiceConfig config) : KvsServiceClient(credentials, config)
{
    public static readonly KvsServiceDescription Description = new("Lambda", "lambda", "lambda", "2015-03-31", AwsProtocol.RestJson);

    public Task<ListFunctionsResponse> ListFunctionsAsync(ListFunctionsRequest request) =>
        SendAsync<ListFunctionsResponse>(new AwsOperation("ListFunctions", "GET", "/2015-03-31/functions/"), request, default);

    public Task<GetFunctionResponse> GetFunctionAsync(GetFunctionRequest request) =>
        SendAsync<GetFunctionResponse>(new AwsOperation("GetFunction", "GET", "/2015-03-31/functions/{FunctionName}"), request, default);
}

public sealed class ListFunctionsRequest
{
    [AwsLocation(AwsMemberLocation.QueryString, "Marker")]
    public string? Marker { get; set; }

    [AwsLocation(AwsMemberLocation.QueryString, "MaxItems")]
    public int? MaxItems { get; set; }
}

public sealed class ListFunctionsResponse
{
    public string? NextMarker { get; set; }

    public List<LambdaFunction>? Functions { get; set; }
}

public sealed class GetFunctionRequest
{
    [AwsLocation(AwsMemberLocation.Uri, "FunctionName")]
    public string? FunctionName { get; set; }

    [AwsLocation(AwsMemberLocation.QueryString, "Qualifier")]
    public string? Qualifier { get; set; }
}

public sealed class GetFunctionResponse
{
    public LambdaFunction? Configuration { get; set; }
}

public sealed class LambdaFunction
{
    public string? FunctionName { get; set; }

    public string? FunctionArn { get; set; }

    [JsonPropertyName("Runtime")]
    public string? RuntimeName { get; set; }
}
