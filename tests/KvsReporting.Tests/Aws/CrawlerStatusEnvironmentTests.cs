using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// Credentials, region and endpoint from environment variables. These change the process environment,
/// so the collection runs alone.
/// </summary>
[Collection(MotoSerialCollection.Name)]
public sealed class CrawlerStatusEnvironmentTests : IDisposable
{
    private static readonly string[] Variables =
    [
        "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_GLUE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
    ];

    private readonly Dictionary<string, string?> saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly MotoFixture moto;
    private readonly PowerShellSession session = new();
    private static readonly Lazy<string> Arranged = new(() =>
    {
        var name = MotoFixture.UniqueName("kvs-envcrawler");
        MotoFixture.Shared.CreateCrawler(name, "kvs_env_db");
        return name;
    });

    private readonly string crawler;
    private readonly string tempDir = Directory.CreateTempSubdirectory("kvs-awsenv-").FullName;

    public CrawlerStatusEnvironmentTests(MotoCollectionFixture fixture)
    {
        moto = fixture.Moto;
        crawler = Arranged.Value;
        foreach (var name in Variables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        // Keep the machine's own ~/.aws out of these tests.
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(tempDir, "none-credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(tempDir, "none-config"));
    }

    [Fact]
    public void Access_key_region_and_service_endpoint_from_the_environment()
    {
        var (output, errors) = session.Run(
            "$env:AWS_ACCESS_KEY_ID = $ak; $env:AWS_SECRET_ACCESS_KEY = $sk; $env:AWS_DEFAULT_REGION = $region; $env:AWS_ENDPOINT_URL_GLUE = $endpoint; Get-KvsCrawlerStatus -Name $crawler -Verbose 4>&1",
            new Dictionary<string, object?> { ["ak"] = moto.Admin.AccessKeyId, ["sk"] = moto.Admin.SecretAccessKey, ["region"] = moto.Region, ["endpoint"] = moto.Endpoint, ["crawler"] = crawler });
        Assert.Empty(errors);
        var verbose = output.Select(o => o.BaseObject).OfType<System.Management.Automation.VerboseRecord>().Select(v => v.Message).ToList();
        Assert.Contains(verbose, m => m.Contains("AWS_ACCESS_KEY_ID") && m.Contains("AWS_DEFAULT_REGION") && m.Contains("AWS_ENDPOINT_URL_GLUE"));
        var status = Assert.Single(output, o => o.BaseObject is not System.Management.Automation.VerboseRecord);
        Assert.Equal(crawler, status.Properties["CrawlerName"].Value);
        Assert.Equal("READY", status.Properties["State"].Value);
    }

    [Fact]
    public void AWS_PROFILE_and_the_global_endpoint_variable()
    {
        var file = Path.Combine(tempDir, "credentials");
        File.WriteAllText(file, $"[kvs-env]\naws_access_key_id = {moto.Admin.AccessKeyId}\naws_secret_access_key = {moto.Admin.SecretAccessKey}\n");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", file);
        var (output, errors) = session.Run(
            "$env:AWS_PROFILE = 'kvs-env'; $env:AWS_REGION = $region; $env:AWS_ENDPOINT_URL = $endpoint; Get-KvsCrawlerStatus -Name $crawler",
            new Dictionary<string, object?> { ["region"] = moto.Region, ["endpoint"] = moto.Endpoint, ["crawler"] = crawler });
        Assert.Empty(errors);
        Assert.Equal(crawler, Assert.Single(output).Properties["CrawlerName"].Value);
    }

    [Fact]
    public void A_profile_that_does_not_exist_is_a_clear_error()
    {
        var (output, errors) = session.Run(
            "$env:AWS_PROFILE = 'kvs-no-such-profile'; Get-KvsCrawlerStatus -Name $crawler -Region us-east-1 -EndpointUrl $endpoint",
            new Dictionary<string, object?> { ["endpoint"] = moto.Endpoint, ["crawler"] = crawler });
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsAwsProfileNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("kvs-no-such-profile", error.Exception.Message);
    }

    public void Dispose()
    {
        session.Dispose();
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.Delete(tempDir, recursive: true);
    }
}
