using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using KvsReporting.Aws.CloudFormation;

namespace KvsReporting.Tests.Aws.TestDouble;

/// <summary>
/// The Serverless Application Repository as far as the module uses it: one public application
/// (AthenaDynamoDBConnector) whose change sets are created, as SAR does, as CloudFormation change sets in the
/// caller's account (here: moto's CloudFormation, stack "serverlessrepo-NAME"). Its template stands in for the
/// connector: a role and a Lambda function named after AthenaCatalogName.
/// </summary>
public sealed class FakeServerlessRepo(CloudFormationClient cloudFormation)
{
    public const string ConnectorApplicationId = "arn:aws:serverlessrepo:us-east-1:292517598671:applications/AthenaDynamoDBConnector";
    public const string Version = "2025.1.1";

    private static readonly (string Name, string? Default, string? Pattern)[] Parameters =
    [
        ("AthenaCatalogName", null, "^[a-z0-9-_]{1,64}$"),
        ("SpillBucket", null, null),
        ("SpillPrefix", "athena-spill", null),
        ("LambdaTimeout", "900", null),
        ("LambdaMemory", "3008", null),
        ("DisableSpillEncryption", "false", null),
    ];

    private readonly ConcurrentDictionary<string, JsonObject> byClientToken = new(StringComparer.Ordinal);

    public int ChangeSetsCreated;

    public DoubleReply Handle(string operation, Dictionary<string, string> uri, NameValueCollection query, JsonNode? body)
    {
        if (uri.GetValueOrDefault("applicationId") != ConnectorApplicationId)
        {
            return DoubleReply.Error(404, "NotFoundException", $"Application {uri.GetValueOrDefault("applicationId")} not found.");
        }

        return operation switch
        {
            "GetApplication" => DoubleReply.Ok(Application()),
            "CreateCloudFormationChangeSet" => CreateChangeSet(body!.AsObject()),
            _ => DoubleReply.Error(400, "BadRequestException", operation + " is not served by the double."),
        };
    }

    private static JsonObject Application() => new()
    {
        ["applicationId"] = ConnectorApplicationId,
        ["author"] = "default",
        ["creationTime"] = "2020-01-01T00:00:00.000Z",
        ["description"] = "This connector enables Amazon Athena to communicate with DynamoDB.",
        ["name"] = "AthenaDynamoDBConnector",
        ["isVerifiedAuthor"] = true,
        ["version"] = new JsonObject
        {
            ["applicationId"] = ConnectorApplicationId,
            ["creationTime"] = "2025-01-01T00:00:00.000Z",
            ["parameterDefinitions"] = new JsonArray(Parameters.Select(p => (JsonNode?)new JsonObject
            {
                ["name"] = p.Name,
                ["defaultValue"] = p.Default,
                ["allowedPattern"] = p.Pattern,
                ["type"] = "String",
                ["referencedByResources"] = new JsonArray("ConnectorConfig"),
            }.RemoveNulls()).ToArray()),
            ["requiredCapabilities"] = new JsonArray("CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"),
            ["resourcesSupported"] = true,
            ["semanticVersion"] = Version,
            ["templateUrl"] = "https://awsserverlessrepo-changesets.s3.amazonaws.com/template.yaml",
        },
    };

    private DoubleReply CreateChangeSet(JsonObject body)
    {
        var token = (string?)body["clientToken"];
        if (token is not null && byClientToken.TryGetValue(token, out var earlier))
        {
            return DoubleReply.Ok(earlier.DeepClone(), 201); // SAR is idempotent on clientToken
        }

        var capabilities = (body["capabilities"] as JsonArray)?.Select(c => (string)c!).ToList() ?? [];
        var missing = new[] { "CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY" }.Except(capabilities).ToList();
        if (missing.Count > 0)
        {
            return DoubleReply.Error(400, "BadRequestException", "Requires capabilities: " + string.Join(", ", missing));
        }

        var values = Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        foreach (var item in (body["parameterOverrides"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = (string)item["name"]!;
            if (!values.ContainsKey(name))
            {
                return DoubleReply.Error(400, "BadRequestException", $"Parameter {name} is not defined by the application.");
            }

            values[name] = (string)item["value"]!;
        }

        foreach (var (name, _, pattern) in Parameters)
        {
            if (values[name] is null)
            {
                return DoubleReply.Error(400, "BadRequestException", $"Parameter {name} is required.");
            }

            if (pattern is not null && !System.Text.RegularExpressions.Regex.IsMatch(values[name]!, pattern))
            {
                return DoubleReply.Error(400, "BadRequestException", $"Parameter {name} must match {pattern}.");
            }
        }

        var stackName = "serverlessrepo-" + (string)body["stackName"]!;
        var exists = cloudFormation.FindStackAsync(stackName).GetAwaiter().GetResult() is { StackStatus: not "REVIEW_IN_PROGRESS" };
        CreateChangeSetResponse created;
        try
        {
            created = cloudFormation.CreateChangeSetAsync(new CreateChangeSetRequest
            {
                StackName = stackName,
                ChangeSetName = (string?)body["changeSetName"] ?? "a" + Guid.NewGuid().ToString("N"),
                ChangeSetType = exists ? "UPDATE" : "CREATE",
                TemplateBody = Template,
                Capabilities = ["CAPABILITY_IAM"],
                Parameters = values.Select(v => new Parameter { ParameterKey = v.Key, ParameterValue = v.Value }).ToList(),
                Tags = [new Tag { Key = "serverlessrepo:applicationId", Value = ConnectorApplicationId }, new Tag { Key = "serverlessrepo:semanticVersion", Value = Version }],
            }).GetAwaiter().GetResult();
        }
        catch (AmazonServiceException ex)
        {
            return DoubleReply.Error(400, "BadRequestException", "CloudFormation: " + ex.Message);
        }

        Interlocked.Increment(ref ChangeSetsCreated);
        var reply = new JsonObject
        {
            ["applicationId"] = ConnectorApplicationId,
            ["changeSetId"] = created.Id,
            ["semanticVersion"] = Version,
            ["stackId"] = created.StackId,
        };
        if (token is not null)
        {
            byClientToken[token] = reply;
        }

        return DoubleReply.Ok(reply, 201);
    }

    private const string Template = """
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Description": "Stand-in for the Athena DynamoDB connector (test double)",
          "Parameters": {
            "AthenaCatalogName": { "Type": "String" },
            "SpillBucket": { "Type": "String" },
            "SpillPrefix": { "Type": "String" },
            "LambdaTimeout": { "Type": "String" },
            "LambdaMemory": { "Type": "String" },
            "DisableSpillEncryption": { "Type": "String" }
          },
          "Resources": {
            "ConnectorRole": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" } ] }
              }
            },
            "ConnectorConfig": {
              "Type": "AWS::Lambda::Function",
              "Properties": {
                "FunctionName": { "Ref": "AthenaCatalogName" },
                "Handler": "com.amazonaws.athena.connectors.dynamodb.DynamoDBCompositeHandler",
                "Runtime": "java11",
                "Role": { "Fn::GetAtt": [ "ConnectorRole", "Arn" ] },
                "Code": { "ZipFile": "placeholder" },
                "Environment": { "Variables": { "spill_bucket": { "Ref": "SpillBucket" }, "spill_prefix": { "Ref": "SpillPrefix" }, "disable_spill_encryption": { "Ref": "DisableSpillEncryption" } } }
              }
            }
          }
        }
        """;
}

internal static class JsonObjectExtensions
{
    public static JsonObject RemoveNulls(this JsonObject obj)
    {
        foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            obj.Remove(key);
        }

        return obj;
    }
}
