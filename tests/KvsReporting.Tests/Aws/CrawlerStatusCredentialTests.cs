using System.Management.Automation;
using Amazon.Runtime;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// Get-KvsCrawlerStatus end to end against moto with signature checking on, once per way of passing
/// credentials: every call below is a SigV4-signed request moto verified.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class CrawlerStatusCredentialTests : IDisposable
{
    // One crawler for the class: creating it through boto3 costs a Python start.
    private static readonly Lazy<(string Crawler, string Database)> Arranged = new(() =>
    {
        var crawler = MotoFixture.UniqueName("kvs-crawler");
        var database = MotoFixture.UniqueName("kvs_db").Replace('-', '_');
        MotoFixture.Shared.CreateCrawler(crawler, database);
        return (crawler, database);
    });

    private readonly MotoFixture moto;
    private readonly PowerShellSession session = new();
    private readonly string crawler;
    private readonly string database;
    private readonly string tempDir = Directory.CreateTempSubdirectory("kvs-aws-").FullName;

    public CrawlerStatusCredentialTests(MotoCollectionFixture fixture)
    {
        moto = fixture.Moto;
        (crawler, database) = Arranged.Value;
    }

    private Dictionary<string, object?> Vars(MotoUser? user = null) => new()
    {
        ["crawler"] = crawler,
        ["endpoint"] = moto.Endpoint,
        ["region"] = moto.Region,
        ["ak"] = (user ?? moto.Admin).AccessKeyId,
        ["sk"] = (user ?? moto.Admin).SecretAccessKey,
        ["dir"] = tempDir,
    };

    private void AssertCrawler(IReadOnlyCollection<PSObject> output, IReadOnlyList<ErrorRecord> errors)
    {
        Assert.Empty(errors);
        var status = Assert.Single(output);
        Assert.Equal("KvsReporting.Crawler.KvsCrawlerStatus", status.BaseObject.GetType().FullName);
        Assert.Equal(crawler, status.Properties["CrawlerName"].Value);
        Assert.Equal("READY", status.Properties["State"].Value);
        Assert.Equal(database, status.Properties["Database"].Value);
        Assert.Equal("cron(0 0 * * ? *)", status.Properties["ScheduleExpression"].Value);
        Assert.Equal(moto.Region, status.Properties["Region"].Value);
        var targets = ((System.Collections.IEnumerable)status.Properties["Targets"].Value).Cast<object>().Select(t => t.ToString()).ToList();
        Assert.Equal(["DynamoDB:LicensePlateDetections"], targets);
    }

    [Fact]
    public void Access_and_secret_key_parameters()
    {
        var (output, errors) = session.Run(
            "Get-KvsCrawlerStatus -Name $crawler -AccessKey $ak -SecretKey $sk -Region $region -EndpointUrl $endpoint", Vars());
        AssertCrawler(output, errors);
    }

    [Fact]
    public void Profile_name_with_a_profile_location()
    {
        var file = Path.Combine(tempDir, "credentials");
        File.WriteAllText(file, $"[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n\n[kvs-moto]\naws_access_key_id = {moto.Admin.AccessKeyId}\naws_secret_access_key = {moto.Admin.SecretAccessKey}\nregion = {moto.Region}\n");
        var vars = Vars();
        vars["file"] = file;
        var (output, errors) = session.Run(
            "Get-KvsCrawlerStatus -Name $crawler -ProfileName kvs-moto -ProfileLocation $file -EndpointUrl $endpoint", vars);
        AssertCrawler(output, errors);
    }

    [Fact]
    public void Stored_session_credentials_as_a_profile_name_and_stored_region()
    {
        var file = Path.Combine(tempDir, "credentials");
        File.WriteAllText(file, $"[stored]\naws_access_key_id = {moto.Admin.AccessKeyId}\naws_secret_access_key = {moto.Admin.SecretAccessKey}\n");
        var vars = Vars();
        vars["file"] = file;
        // What Set-AWSCredential -ProfileName / Set-DefaultAWSRegion leave in the session.
        var (output, errors) = session.Run(
            "$StoredAWSCredentials = 'stored'; $StoredAWSRegion = $region; Get-KvsCrawlerStatus -Name $crawler -ProfileLocation $file -EndpointUrl $endpoint", vars);
        AssertCrawler(output, errors);
    }

    [Fact]
    public void Stored_session_credentials_as_an_object_beat_nothing_else_given()
    {
        var vars = Vars();
        vars["storedObject"] = new BasicAWSCredentials(moto.Admin.AccessKeyId, moto.Admin.SecretAccessKey);
        var (output, errors) = session.Run(
            "$global:StoredAWSCredentials = $storedObject; $global:StoredAWSRegion = $region; Get-KvsCrawlerStatus -Name $crawler -EndpointUrl $endpoint", vars);
        AssertCrawler(output, errors);
    }

    [Fact]
    public void Credential_object_from_another_load_context()
    {
        // This AWSCredentials comes from the test's AWSSDK.Core (default load context); the module has its own
        // copy in its isolated context, exactly as with AWS.Tools' objects.
        var vars = Vars();
        vars["cred"] = new BasicAWSCredentials(moto.Admin.AccessKeyId, moto.Admin.SecretAccessKey);
        var (output, errors) = session.Run("Get-KvsCrawlerStatus -Name $crawler -Credential $cred -Region $region -EndpointUrl $endpoint", vars);
        AssertCrawler(output, errors);
    }

    [Fact]
    public void Parameters_win_over_stored_session_credentials()
    {
        var vars = Vars();
        var (output, errors) = session.Run(
            "$StoredAWSCredentials = 'no-such-profile'; Get-KvsCrawlerStatus -Name $crawler -AccessKey $ak -SecretKey $sk -Region $region -EndpointUrl $endpoint", vars);
        AssertCrawler(output, errors);
    }

    [Fact]
    public void Crawler_names_bind_from_the_pipeline_by_property_name()
    {
        var (output, errors) = session.Run(
            "[pscustomobject]@{ CrawlerName = $crawler; Region = $region; EndpointUrl = $endpoint } | Get-KvsCrawlerStatus -AccessKey $ak -SecretKey $sk", Vars());
        AssertCrawler(output, errors);
    }

    [Fact]
    public void Missing_crawler_is_ObjectNotFound_naming_it_and_other_names_still_report()
    {
        var missing = MotoFixture.UniqueName("kvs-missing");
        var vars = Vars();
        vars["missing"] = missing;
        var (output, errors) = session.Run(
            "Get-KvsCrawlerStatus -Name $missing, $crawler -AccessKey $ak -SecretKey $sk -Region $region -EndpointUrl $endpoint", vars);
        Assert.Equal(crawler, Assert.Single(output).Properties["CrawlerName"].Value);
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("KvsGetCrawlerNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(missing, error.TargetObject);
        Assert.Contains(missing, error.Exception.Message);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
        var aws = AwsErrorInfo.Of(error.Exception);
        Assert.True(aws.IsAmazonServiceException, aws.TypeName);
        Assert.Equal("EntityNotFoundException", aws.ErrorCode);
        Assert.False(string.IsNullOrEmpty(aws.RequestId));
        Assert.Equal(400, aws.StatusCode);
    }

    [Fact]
    public void Wrong_secret_key_is_a_SignatureDoesNotMatch_error_without_the_secret()
    {
        var vars = Vars();
        const string wrongSecret = "ThisIsNotTheSecretKeyOfTheUser0123456789";
        vars["sk"] = wrongSecret;
        var (output, errors) = session.Run(
            "Get-KvsCrawlerStatus -Name $crawler -AccessKey $ak -SecretKey $sk -Region $region -EndpointUrl $endpoint", vars);
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Contains(error.CategoryInfo.Category, new[] { ErrorCategory.SecurityError, ErrorCategory.PermissionDenied });
        Assert.StartsWith("KvsGetCrawlerSignatureDoesNotMatch,", error.FullyQualifiedErrorId);
        Assert.Equal(crawler, error.TargetObject);
        Assert.Equal("SignatureDoesNotMatch", AwsErrorInfo.Of(error.Exception).ErrorCode);
        Assert.Equal(403, AwsErrorInfo.Of(error.Exception).StatusCode);
        Assert.DoesNotContain(wrongSecret, error.ToString());
        Assert.DoesNotContain(wrongSecret, error.Exception.Message);
        Assert.DoesNotContain(wrongSecret, error.ErrorDetails?.Message ?? string.Empty);
    }

    [Fact]
    public void Limited_user_reads_its_allowed_crawler_but_gets_AccessDenied_for_the_list()
    {
        var vars = Vars(moto.Limited);
        var (allowed, allowedErrors) = session.Run(
            "Get-KvsCrawlerStatus -Name $crawler -AccessKey $ak -SecretKey $sk -Region $region -EndpointUrl $endpoint", vars);
        AssertCrawler(allowed, allowedErrors);

        var (output, errors) = session.Run(
            "Get-KvsCrawlerStatus -AccessKey $ak -SecretKey $sk -Region $region -EndpointUrl $endpoint", vars);
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.StartsWith("KvsGetCrawlersAccessDenied,", error.FullyQualifiedErrorId);
        Assert.Contains("glue:GetCrawlers", error.Exception.Message);
        Assert.Equal("AccessDenied", AwsErrorInfo.Of(error.Exception).ErrorCode);
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(tempDir, recursive: true);
    }
}
