using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Text.Json.Nodes;

namespace KvsReporting.Tests.Aws.TestDouble;

/// <summary>
/// Athena's data-catalog operations for tests that delete one: moto serves Create/Get/List but not
/// DeleteDataCatalog, so such a test lets the double own the catalogs (JSON 1.1, validated like the rest).
/// </summary>
public sealed class FakeAthenaCatalogs
{
    public static readonly HashSet<string> Operations = ["CreateDataCatalog", "GetDataCatalog", "DeleteDataCatalog", "ListDataCatalogs"];

    private readonly ConcurrentDictionary<string, JsonObject> catalogs = new(StringComparer.Ordinal);

    public DoubleReply Handle(string operation, Dictionary<string, string> uri, NameValueCollection query, JsonNode? body)
    {
        var name = (string?)body?["Name"];
        switch (operation)
        {
            case "CreateDataCatalog":
                var catalog = new JsonObject { ["Name"] = name, ["Type"] = (string?)body!["Type"], ["Description"] = (string?)body["Description"], ["Parameters"] = body["Parameters"]?.DeepClone() };
                return catalogs.TryAdd(name!, catalog)
                    ? DoubleReply.Ok(new JsonObject())
                    : DoubleReply.Error(400, "InvalidRequestException", $"Catalog {name} already exists.");
            case "GetDataCatalog":
                return catalogs.TryGetValue(name!, out var found)
                    ? DoubleReply.Ok(new JsonObject { ["DataCatalog"] = found.DeepClone() })
                    : DoubleReply.Error(400, "InvalidRequestException", $"Catalog {name} was not found.");
            case "DeleteDataCatalog":
                return catalogs.TryRemove(name!, out var removed)
                    ? DoubleReply.Ok(new JsonObject { ["DataCatalog"] = removed })
                    : DoubleReply.Error(400, "InvalidRequestException", $"Catalog {name} was not found.");
            default:
                return DoubleReply.Ok(new JsonObject
                {
                    ["DataCatalogsSummary"] = new JsonArray(catalogs.Values.Select(c => (JsonNode?)new JsonObject { ["CatalogName"] = (string?)c["Name"], ["Type"] = (string?)c["Type"] }).ToArray()),
                });
        }
    }
}
