using Amazon.Runtime;
using KvsReporting.Aws.Lambda;
using KvsReporting.Aws.QuickSight;
using Xunit;

namespace KvsReporting.Tests.Aws.Clients;

// ProtocolAdapterTests declares a GetFunctionRequest in the enclosing test namespace; this file means the real model.
using GetFunctionRequest = KvsReporting.Aws.Lambda.GetFunctionRequest;

/// <summary>QuickSight and Lambda over signed HTTP against moto, for the operations moto serves.</summary>
[Collection("Moto")]
public sealed class RestJsonClientTests
{
    [Fact]
    public async Task QuickSight_data_set_and_ingestion_are_created_under_the_account_path()
    {
        var rig = ClientRig.Require();
        using var qs = rig.Client<QuickSightClient>(QuickSightClient.Description);
        var id = "kvs-ds-" + Guid.NewGuid().ToString("N")[..8];
        var created = await qs.CreateDataSetAsync(new CreateDataSetRequest
        {
            AwsAccountId = rig.AccountId,
            DataSetId = id,
            Name = "detections",
            ImportMode = "SPICE",
            PhysicalTableMap = new Dictionary<string, PhysicalTable>
            {
                ["detections"] = new()
                {
                    RelationalTable = new RelationalTable
                    {
                        DataSourceArn = $"arn:aws:quicksight:{rig.Region}:{rig.AccountId}:datasource/kvs",
                        Catalog = "kvsworkshop",
                        Schema = "default",
                        Name = "licenseplatedetections",
                        InputColumns = [new InputColumn { Name = "image_name", Type = "STRING" }],
                    },
                },
            },
        });
        Assert.Equal(id, created.DataSetId);
        Assert.EndsWith("/" + id, created.Arn, StringComparison.Ordinal); // AWS: dataset/ID, moto: data-set/ID
        Assert.InRange(created.Status, 200, 201); // read from the status line

        var ingestion = await qs.CreateIngestionAsync(new CreateIngestionRequest { AwsAccountId = rig.AccountId, DataSetId = id, IngestionId = "first-load" });
        Assert.Equal("first-load", ingestion.IngestionId);
        Assert.False(string.IsNullOrEmpty(ingestion.IngestionStatus));
    }

    [Fact]
    public async Task QuickSight_users_and_groups_are_listed()
    {
        var rig = ClientRig.Require();
        using var qs = rig.Client<QuickSightClient>(QuickSightClient.Description);
        var users = new List<User>();
        await foreach (var user in qs.ListAllUsersAsync(rig.AccountId))
        {
            users.Add(user);
        }

        var groups = new List<Group>();
        await foreach (var group in qs.ListAllGroupsAsync(rig.AccountId))
        {
            groups.Add(group);
        }

        Assert.All(users, u => Assert.StartsWith("arn:aws:quicksight:", u.Arn));
        Assert.All(groups, g => Assert.StartsWith("arn:aws:quicksight:", g.Arn));
    }

    [Fact]
    public async Task Lambda_function_lookup_is_null_when_missing_and_denied_for_a_wrong_key()
    {
        var rig = ClientRig.Require();
        using var lambda = rig.Client<LambdaClient>(LambdaClient.Description);
        Assert.Null(await lambda.FindFunctionAsync("kvs-no-such-function"));

        using var wrong = rig.Client<LambdaClient>(LambdaClient.Description, rig.WrongSecret());
        var denied = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => wrong.GetFunctionAsync(new KvsReporting.Aws.Lambda.GetFunctionRequest { FunctionName = "x" }));
        Assert.Equal("SignatureDoesNotMatch", denied.ErrorCode);
    }
}
