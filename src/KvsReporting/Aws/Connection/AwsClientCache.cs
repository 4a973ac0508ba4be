using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace KvsReporting.Aws.Connection;

/// <summary>
/// Clients kept per runspace and per resolved settings, so a pipeline of cmdlets (or a loop) reuses the
/// connection pool and the SDK's retry/clock-skew state. Not static across runspaces: each runspace has
/// its own session credentials, and its clients are disposed when it closes.
/// </summary>
public sealed class AwsClientCache : IDisposable
{
    private static readonly ConditionalWeakTable<Runspace, AwsClientCache> PerRunspace = new();
    private static readonly AwsClientCache Detached = new();

    private readonly ConcurrentDictionary<string, Lazy<IDisposable>> clients = new(StringComparer.Ordinal);

    /// <summary>The cache of a runspace (created on first use; disposed when the runspace closes).</summary>
    public static AwsClientCache For(Runspace? runspace)
    {
        if (runspace is null)
        {
            return Detached;
        }

        return PerRunspace.GetValue(runspace, static r =>
        {
            var cache = new AwsClientCache();
            r.StateChanged += (_, e) =>
            {
                if (e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken)
                {
                    cache.Dispose();
                }
            };
            return cache;
        });
    }

    public int Count => clients.Count;

    public TClient GetOrCreate<TClient>(AwsConnection connection, string serviceEnvironmentSuffix, Func<AwsConnection, TClient> create)
        where TClient : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(create);
        var key = typeof(TClient).FullName + "|" + connection.ClientKey(serviceEnvironmentSuffix);
        var entry = clients.GetOrAdd(key, _ => new Lazy<IDisposable>(() => create(connection)));
        return (TClient)entry.Value;
    }

    public void Dispose()
    {
        foreach (var entry in clients.Values)
        {
            if (entry.IsValueCreated)
            {
                entry.Value.Dispose();
            }
        }

        clients.Clear();
    }
}
