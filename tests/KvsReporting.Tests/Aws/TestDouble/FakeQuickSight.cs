using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Text.Json.Nodes;

namespace KvsReporting.Tests.Aws.TestDouble;

/// <summary>
/// QuickSight for the module's data-source, data-set, permission and ingestion operations, with state.
/// moto serves only CreateDataSet/CreateIngestion/ListUsers/ListGroups (no Describe*), so a workflow that reads
/// back what it wrote runs here; requests and responses are validated against the model by the double.
/// Ingestions move QUEUED -> RUNNING -> COMPLETED (or FAILED when told) one step per DescribeIngestion.
/// </summary>
public sealed class FakeQuickSight(string region)
{
    private readonly ConcurrentDictionary<string, JsonObject> dataSources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> dataSets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonArray> permissions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (JsonObject Ingestion, int Polls)> ingestions = new(StringComparer.Ordinal);

    /// <summary>Rows each completed ingestion reports.</summary>
    public long RowsPerIngestion { get; set; } = 42;

    /// <summary>When set, ingestions end FAILED with this error type.</summary>
    public string? FailIngestionsWith { get; set; }

    public ConcurrentQueue<string> Writes { get; } = new();

    public DoubleReply Handle(string operation, Dictionary<string, string> uri, NameValueCollection query, JsonNode? body)
    {
        var account = uri["AwsAccountId"];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000d;
        string Arn(string kind, string id) => $"arn:aws:quicksight:{region}:{account}:{kind}/{id}";
        JsonObject Meta(JsonObject o, int status)
        {
            o["RequestId"] = Guid.NewGuid().ToString();
            o["Status"] = status;
            return o;
        }

        if (!operation.StartsWith("Describe", StringComparison.Ordinal) && !operation.StartsWith("List", StringComparison.Ordinal))
        {
            Writes.Enqueue(operation);
        }

        switch (operation)
        {
            case "CreateDataSource":
            {
                var id = (string)body!["DataSourceId"]!;
                var source = new JsonObject
                {
                    ["Arn"] = Arn("datasource", id), ["DataSourceId"] = id, ["Name"] = body["Name"]?.DeepClone(), ["Type"] = body["Type"]?.DeepClone(),
                    ["Status"] = "CREATION_SUCCESSFUL", ["CreatedTime"] = now, ["LastUpdatedTime"] = now, ["DataSourceParameters"] = body["DataSourceParameters"]?.DeepClone(),
                };
                if (!dataSources.TryAdd(id, source))
                {
                    return DoubleReply.Error(409, "ResourceExistsException", $"Data source {id} already exists.");
                }

                return DoubleReply.Ok(Meta(new JsonObject { ["Arn"] = source["Arn"]!.DeepClone(), ["DataSourceId"] = id, ["CreationStatus"] = "CREATION_IN_PROGRESS" }, 202), 202);
            }

            case "DescribeDataSource":
                return dataSources.TryGetValue(uri["DataSourceId"], out var ds)
                    ? DoubleReply.Ok(Meta(new JsonObject { ["DataSource"] = ds.DeepClone() }, 200))
                    : DoubleReply.Error(404, "ResourceNotFoundException", $"Data source {uri["DataSourceId"]} not found.");
            case "UpdateDataSource":
            {
                if (!dataSources.TryGetValue(uri["DataSourceId"], out var existing))
                {
                    return DoubleReply.Error(404, "ResourceNotFoundException", "not found");
                }

                existing["Name"] = body!["Name"]!.DeepClone();
                existing["DataSourceParameters"] = body["DataSourceParameters"]?.DeepClone();
                existing["Status"] = "UPDATE_SUCCESSFUL";
                existing["LastUpdatedTime"] = now;
                return DoubleReply.Ok(Meta(new JsonObject { ["Arn"] = existing["Arn"]!.DeepClone(), ["DataSourceId"] = uri["DataSourceId"], ["UpdateStatus"] = "UPDATE_IN_PROGRESS" }, 202), 202);
            }

            case "DeleteDataSource":
                return dataSources.TryRemove(uri["DataSourceId"], out var gone)
                    ? DoubleReply.Ok(Meta(new JsonObject { ["Arn"] = gone["Arn"]!.DeepClone(), ["DataSourceId"] = uri["DataSourceId"] }, 200))
                    : DoubleReply.Error(404, "ResourceNotFoundException", "not found");
            case "CreateDataSet":
            {
                var id = (string)body!["DataSetId"]!;
                var missingSource = (body["PhysicalTableMap"] as JsonObject ?? []).Select(p => (string?)(p.Value!["CustomSql"] ?? p.Value["RelationalTable"])?["DataSourceArn"])
                    .FirstOrDefault(a => a is not null && !dataSources.Values.Any(s => (string?)s["Arn"] == a));
                if (missingSource is not null)
                {
                    return DoubleReply.Error(400, "InvalidParameterValueException", $"Data source {missingSource} does not exist.");
                }

                var dataSet = DataSetFrom(body.AsObject(), Arn("dataset", id), id, now);
                if (!dataSets.TryAdd(id, dataSet))
                {
                    return DoubleReply.Error(409, "ResourceExistsException", $"Data set {id} already exists.");
                }

                permissions[id] = body["Permissions"]?.DeepClone() as JsonArray ?? [];
                var reply = new JsonObject { ["Arn"] = dataSet["Arn"]!.DeepClone(), ["DataSetId"] = id };
                if ((string?)body["ImportMode"] == "SPICE")
                {
                    var ingestionId = Guid.NewGuid().ToString();
                    StartIngestion(id, ingestionId, Arn("dataset", id) + "/ingestion/" + ingestionId, now, "INITIAL_INGESTION");
                    reply["IngestionArn"] = Arn("dataset", id) + "/ingestion/" + ingestionId;
                    reply["IngestionId"] = ingestionId;
                }

                return DoubleReply.Ok(Meta(reply, 201), 201);
            }

            case "DescribeDataSet":
                return dataSets.TryGetValue(uri["DataSetId"], out var set)
                    ? DoubleReply.Ok(Meta(new JsonObject { ["DataSet"] = set.DeepClone() }, 200))
                    : DoubleReply.Error(404, "ResourceNotFoundException", $"Data set {uri["DataSetId"]} not found.");
            case "UpdateDataSet":
            {
                var id = uri["DataSetId"];
                if (!dataSets.TryGetValue(id, out var old))
                {
                    return DoubleReply.Error(404, "ResourceNotFoundException", "not found");
                }

                var updated = DataSetFrom(body!.AsObject(), (string)old["Arn"]!, id, now);
                updated["CreatedTime"] = old["CreatedTime"]!.DeepClone();
                dataSets[id] = updated;
                var reply = new JsonObject { ["Arn"] = old["Arn"]!.DeepClone(), ["DataSetId"] = id };
                if ((string?)body["ImportMode"] == "SPICE")
                {
                    var ingestionId = Guid.NewGuid().ToString();
                    StartIngestion(id, ingestionId, (string)old["Arn"]! + "/ingestion/" + ingestionId, now, "EDIT");
                    reply["IngestionArn"] = (string)old["Arn"]! + "/ingestion/" + ingestionId;
                    reply["IngestionId"] = ingestionId;
                }

                return DoubleReply.Ok(Meta(reply, 201), 201);
            }

            case "DeleteDataSet":
                permissions.TryRemove(uri["DataSetId"], out _);
                return dataSets.TryRemove(uri["DataSetId"], out var removed)
                    ? DoubleReply.Ok(Meta(new JsonObject { ["Arn"] = removed["Arn"]!.DeepClone(), ["DataSetId"] = uri["DataSetId"] }, 200))
                    : DoubleReply.Error(404, "ResourceNotFoundException", "not found");
            case "DescribeDataSetPermissions":
                return dataSets.TryGetValue(uri["DataSetId"], out var described)
                    ? DoubleReply.Ok(Meta(new JsonObject { ["DataSetArn"] = described["Arn"]!.DeepClone(), ["DataSetId"] = uri["DataSetId"], ["Permissions"] = permissions.GetValueOrDefault(uri["DataSetId"])?.DeepClone() ?? new JsonArray() }, 200).RemoveEmptyPermissions())
                    : DoubleReply.Error(404, "ResourceNotFoundException", "not found");
            case "UpdateDataSetPermissions":
            {
                var id = uri["DataSetId"];
                if (!dataSets.TryGetValue(id, out var target))
                {
                    return DoubleReply.Error(404, "ResourceNotFoundException", "not found");
                }

                var list = permissions.GetOrAdd(id, _ => []);
                foreach (var grant in (body?["GrantPermissions"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var principal = (string)grant["Principal"]!;
                    var entry = list.OfType<JsonObject>().FirstOrDefault(p => (string?)p["Principal"] == principal);
                    if (entry is null)
                    {
                        list.Add(grant.DeepClone());
                        continue;
                    }

                    var actions = entry["Actions"]!.AsArray();
                    foreach (var action in grant["Actions"]!.AsArray().Select(a => (string)a!).Where(a => !actions.Any(x => (string?)x == a)))
                    {
                        actions.Add(action);
                    }
                }

                return DoubleReply.Ok(Meta(new JsonObject { ["DataSetArn"] = target["Arn"]!.DeepClone(), ["DataSetId"] = id }, 200));
            }

            case "CreateIngestion":
            {
                var id = uri["DataSetId"];
                if (!dataSets.ContainsKey(id))
                {
                    return DoubleReply.Error(404, "ResourceNotFoundException", "not found");
                }

                if (ingestions.ContainsKey(id + "/" + uri["IngestionId"]))
                {
                    return DoubleReply.Error(409, "ResourceExistsException", "Ingestion exists.");
                }

                var arn = Arn("dataset", id) + "/ingestion/" + uri["IngestionId"];
                StartIngestion(id, uri["IngestionId"], arn, now, "FULL_REFRESH");
                return DoubleReply.Ok(Meta(new JsonObject { ["Arn"] = arn, ["IngestionId"] = uri["IngestionId"], ["IngestionStatus"] = "INITIALIZED" }, 201), 201);
            }

            case "DescribeIngestion":
            {
                var key = uri["DataSetId"] + "/" + uri["IngestionId"];
                if (!ingestions.TryGetValue(key, out var entry))
                {
                    return DoubleReply.Error(404, "ResourceNotFoundException", "not found");
                }

                var polls = entry.Polls + 1;
                var ingestion = entry.Ingestion;
                ingestion["IngestionStatus"] = polls switch
                {
                    1 => "QUEUED",
                    2 => "RUNNING",
                    _ => FailIngestionsWith is null ? "COMPLETED" : "FAILED",
                };
                if (polls >= 3 && FailIngestionsWith is null)
                {
                    ingestion["RowInfo"] = new JsonObject { ["RowsIngested"] = RowsPerIngestion, ["RowsDropped"] = 0, ["TotalRowsInDataset"] = RowsPerIngestion };
                    ingestion["IngestionTimeInSeconds"] = 2;
                }
                else if (polls >= 3)
                {
                    ingestion["ErrorInfo"] = new JsonObject { ["Type"] = FailIngestionsWith, ["Message"] = "Injected by the test." };
                }

                ingestions[key] = (ingestion, polls);
                return DoubleReply.Ok(Meta(new JsonObject { ["Ingestion"] = ingestion.DeepClone() }, 200));
            }

            case "ListUsers":
                return DoubleReply.Ok(Meta(new JsonObject { ["UserList"] = new JsonArray(new JsonObject { ["Arn"] = $"arn:aws:quicksight:{region}:{account}:user/default/analyst", ["UserName"] = "analyst", ["Role"] = "AUTHOR", ["Active"] = true }) }, 200));
            case "ListGroups":
                return DoubleReply.Ok(Meta(new JsonObject { ["GroupList"] = new JsonArray() }, 200));
            default:
                return DoubleReply.Error(400, "UnsupportedOperation", operation + " is not served by the double.");
        }
    }

    private void StartIngestion(string dataSetId, string ingestionId, string arn, double now, string type) =>
        ingestions[dataSetId + "/" + ingestionId] = (new JsonObject
        {
            ["Arn"] = arn, ["IngestionId"] = ingestionId, ["IngestionStatus"] = "INITIALIZED", ["CreatedTime"] = now,
            ["RequestSource"] = "MANUAL", ["RequestType"] = type,
        }, 0);

    private static JsonObject DataSetFrom(JsonObject body, string arn, string id, double now)
    {
        var columns = new JsonArray();
        foreach (var table in (body["PhysicalTableMap"] as JsonObject ?? []).Select(p => p.Value!))
        {
            foreach (var column in ((table["CustomSql"]?["Columns"] ?? table["RelationalTable"]?["InputColumns"]) as JsonArray ?? []).OfType<JsonObject>())
            {
                var type = (string?)column["Type"];
                columns.Add(new JsonObject { ["Name"] = column["Name"]!.DeepClone(), ["Type"] = type is "BIT" or "BOOLEAN" ? "INTEGER" : type == "JSON" ? "STRING" : type });
            }
        }

        return new JsonObject
        {
            ["Arn"] = arn, ["DataSetId"] = id, ["Name"] = body["Name"]!.DeepClone(), ["CreatedTime"] = now, ["LastUpdatedTime"] = now,
            ["PhysicalTableMap"] = body["PhysicalTableMap"]!.DeepClone(), ["LogicalTableMap"] = body["LogicalTableMap"]?.DeepClone(),
            ["OutputColumns"] = columns, ["ImportMode"] = body["ImportMode"]!.DeepClone(), ["ConsumedSpiceCapacityInBytes"] = 0,
        }.RemoveNulls();
    }
}

internal static class PermissionsExtensions
{
    /// <summary>The model's ResourcePermissionList has min 1: an empty list is left out, as QuickSight does.</summary>
    public static JsonObject RemoveEmptyPermissions(this JsonObject reply)
    {
        if (reply["Permissions"] is JsonArray { Count: 0 })
        {
            reply.Remove("Permissions");
        }

        return reply;
    }
}
