using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Tests.Aws.Clients;

/// <summary>
/// Builds the module's service clients against the moto rig named by KVS_MOTO_CONFIG (signed requests,
/// IAM authentication on). Tests that need moto skip with a clear reason when it is not configured.
/// </summary>
public sealed class ClientRig
{
    private ClientRig(JsonElement config)
    {
        Endpoint = new Uri(config.GetProperty("endpoint").GetString()!);
        Region = config.GetProperty("region").GetString()!;
        AccountId = config.GetProperty("accountId").GetString()!;
        Admin = Keys(config.GetProperty("admin"));
        Limited = Keys(config.GetProperty("limited"));
    }

    public Uri Endpoint { get; }

    public string Region { get; }

    public string AccountId { get; }

    public BasicAWSCredentials Admin { get; }

    public BasicAWSCredentials Limited { get; }

    /// <summary>botocore/data of the rig: AWS's service models.</summary>
    public string BotocoreData { get; private init; } = string.Empty;

    /// <summary>The shared moto instance (started by the build, or by MotoFixture on first use).</summary>
    public static ClientRig Require()
    {
        var fixture = MotoFixture.Shared;
        using var doc = JsonDocument.Parse(File.ReadAllText(fixture.ConfigPath));
        return new ClientRig(doc.RootElement.Clone()) { BotocoreData = fixture.BotocoreData };
    }

    public KvsServiceConfig Config(KvsServiceDescription service, Uri? endpoint = null)
    {
        var config = new KvsServiceConfig(service) { MaxErrorRetry = 2 };
        config.UseEndpoint(endpoint ?? Endpoint, RegionEndpoint.GetBySystemName(Region));
        return config;
    }

    public T Client<T>(KvsServiceDescription service, AWSCredentials? credentials = null, Uri? endpoint = null)
        where T : KvsServiceClient =>
        (T)Activator.CreateInstance(typeof(T), credentials ?? Admin, Config(service, endpoint))!;

    public BasicAWSCredentials WrongSecret() => new(Admin.GetCredentials().AccessKey, "not-the-secret-key-at-all");

    private static BasicAWSCredentials Keys(JsonElement user) =>
        new(user.GetProperty("accessKeyId").GetString(), user.GetProperty("secretAccessKey").GetString());
}
