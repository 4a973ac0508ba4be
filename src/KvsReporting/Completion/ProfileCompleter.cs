using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Amazon.Runtime.CredentialManagement;

namespace KvsReporting.Completion;

/// <summary>
/// Completes -ProfileName from the SDK's profile store chain: the shared credentials file (or the file named by
/// -ProfileLocation on the same command line) and the shared config file. Unreadable files give no completions,
/// never an error.
/// </summary>
public sealed class ProfileCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var location = BoundValues.GetString(fakeBoundParameters, "ProfileLocation");
        List<CompletionCandidate> profiles;
        try
        {
            var chain = string.IsNullOrEmpty(location) ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(location);
            profiles = chain.ListProfiles()
                .Select(p => new CompletionCandidate(p.Name, Describe(p)))
                .ToList();
        }
#pragma warning disable CA1031 // completion must stay silent whatever the files contain
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }

        return CompletionCandidate.ToResults(profiles, wordToComplete).ToList();
    }

    private static string Describe(CredentialProfile profile)
    {
        var region = profile.Region?.SystemName;
        var kind = profile.Options?.SsoStartUrl is { Length: > 0 } ? "SSO"
            : profile.Options?.RoleArn is { Length: > 0 } ? "assume role"
            : profile.Options?.AccessKey is { Length: > 0 } ? "access key"
            : profile.Options?.CredentialProcess is { Length: > 0 } ? "credential process"
            : null;
        var details = string.Join(", ", new[] { kind, region }.Where(d => d is not null));
        return details.Length == 0 ? profile.Name : $"{profile.Name} ({details})";
    }
}
