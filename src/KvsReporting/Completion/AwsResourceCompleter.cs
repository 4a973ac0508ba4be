using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Completion;

/// <summary>
/// Base of the completers that list AWS resources. They resolve the connection exactly as the command being
/// completed would (its -Region, -ProfileName, -EndpointUrl... as already typed, then $StoredAWS*, the
/// environment and the shared files), give up after <see cref="Timeout"/>, and stay silent on any failure:
/// Tab must never print an error or hang the prompt because the network or a credential is missing.
/// </summary>
public abstract class AwsResourceCompleter : IArgumentCompleter
{
    private static readonly ConcurrentDictionary<string, Lookup> Recent = new(StringComparer.Ordinal);

    /// <summary>How long a Tab press may wait for AWS.</summary>
    internal static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a listing is reused by the next Tab presses with the same settings.</summary>
    internal static TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a listing that outlived <see cref="Timeout"/> may go on in the background for the next Tab.</summary>
    internal static TimeSpan BackgroundLimit { get; set; } = TimeSpan.FromSeconds(20);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        // A local stack on the command line means the embedded engine: no AWS call for it.
        if (QuietForLocalStack && (BoundValues.GetString(fakeBoundParameters, "Local") is not null || BoundValues.GetString(fakeBoundParameters, "LocalPath") is not null))
        {
            return [];
        }

