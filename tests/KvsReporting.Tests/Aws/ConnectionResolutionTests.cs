using System.Management.Automation;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Glue;
using KvsReporting.Errors;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// The resolution order of connection settings, step by step, with temporary credential files and
/// substituted environment/session variables (nothing process-wide is changed).
/// </summary>
public sealed class ConnectionResolutionTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kvs-resolve-").FullName;
    private readonly Dictionary<string, string?> env = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> session = new(StringComparer.Ordinal);
    private readonly string credentialsFile;

    public ConnectionResolutionTests()
    {
        credentialsFile = Path.Combine(dir, "credentials");
        File.WriteAllText(credentialsFile, string.Join('\n',
            "[default]", "aws_access_key_id = AKIADEFAULT", "aws_secret_access_key = default-secret", "region = eu-north-1", "",
            "[dev]", "aws_access_key_id = AKIADEV", "aws_secret_access_key = dev-secret", "region = eu-west-1", "endpoint_url = http://127.0.0.1:4566", "",
            "[stored]", "aws_access_key_id = AKIASTORED", "aws_secret_access_key = stored-secret", "",
            "[envprofile]", "aws_access_key_id = AKIAENVPROFILE", "aws_secret_access_key = envprofile-secret", "",
            "[assume]", "role_arn = arn:aws:iam::123456789012:role/reporting", "source_profile = dev", "",
            "[sso]", "sso_start_url = https://kvs.awsapps.com/start", "sso_region = eu-west-1", "sso_account_id = 123456789012", "sso_role_name = ReportingReadOnly", "region = eu-west-1", ""));
        // The default chain must never see this machine's real settings.
        env["AWS_CONFIG_FILE"] = Path.Combine(dir, "no-config");
    }

    private AwsSettingsSources Sources => new()
    {
        Environment = name => env.TryGetValue(name, out var v) ? v : null,
        SessionVariable = name => session.TryGetValue(name, out var v) ? v : null,
    };

    private AwsConnection Resolve(AwsConnectionParameters? p = null) =>
        AwsConnectionResolver.Resolve(p ?? new AwsConnectionParameters { ProfileLocation = credentialsFile }, Sources);

    private static string AccessKeyOf(AwsConnection c) => c.Credentials.GetCredentials().AccessKey;

    [Fact]
    public void Parameters_come_first()
    {
        session["StoredAWSCredentials"] = "stored";
        session["StoredAWSRegion"] = "ap-south-1";
        env["AWS_ACCESS_KEY_ID"] = "AKIAENV";
        env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
        env["AWS_REGION"] = "sa-east-1";
        var c = Resolve(new AwsConnectionParameters { AccessKey = "AKIAPARAM", SecretKey = "param-secret", SessionToken = "tok", Region = "us-west-2", ProfileLocation = credentialsFile });
        var creds = c.Credentials.GetCredentials();
        Assert.Equal(("AKIAPARAM", "param-secret", "tok"), (creds.AccessKey, creds.SecretKey, creds.Token));
        Assert.Equal("us-west-2", c.Region.SystemName);
        Assert.Equal("-Region", c.RegionSource);
        Assert.DoesNotContain("param-secret", c.CredentialSource);
    }

    [Fact]
    public void ProfileName_uses_the_profile_its_region_and_endpoint_url()
    {
        var c = Resolve(new AwsConnectionParameters { ProfileName = "dev", ProfileLocation = credentialsFile });
        Assert.Equal("AKIADEV", AccessKeyOf(c));
        Assert.Equal("eu-west-1", c.Region.SystemName);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), c.EndpointFor(GlueClient.Description));
    }

    [Fact]
    public void Stored_session_variables_come_after_parameters()
    {
        session["StoredAWSCredentials"] = "stored";
        session["StoredAWSRegion"] = "ap-south-1";
        env["AWS_PROFILE"] = "envprofile";
        env["AWS_REGION"] = "sa-east-1";
        var c = Resolve();
        Assert.Equal("AKIASTORED", AccessKeyOf(c));
        Assert.Equal("ap-south-1", c.Region.SystemName);
        Assert.Contains("$StoredAWSCredentials", c.CredentialSource);
        Assert.Equal("$StoredAWSRegion", c.RegionSource);
    }

    [Fact]
    public void A_stored_AWSPSCredentials_like_wrapper_is_unwrapped_through_its_public_Credentials_property()
    {
        session["StoredAWSCredentials"] = PSObject.AsPSObject(new StoredWrapper(new Amazon.Runtime.BasicAWSCredentials("AKIAWRAPPED", "wrapped-secret"), "work"));
        env["AWS_REGION"] = "eu-central-1";
        var c = Resolve();
        Assert.Equal("AKIAWRAPPED", AccessKeyOf(c));
        Assert.Contains("work", c.CredentialSource);
    }

    [Fact]
    public void Environment_profile_then_keys_then_region_variables()
    {
        env["AWS_PROFILE"] = "envprofile";
        env["AWS_ACCESS_KEY_ID"] = "AKIAENV";
        env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
        env["AWS_DEFAULT_REGION"] = "ca-central-1";
        Assert.Equal("AKIAENVPROFILE", AccessKeyOf(Resolve()));
        Assert.Equal("ca-central-1", Resolve().Region.SystemName);

        env.Remove("AWS_PROFILE");
        env["AWS_SESSION_TOKEN"] = "env-token";
        env["AWS_REGION"] = "us-east-2";
        var c = Resolve();
        Assert.Equal(("AKIAENV", "env-token"), (AccessKeyOf(c), c.Credentials.GetCredentials().Token));
        Assert.Equal("us-east-2", c.Region.SystemName); // AWS_REGION beats AWS_DEFAULT_REGION
    }

    [Fact]
    public void The_default_profile_comes_after_the_environment()
    {
        var c = Resolve();
        Assert.Equal("AKIADEFAULT", AccessKeyOf(c));
        Assert.Equal("eu-north-1", c.Region.SystemName);
    }

    [Fact]
    public void Endpoint_order_is_parameter_then_service_variable_then_global_variable()
    {
        env["AWS_ENDPOINT_URL"] = "http://global:1";
        env["AWS_ENDPOINT_URL_GLUE"] = "http://glue:2";
        Assert.Equal(new Uri("http://glue:2"), Resolve().EndpointFor(GlueClient.Description));
        Assert.Equal(new Uri("http://global:1"), Resolve().EndpointFor("ATHENA"));
        var withParameter = Resolve(new AwsConnectionParameters { EndpointUrl = "http://param:3", ProfileLocation = credentialsFile });
        Assert.Equal(new Uri("http://param:3"), withParameter.EndpointFor(GlueClient.Description));

        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
        Assert.Null(Resolve().EndpointFor(GlueClient.Description));
    }

    [Theory]
    [InlineData("Athena", "ATHENA")]
    [InlineData("Glue", "GLUE")]
    [InlineData("IAM", "IAM")]
    [InlineData("CloudFormation", "CLOUDFORMATION")]
    [InlineData("ServerlessApplicationRepository", "SERVERLESSAPPLICATIONREPOSITORY")]
    [InlineData("Lambda", "LAMBDA")]
    [InlineData("DynamoDB", "DYNAMODB")]
    public void Service_endpoint_variables_use_the_upper_snake_service_id(string serviceId, string suffix)
    {
        var service = new KvsReporting.Aws.Runtime.KvsServiceDescription(serviceId, "x", "x", "2020-01-01", KvsReporting.Aws.Runtime.AwsProtocol.Json);
        Assert.Equal(suffix, service.EnvironmentSuffix);
    }

    [Fact]
    public void Assume_role_profiles_resolve_to_the_modules_own_STS_credentials_without_calling_out()
    {
        var c = Resolve(new AwsConnectionParameters { ProfileName = "assume", ProfileLocation = credentialsFile, Region = "eu-west-1" });
        Assert.Equal("KvsAssumeRoleCredentials", c.Credentials.GetType().Name);
        Assert.Contains("assumes arn:aws:iam::123456789012:role/reporting", c.CredentialSource);
    }

    [Fact]
    public void Sso_profiles_resolve_through_the_SDK_without_calling_out()
    {
        var c = Resolve(new AwsConnectionParameters { ProfileName = "sso", ProfileLocation = credentialsFile });
        Assert.Equal("SSOAWSCredentials", c.Credentials.GetType().Name);
        Assert.Equal("eu-west-1", c.Region.SystemName);
    }

    [Fact]
    public void Errors_name_what_is_wrong()
    {
        var missing = Assert.Throws<KvsErrorException>(() => Resolve(new AwsConnectionParameters { ProfileName = "nope", ProfileLocation = credentialsFile }));
        Assert.Equal("KvsAwsProfileNotFound", missing.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.ErrorRecord.CategoryInfo.Category);

        var noSecret = Assert.Throws<KvsErrorException>(() => Resolve(new AwsConnectionParameters { AccessKey = "AKIA", ProfileLocation = credentialsFile }));
        Assert.Equal("KvsAwsSecretKeyMissing", noSecret.ErrorRecord.FullyQualifiedErrorId);

        var badEndpoint = Assert.Throws<KvsErrorException>(() => Resolve(new AwsConnectionParameters { EndpointUrl = "localhost:5000", ProfileLocation = credentialsFile }));
        Assert.Equal("KvsAwsEndpointUrlInvalid", badEndpoint.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, badEndpoint.ErrorRecord.CategoryInfo.Category);

        var badRegion = Assert.Throws<KvsErrorException>(() => Resolve(new AwsConnectionParameters { Region = "Frankfurt", ProfileLocation = credentialsFile }));
        Assert.Equal("KvsAwsRegionInvalid", badRegion.ErrorRecord.FullyQualifiedErrorId);

        var notCredentials = Assert.Throws<KvsErrorException>(() => Resolve(new AwsConnectionParameters { Credential = 42, ProfileLocation = credentialsFile }));
        Assert.Equal("KvsAwsCredentialInvalid", notCredentials.ErrorRecord.FullyQualifiedErrorId);
    }

    [Fact]
    public void No_region_anywhere_is_a_clear_error_but_an_endpoint_alone_signs_for_us_east_1()
    {
        // (The default profile's region would apply to any profile, as in the SDK: use a file without one.)
        File.WriteAllText(credentialsFile, "[stored]\naws_access_key_id = AKIASTORED\naws_secret_access_key = stored-secret\n");
        var noRegion = Assert.Throws<KvsErrorException>(() => Resolve(new AwsConnectionParameters { ProfileName = "stored", ProfileLocation = credentialsFile }));
        Assert.Equal("KvsAwsRegionMissing", noRegion.ErrorRecord.FullyQualifiedErrorId);
        Assert.False(string.IsNullOrEmpty(noRegion.ErrorRecord.ErrorDetails?.RecommendedAction));

        var c = Resolve(new AwsConnectionParameters { ProfileName = "stored", ProfileLocation = credentialsFile, EndpointUrl = "http://127.0.0.1:5000" });
        Assert.Equal("us-east-1", c.Region.SystemName);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Shaped like AWS.Tools' AWSPSCredentials: public Credentials and Name.</summary>
    public sealed class StoredWrapper(Amazon.Runtime.AWSCredentials credentials, string name)
    {
        public Amazon.Runtime.AWSCredentials Credentials { get; } = credentials;

        public string Name { get; } = name;
    }
}
