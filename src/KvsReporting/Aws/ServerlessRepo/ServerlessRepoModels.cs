using System.Text.Json.Serialization;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.ServerlessRepo;

// Serverless Application Repository (REST-JSON, API 2017-09-08). Its wire names are camelCase (the model's
// locationName); its times are ISO strings, not timestamps.

public sealed record GetApplicationRequest
{



    /// <summary>The application ARN (escaped into the path).</summary>
    [AwsLocation(AwsMemberLocation.Uri, "applicationId")]
    public string ApplicationId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.QueryString, "semanticVersion")]
    public string? SemanticVersion { get; init; }
}

public sealed record GetApplicationResponse
{
    [JsonPropertyName("applicationId")]
    public string? ApplicationId { get; init; }

    [JsonPropertyName("author")]
    public string? Author { get; init; }

    [JsonPropertyName("creationTime")]
    public string? CreationTime { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("isVerifiedAuthor")]
    public bool? IsVerifiedAuthor { get; init; }

    [JsonPropertyName("version")]
    public ApplicationVersion? Version { get; init; }
}

public sealed record ApplicationVersion
{
    [JsonPropertyName("applicationId")]
    public string ApplicationId { get; init; } = string.Empty;

    [JsonPropertyName("creationTime")]
    public string CreationTime { get; init; } = string.Empty;

    [JsonPropertyName("parameterDefinitions")]
    public IReadOnlyList<ParameterDefinition> ParameterDefinitions { get; init; } = [];

    [JsonPropertyName("requiredCapabilities")]
    public IReadOnlyList<string> RequiredCapabilities { get; init; } = [];

    [JsonPropertyName("resourcesSupported")]
    public bool ResourcesSupported { get; init; }

    [JsonPropertyName("semanticVersion")]
    public string SemanticVersion { get; init; } = string.Empty;

    [JsonPropertyName("templateUrl")]
    public string TemplateUrl { get; init; } = string.Empty;
}

public sealed record ParameterDefinition
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("defaultValue")]
    public string? DefaultValue { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("allowedPattern")]
    public string? AllowedPattern { get; init; }

    [JsonPropertyName("referencedByResources")]
    public IReadOnlyList<string> ReferencedByResources { get; init; } = [];
}

public sealed record CreateCloudFormationChangeSetRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "applicationId")]
    public string ApplicationId { get; init; } = string.Empty;

    [JsonPropertyName("capabilities")]
    public IReadOnlyList<string>? Capabilities { get; init; }

    [JsonPropertyName("changeSetName")]
    public string? ChangeSetName { get; init; }

    /// <summary>Idempotency token: a retried request creates no second change set.</summary>
    [JsonPropertyName("clientToken")]
    public string? ClientToken { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("parameterOverrides")]
    public IReadOnlyList<ParameterValue>? ParameterOverrides { get; init; }

    [JsonPropertyName("semanticVersion")]
    public string? SemanticVersion { get; init; }

    /// <summary>SAR prefixes it with <c>serverlessrepo-</c> when it names the CloudFormation stack.</summary>
    [JsonPropertyName("stackName")]
    public string StackName { get; init; } = string.Empty;

    [JsonPropertyName("tags")]
    public IReadOnlyList<SarTag>? Tags { get; init; }
}

public sealed record ParameterValue
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("value")]
    public string Value { get; init; } = string.Empty;
}

public sealed record SarTag
{
    [JsonPropertyName("key")]
    public string Key { get; init; } = string.Empty;

    [JsonPropertyName("value")]
    public string Value { get; init; } = string.Empty;
}

public sealed record CreateCloudFormationChangeSetResponse
{
    [JsonPropertyName("applicationId")]
    public string? ApplicationId { get; init; }

    [JsonPropertyName("changeSetId")]
    public string? ChangeSetId { get; init; }

    [JsonPropertyName("semanticVersion")]
    public string? SemanticVersion { get; init; }

    [JsonPropertyName("stackId")]
    public string? StackId { get; init; }
}