        try
        {
            var runspace = Runspace.DefaultRunspace;
            var parameters = ConnectionParameters(fakeBoundParameters);
            var sources = new AwsSettingsSources { SessionVariable = SessionVariableReader(runspace) };
            var bound = new BoundParameters(fakeBoundParameters);
            var key = LookupKey(runspace, parameterName, bound, sources);

            // The first Tab of a session pays for loading the SDK and opening a connection, which can take
            // longer than a Tab may wait; the listing then goes on in the background and the next Tab shows it.
            var lookup = Recent.AddOrUpdate(
                key,
                _ => Start(parameters, sources, runspace, bound),
                (_, existing) => existing.IsUsable(Lifetime) ? existing : Start(parameters, sources, runspace, bound));
            if (!lookup.Work.Wait(Timeout) || !lookup.Work.IsCompletedSuccessfully)
            {
                return [];
            }

            return CompletionCandidate.ToResults(lookup.Work.Result, wordToComplete).ToList();
        }
#pragma warning disable CA1031 // any failure (offline, no credentials, access denied) means "no suggestions"
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }

    private Lookup Start(AwsConnectionParameters parameters, AwsSettingsSources sources, Runspace? runspace, BoundParameters bound)
    {
        var cancellation = new CancellationTokenSource(BackgroundLimit);
        var work = Task.Run(
            async () =>
            {
                try
                {
                    var connection = AwsConnectionResolver.Resolve(parameters, sources);
                    var context = new AwsCompletionContext(connection, runspace, bound);
                    var found = new List<CompletionCandidate>();
                    await foreach (var candidate in ListAsync(context, cancellation.Token).WithCancellation(cancellation.Token))
                    {
                        found.Add(candidate);
                    }

                    return found;
                }
                finally
                {
                    cancellation.Dispose();
                }
            },
            CancellationToken.None);
        _ = work.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return new Lookup(DateTimeOffset.UtcNow, work);
    }

    /// <summary>
    /// Identifies a listing by everything that can change its answer: the completer, the runspace (session
    /// variables), the values typed on the line and the AWS_* environment. Secrets only enter as a hash.
    /// </summary>
    private string LookupKey(Runspace? runspace, string parameterName, BoundParameters bound, AwsSettingsSources sources)
    {
        var text = new StringBuilder(GetType().FullName).Append('|').Append(runspace?.InstanceId).Append('|');
        foreach (var (name, value) in bound.All.Where(p => !string.Equals(p.Key, parameterName, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(name).Append('=').Append(value).Append(';');
        }

        foreach (var name in new[] { AwsConnectionResolver.StoredCredentialsVariable, AwsConnectionResolver.StoredRegionVariable })
        {
            var value = sources.SessionVariable(name);
            text.Append(name).Append('=').Append(value is null ? string.Empty : RuntimeHelpers.GetHashCode(value).ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        foreach (var entry in System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => e.Key.ToString()!.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Key.ToString(), StringComparer.Ordinal))
        {
            text.Append(entry.Key).Append('=').Append(entry.Value).Append(';');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed record Lookup(DateTimeOffset Started, Task<List<CompletionCandidate>> Work)
    {
        /// <summary>Reusable while fresh and not failed (a failure is retried on the next Tab).</summary>
        public bool IsUsable(TimeSpan lifetime) =>
            DateTimeOffset.UtcNow - Started < lifetime && !Work.IsFaulted && !Work.IsCanceled;
    }

    /// <summary>
    /// False for resources that stay on AWS even for a local stack (the DynamoDB table the local crawler reads).
    /// </summary>
    protected virtual bool QuietForLocalStack => true;

    /// <summary>The resources to offer; filtering by the typed word, sorting and quoting happen in the base.</summary>
    protected abstract IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, CancellationToken cancellationToken);

    private static AwsConnectionParameters ConnectionParameters(IDictionary fakeBoundParameters) => new()
    {
        Region = BoundValues.GetString(fakeBoundParameters, "Region"),
        ProfileName = BoundValues.GetString(fakeBoundParameters, "ProfileName"),
        ProfileLocation = BoundValues.GetString(fakeBoundParameters, "ProfileLocation"),
        AccessKey = BoundValues.GetString(fakeBoundParameters, "AccessKey"),
        SecretKey = BoundValues.GetString(fakeBoundParameters, "SecretKey"),
        SessionToken = BoundValues.GetString(fakeBoundParameters, "SessionToken"),
        Credential = BoundValues.Get(fakeBoundParameters, "Credential"),
        EndpointUrl = BoundValues.GetString(fakeBoundParameters, "EndpointUrl"),
    };

    /// <summary>Reads $StoredAWSCredentials / $StoredAWSRegion now, on the prompt's thread, as the cmdlet would.</summary>
    private static Func<string, object?> SessionVariableReader(Runspace? runspace)
    {
        if (runspace is null)
        {
            return static _ => null;
        }

        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { AwsConnectionResolver.StoredCredentialsVariable, AwsConnectionResolver.StoredRegionVariable })
        {
            try
            {
                values[name] = runspace.SessionStateProxy.PSVariable.GetValue(name);
            }
#pragma warning disable CA1031 // a busy or closing runspace just means no session settings
            catch (Exception)
#pragma warning restore CA1031
            {
                values[name] = null;
            }
        }

        return name => values.GetValueOrDefault(name);
    }
}

/// <summary>What a completer needs: the resolved connection, a client cache, the other typed parameters.</summary>
public sealed class AwsCompletionContext
{
    internal AwsCompletionContext(AwsConnection connection, Runspace? runspace, BoundParameters bound)
    {
        Connection = connection;
        Runspace = runspace;
        Bound = bound;
    }

    public AwsConnection Connection { get; }

    public Runspace? Runspace { get; }

    internal BoundParameters Bound { get; }

    /// <summary>A client from the runspace's cache, shared with the cmdlets (same settings, same client).</summary>
    public TClient Client<TClient>(KvsServiceDescription service, Func<AwsConnection, TClient> create)
        where TClient : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(service);
        return AwsClientCache.For(Runspace).GetOrCreate(Connection, service.EnvironmentSuffix, create);
    }

    public TClient Client<TClient>(string serviceEnvironmentSuffix, Func<AwsConnection, TClient> create)
        where TClient : class, IDisposable =>
        AwsClientCache.For(Runspace).GetOrCreate(Connection, serviceEnvironmentSuffix, create);
}

/// <summary>Values of other parameters on the command line (e.g. -Catalog when completing -Database).</summary>
internal sealed class BoundParameters(IDictionary values)
{
    private readonly Dictionary<string, string?> snapshot = values.Keys.Cast<object>()
        .Select(k => k.ToString() ?? string.Empty)
        .ToDictionary(k => k, k => BoundValues.GetString(values, k), StringComparer.OrdinalIgnoreCase);

    public string? this[string name] => snapshot.GetValueOrDefault(name);

    public IEnumerable<KeyValuePair<string, string?>> All => snapshot;

    public string? First(params string[] names) => names.Select(n => this[n]).FirstOrDefault(v => v is not null);
}
