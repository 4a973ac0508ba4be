using System.Management.Automation;
using System.Management.Automation.Runspaces;
using KvsReporting.Aws.Athena;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Glue;
using KvsReporting.Aws.Runtime;
using KvsReporting.Completion;
using KvsReporting.Errors;

namespace KvsReporting.Cmdlets;

/// <summary>
/// Base of every cmdlet that talks to AWS: the AWS Tools for PowerShell connection parameters, their
/// resolution (parameters, $StoredAWSCredentials/$StoredAWSRegion, environment, shared files, container and
/// instance roles) and a per-runspace client cache.
/// </summary>
public abstract class KvsAwsCmdlet : KvsAsyncCmdlet
{
    private readonly HashSet<string> describedConnections = new(StringComparer.Ordinal);
    private Runspace? runspace;
    private (string? Region, string? EndpointUrl, AwsConnection Connection)? resolved;

    /// <summary>
    /// <para type="description">The AWS region to call, e.g. eu-west-1. Defaults to $StoredAWSRegion (Set-DefaultAWSRegion), then AWS_REGION / AWS_DEFAULT_REGION, then the profile's region.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("RegionToCall")]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>
    /// <para type="description">The name of a profile in the shared credentials/config files (static keys, assume-role, SSO or credential_process).</para>
    /// </summary>
    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>
    /// <para type="description">The shared credentials file to read profiles from instead of ~/.aws/credentials.</para>
    /// </summary>
    [Parameter]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    public string? ProfileLocation { get; set; }

    /// <summary>
    /// <para type="description">The AWS access key id; use with -SecretKey (and -SessionToken for temporary credentials).</para>
    /// </summary>
    [Parameter]
    [Alias("AK")]
    public string? AccessKey { get; set; }

    /// <summary>
    /// <para type="description">The AWS secret access key for -AccessKey. It never appears in any output.</para>
    /// </summary>
    [Parameter]
    [Alias("SK", "SecretAccessKey")]
    public string? SecretKey { get; set; }

    /// <summary>
    /// <para type="description">The session token of temporary credentials.</para>
    /// </summary>
    [Parameter]
    [Alias("ST")]
    public string? SessionToken { get; set; }

    /// <summary>
    /// <para type="description">An AWSCredentials object, e.g. from AWS.Tools' Get-AWSCredential or New-AWSCredential.</para>
    /// </summary>
    [Parameter]
    public object? Credential { get; set; }

    /// <summary>
    /// <para type="description">The endpoint URL to call instead of the service's AWS endpoint (an emulator, a VPC endpoint). Defaults to AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? EndpointUrl { get; set; }

