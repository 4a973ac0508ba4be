using System.Collections;
using System.Management.Automation;
using System.Text;
using Amazon.Runtime;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// The secret key and session token never appear in any stream (output, error, warning, verbose, debug,
/// progress, information), whichever way credentials are passed, on success, on a not-found error and on a
/// signature failure. Runs alone: one case sets process environment variables.
/// </summary>
[Collection(MotoSerialCollection.Name)]
public sealed class SecretLeakTests : IDisposable
{
    private static readonly Lazy<string> Crawler = new(() =>
    {
        var name = MotoFixture.UniqueName("kvs-secrets");
        MotoFixture.Shared.CreateCrawler(name, "kvs_secret_db");
        return name;
    });

    private readonly MotoFixture moto;
    private readonly string dir = Directory.CreateTempSubdirectory("kvs-secrets-").FullName;
    private readonly string? savedKey = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
    private readonly string? savedSecret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
    private readonly string? savedToken = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN");

    public SecretLeakTests(MotoCollectionFixture fixture) => moto = fixture.Moto;

    public static TheoryData<string> Methods => new() { "parameters", "profile", "environment", "stored", "credential" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void No_stream_shows_the_secret_key(string method)
    {
        const string token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789abcdefTOKEN";
        const string wrongSecret = "wRoNgSeCrEt/0123456789+ABCDEFGHIJKLMNOPQRS";
        var missing = MotoFixture.UniqueName("kvs-missing");

        // A call that succeeds for one crawler and fails (not found) for another...
        var good = Run(method, moto.Admin.SecretAccessKey, sessionToken: null, $"Get-KvsCrawlerStatus -Name '{Crawler.Value}', '{missing}'");
        Assert.Contains(Crawler.Value, good.Text);
        Assert.Contains("KvsGetCrawlerNotFound", good.Text);
        Assert.Contains("VERBOSE", good.Text);
        Assert.DoesNotContain(moto.Admin.SecretAccessKey, good.Text);

        // ...and one whose secret is wrong (signature failure), with a session token.
        var bad = Run(method, wrongSecret, token, $"Get-KvsCrawlerStatus -Name '{Crawler.Value}'");
        Assert.True(bad.Text.Contains("SignatureDoesNotMatch") || bad.Text.Contains("InvalidClientTokenId"), bad.Text[..Math.Min(600, bad.Text.Length)]);
        Assert.DoesNotContain(wrongSecret, bad.Text);
        Assert.DoesNotContain(token, bad.Text);
        Assert.DoesNotContain(Uri.EscapeDataString(wrongSecret), bad.Text);
    }

    private (string Text, int Records) Run(string method, string secret, string? sessionToken, string command)
    {
        using var session = new PowerShellSession();
        var vars = new Dictionary<string, object?>
        {
            ["ak"] = moto.Admin.AccessKeyId,
            ["sk"] = secret,
            ["st"] = sessionToken,
            ["region"] = moto.Region,
            ["endpoint"] = moto.Endpoint,
        };
        var prefix = "$VerbosePreference = $DebugPreference = $InformationPreference = $WarningPreference = $ProgressPreference = 'Continue'; ";
        string invocation;
        switch (method)
        {
            case "parameters":
                invocation = $"{command} -AccessKey $ak -SecretKey $sk {(sessionToken is null ? string.Empty : "-SessionToken $st")} -Region $region -EndpointUrl $endpoint";
                break;
            case "profile":
                var file = Path.Combine(dir, "credentials");
                File.WriteAllText(file, $"[leak]\naws_access_key_id = {moto.Admin.AccessKeyId}\naws_secret_access_key = {secret}\n{(sessionToken is null ? string.Empty : $"aws_session_token = {sessionToken}\n")}");
                vars["file"] = file;
                invocation = $"{command} -ProfileName leak -ProfileLocation $file -Region $region -EndpointUrl $endpoint";
                break;
            case "environment":
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", moto.Admin.AccessKeyId);
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", secret);
                Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", sessionToken);
                invocation = $"{command} -Region $region -EndpointUrl $endpoint";
                break;
            case "stored":
                vars["stored"] = sessionToken is null ? new BasicAWSCredentials(moto.Admin.AccessKeyId, secret) : new SessionAWSCredentials(moto.Admin.AccessKeyId, secret, sessionToken);
                invocation = $"$StoredAWSCredentials = $stored; $StoredAWSRegion = $region; {command} -EndpointUrl $endpoint";
                break;
            default:
                vars["cred"] = sessionToken is null ? new BasicAWSCredentials(moto.Admin.AccessKeyId, secret) : new SessionAWSCredentials(moto.Admin.AccessKeyId, secret, sessionToken);
                invocation = $"{command} -Credential $cred -Region $region -EndpointUrl $endpoint";
                break;
        }

        using var ps = session.Create();
        foreach (var (name, value) in vars)
        {
            ps.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        // Everything a user could see: the objects, each stream, and $Error with its full exception chains.
        ps.AddScript(prefix + invocation + "; $Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() } | Write-Information");
        var output = ps.Invoke();
        var text = new StringBuilder();
        foreach (var item in output)
        {
            text.AppendLine(Describe(item));
        }

        var records = new List<object>();
        records.AddRange(ps.Streams.Error);
        records.AddRange(ps.Streams.Warning);
        records.AddRange(ps.Streams.Verbose.Select(v => (object)("VERBOSE: " + v.Message)));
        records.AddRange(ps.Streams.Debug);
        records.AddRange(ps.Streams.Progress);
        records.AddRange(ps.Streams.Information);
        foreach (var record in records)
        {
            text.AppendLine(Describe(record));
        }

        return (text.ToString(), records.Count);
    }

    private static string Describe(object? item)
    {
        var text = new StringBuilder();
        switch (item)
        {
            case PSObject ps:
                text.AppendLine(ps.ToString());
                foreach (var property in ps.Properties)
                {
                    object? value;
                    try
                    {
                        value = property.Value;
                    }
                    catch (GetValueInvocationException)
                    {
                        continue;
                    }

                    text.Append(property.Name).Append('=').AppendLine(value is IEnumerable e and not string ? string.Join(",", e.Cast<object>()) : value?.ToString());
                }

                break;
            case ErrorRecord error:
                text.AppendLine(error.ToString());
                text.AppendLine(error.FullyQualifiedErrorId);
                text.AppendLine(error.CategoryInfo.ToString());
                text.AppendLine(error.TargetObject?.ToString());
                text.AppendLine(error.ErrorDetails?.Message);
                text.AppendLine(error.ErrorDetails?.RecommendedAction);
                for (var e = error.Exception; e is not null; e = e.InnerException)
                {
                    text.AppendLine(e.ToString());
                    foreach (DictionaryEntry entry in e.Data)
                    {
                        text.AppendLine($"{entry.Key}={entry.Value}");
                    }
                }

                break;
            case InformationRecord info:
                text.AppendLine(info.MessageData?.ToString());
                break;
            case ProgressRecord progress:
                text.AppendLine($"{progress.Activity} {progress.StatusDescription} {progress.CurrentOperation}");
                break;
            default:
                text.AppendLine(item?.ToString());
                break;
        }

        return text.ToString();
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", savedKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", savedSecret);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", savedToken);
        Directory.Delete(dir, recursive: true);
    }
}
