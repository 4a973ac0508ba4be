using System.Management.Automation.Runspaces;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Glue;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>Clients are reused per runspace and per resolved settings, never shared across runspaces.</summary>
public sealed class ClientCacheTests
{
    private static AwsConnection Connection(string region, string secret = "secret-a") => AwsConnectionResolver.Resolve(
        new AwsConnectionParameters { AccessKey = "AKIACACHE", SecretKey = secret, Region = region, EndpointUrl = "http://127.0.0.1:9" },
        new AwsSettingsSources { Environment = _ => null });

    [Fact]
    public void Same_settings_in_one_runspace_reuse_the_client_and_other_settings_or_runspaces_do_not()
    {
        using var first = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        using var second = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        first.Open();
        second.Open();
        var cacheA = AwsClientCache.For(first);
        Assert.Same(cacheA, AwsClientCache.For(first));
        Assert.NotSame(cacheA, AwsClientCache.For(second));

        var glue = cacheA.GetOrCreate(Connection("eu-west-1"), "GLUE", AwsClientFactory.CreateGlue);
        Assert.Same(glue, cacheA.GetOrCreate(Connection("eu-west-1"), "GLUE", AwsClientFactory.CreateGlue));
        Assert.NotSame(glue, cacheA.GetOrCreate(Connection("eu-central-1"), "GLUE", AwsClientFactory.CreateGlue));
        Assert.NotSame(glue, cacheA.GetOrCreate(Connection("eu-west-1", "secret-b"), "GLUE", AwsClientFactory.CreateGlue));
        Assert.NotSame(glue, AwsClientCache.For(second).GetOrCreate(Connection("eu-west-1"), "GLUE", AwsClientFactory.CreateGlue));
        Assert.Equal(3, cacheA.Count);

        first.Close();
        Assert.Equal(0, cacheA.Count); // closing the runspace disposed its clients
    }

    [Fact]
    public void The_cache_key_holds_no_secret()
    {
        var connection = Connection("eu-west-1", "VerySecretValue1234567890");
        Assert.DoesNotContain("VerySecretValue1234567890", connection.ClientKey("GLUE"));
        Assert.DoesNotContain("VerySecretValue1234567890", connection.CredentialSource);
    }
}