    /// <summary>Values the cmdlet knows to be secret; scrubbed from any message it writes.</summary>
    protected IEnumerable<string?> KnownSecrets =>
        [SecretKey, SessionToken, Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"), Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN")];

    /// <summary>Resolves the connection settings for the current record (pipeline-bound Region/EndpointUrl included).</summary>
    protected async Task<AwsConnection> GetAwsConnectionAsync()
    {
        // Only Region and EndpointUrl bind from the pipeline: while they stay the same, the settings resolved
        // for the first record hold (no re-reading of credential files per record).
        if (resolved is { } last && last.Region == Region && last.EndpointUrl == EndpointUrl)
        {
            return last.Connection;
        }

        var (current, storedCredentials, storedRegion) = await InvokeOnPipeline(() => (
            Runspace.DefaultRunspace,
            SessionState.PSVariable.GetValue(AwsConnectionResolver.StoredCredentialsVariable),
            SessionState.PSVariable.GetValue(AwsConnectionResolver.StoredRegionVariable)));
        runspace = current;
        var parameters = new AwsConnectionParameters
        {
            Region = Region,
            ProfileName = ProfileName,
            ProfileLocation = ProfileLocation,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            SessionToken = SessionToken,
            Credential = Credential,
            EndpointUrl = EndpointUrl,
        };
        var sources = new AwsSettingsSources
        {
            SessionVariable = name => name == AwsConnectionResolver.StoredCredentialsVariable ? storedCredentials : storedRegion,
        };
        var connection = AwsConnectionResolver.Resolve(parameters, sources);
        resolved = (Region, EndpointUrl, connection);
        return connection;
    }

    /// <summary>A cached client of the module's own runtime for <paramref name="service"/>.</summary>
    protected TClient GetClient<TClient>(AwsConnection connection, KvsServiceDescription service, Func<AwsConnection, TClient> create)
        where TClient : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(service);
        Describe(connection, service.EnvironmentSuffix, service.ServiceId);
        return AwsClientCache.For(runspace).GetOrCreate(connection, service.EnvironmentSuffix, create);
    }

    /// <summary>A cached client for an official SDK service (S3, DYNAMODB, STS).</summary>
    protected TClient GetClient<TClient>(AwsConnection connection, string serviceEnvironmentSuffix, Func<AwsConnection, TClient> create)
        where TClient : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(connection);
        Describe(connection, serviceEnvironmentSuffix, serviceEnvironmentSuffix);
        return AwsClientCache.For(runspace).GetOrCreate(connection, serviceEnvironmentSuffix, create);
    }

    protected GlueClient GetGlueClient(AwsConnection connection) =>
        GetClient(connection, GlueClient.Description, AwsClientFactory.CreateGlue);

    protected AthenaClient GetAthenaClient(AwsConnection connection) =>
        GetClient(connection, AthenaClient.Description, AwsClientFactory.CreateAthena);

    /// <summary>
    /// Runs one step of a multi-call operation: a wait that timed out, a failure of the caller's domain and a
    /// failed AWS call each become the module's terminating error, with the advice the caller gives.
    /// </summary>
    protected async Task<T> RunStepAsync<T>(string errorPrefix, string operation, object target, string subject, Func<Task<T>> step, StepFailureAdvice advice)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(advice);
        try
        {
            return await step();
        }
        catch (Aws.Waiters.WaitTimeoutException ex)
        {
            throw KvsErrors.Terminating(ex.Message, errorPrefix + "Timeout", ErrorCategory.OperationTimeout, target, advice.TimeoutAdvice, ex);
        }
        catch (Exception ex) when (advice.DomainException.IsInstanceOfType(ex))
        {
            throw KvsErrors.Terminating(ex.Message, errorPrefix + advice.DomainErrorSuffix, ErrorCategory.InvalidResult, target, advice.DomainAdvice, ex);
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, operation, target, subject));
        }
    }

    /// <summary>Wait settings whose progress goes to Write-Progress under <paramref name="activityId"/>.</summary>
    protected Aws.Waiters.WaitOptions WaitWithProgress(int activityId, TimeSpan timeout, TimeSpan minDelay) => new()
    {
        MinDelay = minDelay,
        MaxDelay = TimeSpan.FromSeconds(15),
        Timeout = timeout,
        Progress = p => EmitProgress(new ProgressRecord(activityId, p.Activity, $"{p.Status} ({p.Elapsed.TotalSeconds:0} s)")
        {
            PercentComplete = p.PercentOfTimeout,
            SecondsRemaining = (int)Math.Max(0, (p.Timeout - p.Elapsed).TotalSeconds),
        }),
    };

    /// <summary>The module's ErrorRecord for a failed AWS call (secrets scrubbed).</summary>
    protected ErrorRecord AwsError(Exception exception, string? operation, object? target, string? subject = null) =>
        AwsErrorMapper.ToErrorRecord(exception, operation, target, subject, KnownSecrets);

    /// <summary>Says once per service which settings are in use: sources only, never a key.</summary>
    private void Describe(AwsConnection connection, string serviceSuffix, string serviceName)
    {
        var (endpoint, endpointSource) = connection.EndpointWithSource(serviceSuffix);
        var text = $"{serviceName}: credentials from {connection.CredentialSource}; region {connection.Region.SystemName} from {connection.RegionSource}; "
            + (endpoint is null ? "the service's AWS endpoint." : $"endpoint {endpoint} from {endpointSource}.");
        lock (describedConnections)
        {
            if (!describedConnections.Add(text))
            {
                return;
            }
        }

        EmitVerbose(AwsErrorMapper.Redact(text, KnownSecrets));
    }
}
