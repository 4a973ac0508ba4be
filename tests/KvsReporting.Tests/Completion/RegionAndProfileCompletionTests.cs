using Xunit;

namespace KvsReporting.Tests.Completion;

[Collection("Serial")]
public sealed class RegionAndProfileCompletionTests : IDisposable
{
    private readonly PowerShellSession session = CompletionSession.WithCommand<TestKvsCompletionCommand>("Test-KvsCompletion");
    private readonly string directory = Directory.CreateTempSubdirectory("kvs-completion-").FullName;

    [Fact]
    public void Region_completes_from_the_sdk_region_list_with_display_names()
    {
        var (matches, errors) = session.Complete("Test-KvsCompletion -Region eu-w");
        Assert.Empty(errors);
        Assert.Contains("eu-west-1", matches.Texts());
        Assert.Contains("eu-west-3", matches.Texts());
        Assert.All(matches, m => Assert.StartsWith("eu-w", m.CompletionText, StringComparison.Ordinal));
        Assert.Contains("Ireland", matches.Single(m => m.CompletionText == "eu-west-1").ToolTip, StringComparison.Ordinal);
    }

    [Fact]
    public void Region_accepts_a_wildcard_the_user_typed()
    {
        var (matches, _) = session.Complete("Test-KvsCompletion -Region *south*");
        Assert.Contains("ap-south-1", matches.Texts());
        Assert.DoesNotContain("us-east-1", matches.Texts());
    }

    [Fact]
    public void Profile_completes_from_the_credentials_file_given_by_ProfileLocation()
    {
        var credentials = Path.Combine(directory, "credentials");
        File.WriteAllText(credentials, """
            [kvs-alpha]
            aws_access_key_id = AKIAALPHA0000000000A
            aws_secret_access_key = alpha-secret
            region = eu-central-1

            [kvs-beta]
            aws_access_key_id = AKIABETA00000000000B
            aws_secret_access_key = beta-secret

            [kvs team ops]
            aws_access_key_id = AKIAOPS0000000000000
            aws_secret_access_key = ops-secret
            """);
        // The shared config file is read too (its path is fixed per process by the SDK); only names this test
        // wrote are asserted exactly.
        var (all, errors) = session.Complete($"Test-KvsCompletion -ProfileLocation '{credentials}' -ProfileName kvs");
        Assert.Empty(errors);
        Assert.Equal(new[] { "'kvs team ops'", "kvs-alpha", "kvs-beta" }, all.Texts());
        Assert.Contains("eu-central-1", all[1].ToolTip, StringComparison.Ordinal);
        Assert.DoesNotContain(all, m => m.ToolTip.Contains("secret", StringComparison.OrdinalIgnoreCase));

        var (prefixed, _) = session.Complete($"Test-KvsCompletion -ProfileLocation '{credentials}' -ProfileName kvs-b");
        Assert.Equal(new[] { "kvs-beta" }, prefixed.Texts());
    }

    [Fact]
    public void Profile_completion_is_silent_when_the_file_is_unreadable()
    {
        var (matches, errors) = session.Complete($"Test-KvsCompletion -ProfileLocation '{directory}' -ProfileName kvs-");
        Assert.Empty(errors);
        Assert.Empty(matches);
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
