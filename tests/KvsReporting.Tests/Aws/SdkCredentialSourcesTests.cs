using System.Management.Automation;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// The resolution steps that go through the SDK's own providers, end to end against moto: an assume-role
/// profile (the SDK calls STS AssumeRole, here moto's, through AWS_ENDPOINT_URL_STS) and container
/// credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI, as ECS and EKS Pod Identity provide them). They change
/// process environment variables, so the collection runs alone.
/// </summary>
[Collection(MotoSerialCollection.Name)]
public sealed class SdkCredentialSourcesTests : IDisposable
{
    private static readonly string[] Variables =
    [
        "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_EC2_METADATA_DISABLED", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
    ];

    private readonly Dictionary<string, string?> saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly MotoFixture moto;
    private readonly string dir = Directory.CreateTempSubdirectory("kvs-sdkcreds-").FullName;
    private readonly string crawler = MotoFixture.UniqueName("kvs-sdkcreds");

    public SdkCredentialSourcesTests(MotoCollectionFixture fixture)
    {
        moto = fixture.Moto;
        moto.CreateCrawler(crawler, "kvs_sdkcreds_db");
        foreach (var name in Variables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(dir, "no-credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(dir, "no-config"));
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    [Fact]
    public void Assume_role_profile_calls_STS_and_uses_the_role_permissions()
    {
        var role = MotoFixture.UniqueName("kvs-reader");
        var roleArn = moto.RunBoto($$$"""
            import json
            iam = client('iam')
            trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::{{{moto.AccountId}}}:root'}, 'Action': 'sts:AssumeRole'}]}
            arn = iam.create_role(RoleName='{{{role}}}', AssumeRolePolicyDocument=json.dumps(trust))['Role']['Arn']
            policy = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'glue:GetCrawler', 'Resource': '*'}]}
            iam.put_role_policy(RoleName='{{{role}}}', PolicyName='read-crawler', PolicyDocument=json.dumps(policy))
            print(arn)
            """).Trim();
        var file = Path.Combine(dir, "credentials");
        File.WriteAllText(file, $"[source]\naws_access_key_id = {moto.Admin.AccessKeyId}\naws_secret_access_key = {moto.Admin.SecretAccessKey}\n\n[reader]\nrole_arn = {roleArn}\nsource_profile = source\nrole_session_name = kvs-test\nregion = {moto.Region}\n");
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", moto.Endpoint); // STS goes to moto

        // As with AWS.Tools in the session: another AWSSDK.SecurityToken (and SSO) already loaded in the default
        // load context. The SDK's own assume-role lookup would pick that copy and fail.
        Assert.NotNull(typeof(Amazon.SecurityToken.AmazonSecurityTokenServiceClient).Assembly);
        Assert.NotNull(typeof(Amazon.SSO.AmazonSSOClient).Assembly);

        using var session = new PowerShellSession();
        var vars = new Dictionary<string, object?> { ["file"] = file, ["endpoint"] = moto.Endpoint, ["crawler"] = crawler };
        var (output, errors) = session.Run("Get-KvsCrawlerStatus -Name $crawler -ProfileName reader -ProfileLocation $file -EndpointUrl $endpoint", vars);
        Assert.Empty(errors);
        Assert.Equal(crawler, Assert.Single(output).Properties["CrawlerName"].Value);

        // The role may read one crawler but not list them: the call really ran as the assumed role.
        var (_, denied) = session.Run("Get-KvsCrawlerStatus -ProfileName reader -ProfileLocation $file -EndpointUrl $endpoint", vars);
        var error = Assert.Single(denied);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains($"assumed-role/{role}/kvs-test", error.Exception.Message);
    }

    [Fact]
    public void Container_credentials_are_the_last_step()
    {
        using var container = new FixtureServer(request => (200, $$"""
            {"AccessKeyId":"{{moto.Admin.AccessKeyId}}","SecretAccessKey":"{{moto.Admin.SecretAccessKey}}","Expiration":"{{DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}}"}
            """));
        Environment.SetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.Endpoint + "v2/credentials/kvs");

        using var session = new PowerShellSession();
        var (output, errors) = session.Run(
            "Get-KvsCrawlerStatus -Name $crawler -Region $region -EndpointUrl $endpoint -Verbose 4>&1",
            new Dictionary<string, object?> { ["region"] = moto.Region, ["endpoint"] = moto.Endpoint, ["crawler"] = crawler });
        Assert.Empty(errors);
        Assert.Contains(output, o => o.BaseObject is VerboseRecord v && v.Message.Contains("default chain"));
        Assert.Equal(crawler, Assert.Single(output, o => o.BaseObject is not VerboseRecord).Properties["CrawlerName"].Value);
        Assert.Contains(container.Requests, r => r.Path == "/v2/credentials/kvs");
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.Delete(dir, recursive: true);
    }
}
