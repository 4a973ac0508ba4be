using Amazon.Runtime;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Tests.Aws.Clients;

/// <summary>
/// Test-only client for setting up moto state through operations the module itself never calls (CreateCrawler,
/// CreateWorkGroup...). Same runtime and signing as the module's clients; input and output as JSON nodes.
/// </summary>
public sealed class RigClient(AWSCredentials credentials, KvsServiceConfig config) : KvsServiceClient(credentials, config)
{
    public static readonly KvsServiceDescription Glue = new("Glue", "glue", "glue", "2017-03-31", AwsProtocol.Json, TargetPrefix: "AWSGlue");
    public static readonly KvsServiceDescription Athena = new("Athena", "athena", "athena", "2017-05-18", AwsProtocol.Json, TargetPrefix: "AmazonAthena");

    public Task<Dictionary<string, object>> CallAsync(string operation, object input, CancellationToken cancellationToken = default) =>
        SendAsync<Dictionary<string, object>>(new AwsOperation(operation), input, cancellationToken);
}
