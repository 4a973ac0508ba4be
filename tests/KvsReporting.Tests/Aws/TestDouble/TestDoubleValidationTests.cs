using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KvsReporting.Tests.Aws.Clients;
using Xunit;

namespace KvsReporting.Tests.Aws.TestDouble;

/// <summary>The double rejects what the service models reject, so a test passing through it means conformance.</summary>
public sealed class TestDoubleValidationTests
{
    private static string BotocoreData => ClientRig.Require().BotocoreData;

    [Fact]
    public async Task A_request_with_wrong_casing_or_a_missing_required_member_is_a_violation()
    {
        using var double_ = new AwsTestDouble(new Uri("http://127.0.0.1:9/"));
        var served = 0;
        double_.Serve(ServiceModel.Load(BotocoreData, "serverlessrepo"), (_, _, _, _) =>
        {
            served++;
            return DoubleReply.Ok(new JsonObject(), 201);
        });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(double_.Endpoint, "/applications/" + Uri.EscapeDataString("arn:aws:serverlessrepo:us-east-1:1:applications/x") + "/changesets"))
        {
            Content = new StringContent("""{"StackName":"x","capabilities":"CAPABILITY_IAM"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/serverlessrepo/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(0, served);
        var violations = double_.Violations;
        Assert.Contains(violations, v => v.Contains("unknown member 'StackName'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("required member 'stackName' missing", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("capabilities: expected a list", StringComparison.Ordinal));
    }

    [Fact]
    public void Responses_are_checked_against_the_output_shape()
    {
        var quickSight = ServiceModel.Load(BotocoreData, "quicksight");
        var errors = quickSight.ValidateResponse("DescribeIngestion", JsonNode.Parse("""{"Ingestion":{"Arn":"a","IngestionStatus":"DONE","CreatedTime":1.5}}"""));
        Assert.Contains(errors, e => e.Contains("'DONE' is not one of", StringComparison.Ordinal));
        Assert.Empty(quickSight.ValidateResponse("DescribeIngestion", JsonNode.Parse("""{"Ingestion":{"Arn":"a","IngestionStatus":"COMPLETED","CreatedTime":1.5},"RequestId":"r","Status":200}""")));
        var match = quickSight.Match("GET", "/accounts/123456789012/data-sets/ds-1/ingestions/first");
        Assert.Equal("DescribeIngestion", match!.Value.Operation);
        Assert.Equal("ds-1", match.Value.UriMembers["DataSetId"]);
    }
}
