using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using KvsReporting.Errors;

namespace KvsReporting.Aws.Connection;

/// <summary>
/// Resolves credentials, region and endpoints in AWS Tools for PowerShell's order: parameters, then
/// $StoredAWSCredentials / $StoredAWSRegion, then the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID...,
/// AWS_REGION / AWS_DEFAULT_REGION), then the shared config and credentials files (the SDK's profile store:
/// static keys, assume-role, SSO, credential_process), then container and instance roles (the SDK's
/// default identity resolver).
/// </summary>
public static class AwsConnectionResolver
{
    public const string StoredCredentialsVariable = "StoredAWSCredentials";
    public const string StoredRegionVariable = "StoredAWSRegion";
    private const string DefaultProfile = "default";

    public static AwsConnection Resolve(AwsConnectionParameters parameters, AwsSettingsSources sources)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(sources);
        SdkRuntimeDependencies.EnsureRegistered();
        var env = sources.Environment;

        // -ProfileLocation, else AWS_SHARED_CREDENTIALS_FILE (read here so the module's order and sources
        // apply), else the SDK's default files. AWS_CONFIG_FILE is honoured by the SDK's store itself.
        var location = Blank(parameters.ProfileLocation) ?? Blank(env("AWS_SHARED_CREDENTIALS_FILE"));
        if (location != parameters.ProfileLocation)
        {
            parameters = new AwsConnectionParameters
            {
                Region = parameters.Region,
                ProfileName = parameters.ProfileName,
                ProfileLocation = location,
                AccessKey = parameters.AccessKey,
                SecretKey = parameters.SecretKey,
                SessionToken = parameters.SessionToken,
                Credential = parameters.Credential,
                EndpointUrl = parameters.EndpointUrl,
            };
        }

        var store = new CredentialProfileStoreChain(location);
        var credentials = ResolveCredentials(parameters, sources, store);
        var explicitEndpoint = ParseEndpoint(parameters.EndpointUrl, "-EndpointUrl");
        var profileEndpoint = credentials.Profile is { EndpointUrl: { Length: > 0 } url } ? ParseEndpoint(url, "endpoint_url") : null;
        var (region, regionSource) = ResolveRegion(parameters, sources, store, credentials.Profile, explicitEndpoint ?? profileEndpoint ?? ParseEndpoint(env("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL"));
        return new AwsConnection(
            credentials.Credentials,
            credentials.Source,
            credentials.Key,
            region,
            regionSource,
            explicitEndpoint,
            profileEndpoint,
            env);
    }

    internal static Uri? ParseEndpoint(string? value, string source)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        throw KvsErrors.Terminating(
            $"The endpoint URL from {source} is not an absolute http or https URL.",
            "KvsAwsEndpointUrlInvalid",
            ErrorCategory.InvalidArgument,
            value,
            "Give an absolute URL such as https://glue.eu-west-1.amazonaws.com or http://127.0.0.1:5000.");
    }

    private static (AWSCredentials Credentials, string Source, string Key, CredentialProfile? Profile) ResolveCredentials(
        AwsConnectionParameters p, AwsSettingsSources sources, CredentialProfileStoreChain store)
    {
        if (Blank(p.AccessKey) is { } accessKey)
        {
            var secretKey = Blank(p.SecretKey) ?? throw KvsErrors.Terminating(
                "-AccessKey was given without -SecretKey.",
                "KvsAwsSecretKeyMissing",
                ErrorCategory.InvalidArgument,
                "SecretKey",
                "Give -SecretKey with -AccessKey (and -SessionToken for temporary credentials), or use -ProfileName.");
            return (Keys(accessKey, secretKey, Blank(p.SessionToken)), "-AccessKey/-SecretKey parameters", KeyOf(accessKey, secretKey, p.SessionToken), null);
        }

        if (Blank(p.SecretKey) is not null)
        {
            throw KvsErrors.Terminating(
                "-SecretKey was given without -AccessKey.",
                "KvsAwsAccessKeyMissing",
                ErrorCategory.InvalidArgument,
                "AccessKey",
                "Give -AccessKey with -SecretKey, or use -ProfileName.");
        }

        if (p.Credential is not null)
        {
            var adapted = ForeignCredentials.TryAdapt(p.Credential) ?? throw KvsErrors.Terminating(
                "-Credential is not an AWS credentials object.",
                "KvsAwsCredentialInvalid",
                ErrorCategory.InvalidArgument,
                p.Credential.GetType().FullName,
                "Pass an AWSCredentials object, e.g. from Get-AWSCredential -ProfileName <name>, or use -ProfileName.");
            return (adapted, "-Credential", "object:" + ObjectKey(p.Credential), null);
        }

        if (Blank(p.ProfileName) is { } profileName)
        {
            return FromProfile(store, profileName, p.ProfileLocation, "-ProfileName", required: true, sources.Environment)!.Value;
        }

        var stored = sources.SessionVariable(StoredCredentialsVariable);
        if ((stored is PSObject ps ? ps.BaseObject : stored) is string storedProfile)
        {
            if (Blank(storedProfile) is { } storedName)
            {
                return FromProfile(store, storedName, p.ProfileLocation, "$StoredAWSCredentials", required: true, sources.Environment)!.Value;
            }
        }
        else if (stored is not null)
        {
            var storedCredentials = ForeignCredentials.TryAdapt(stored) ?? throw KvsErrors.Terminating(
                "$StoredAWSCredentials holds something that is not AWS credentials or a profile name.",
                "KvsAwsStoredCredentialInvalid",
                ErrorCategory.InvalidArgument,
                "StoredAWSCredentials",
                "Run Set-AWSCredential again, or Remove-Variable StoredAWSCredentials -Scope Global, or give -ProfileName.");
            var name = ForeignCredentials.DescribedName(stored);
            return (storedCredentials, name is null ? "$StoredAWSCredentials" : $"$StoredAWSCredentials ({name})", "stored:" + ObjectKey(stored), null);
        }

        var env = sources.Environment;
        if (Blank(env("AWS_PROFILE")) is { } envProfile)
        {
            return FromProfile(store, envProfile, p.ProfileLocation, "AWS_PROFILE", required: true, sources.Environment)!.Value;
        }

        if (Blank(env("AWS_ACCESS_KEY_ID")) is { } envKey && Blank(env("AWS_SECRET_ACCESS_KEY")) is { } envSecret)
        {
            var token = Blank(env("AWS_SESSION_TOKEN"));
            return (Keys(envKey, envSecret, token), "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables", KeyOf(envKey, envSecret, token), null);
        }

        if (FromProfile(store, DefaultProfile, p.ProfileLocation, "the default profile", required: false, sources.Environment) is { } fromDefault)
        {
            return fromDefault;
        }

        try
        {
            var fallback = DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
            return (fallback, "the SDK's default chain (web identity, container or instance role)", "default-chain", null);
        }
        catch (AmazonClientException ex)
        {
            throw KvsErrors.Terminating(
                "No AWS credentials were found: none were given, none are stored in the session, none are in the environment or the shared credentials file, and no container or instance role answered.",
                "KvsAwsCredentialsNotFound",
                ErrorCategory.AuthenticationError,
                null,
                "Give -ProfileName (or -AccessKey and -SecretKey), run Set-AWSCredential, or set AWS_PROFILE.",
                ex);
        }
    }

    private static (AWSCredentials, string, string, CredentialProfile?)? FromProfile(
        CredentialProfileStoreChain store, string name, string? location, string via, bool required, Func<string, string?>? env = null, int depth = 0)
    {
        var where = Blank(location) ?? "the shared config and credentials files";
        if (!store.TryGetProfile(name, out var profile))
        {
            if (!required)
            {
                return null;
            }

            throw KvsErrors.Terminating(
                $"The AWS profile '{name}' (from {via}) was not found in {where}.",
                "KvsAwsProfileNotFound",
                ErrorCategory.ObjectNotFound,
                name,
                "Check the name with Get-Content ~/.aws/credentials and ~/.aws/config, or give -ProfileLocation.");
        }

        if (AssumeRole(store, profile, location, env ?? Environment.GetEnvironmentVariable, depth) is { } assumed)
        {
            return (assumed, $"profile '{name}' ({via}, {where}; assumes {profile.Options.RoleArn})", $"profile:{name}@{Blank(location) ?? "~"}", profile);
        }

        if (!store.TryGetAWSCredentials(name, out var credentials) || credentials is null)
        {
            if (!required && !profile.CanCreateAWSCredentials)
            {
                return null; // a [default] in config with only a region: credentials come from further down
            }

            throw KvsErrors.Terminating(
                $"The AWS profile '{name}' (from {via}) has no usable credentials.",
                "KvsAwsProfileInvalid",
                ErrorCategory.InvalidData,
                name,
                "Complete the profile (aws_access_key_id/aws_secret_access_key, role_arn with source_profile, or sso_* settings).");
        }

        return (credentials, $"profile '{name}' ({via}, {where})", $"profile:{name}@{Blank(location) ?? "~"}", profile);
    }

    /// <summary>role_arn + source_profile profiles: the module's own STS client (see KvsAssumeRoleCredentials).</summary>
    private static KvsAssumeRoleCredentials? AssumeRole(CredentialProfileStoreChain store, CredentialProfile profile, string? location, Func<string, string?> env, int depth)
    {
        var options = profile.Options;
        if (string.IsNullOrEmpty(options.RoleArn) || string.IsNullOrEmpty(options.SourceProfile)
            || !string.IsNullOrEmpty(options.MfaSerial) || !string.IsNullOrEmpty(options.CredentialSource))
        {
            return null; // MFA prompts and credential_source stay with the SDK
        }

        if (depth > 5)
        {
            throw KvsErrors.Terminating(
                $"The AWS profile '{profile.Name}' chains source_profile more than five times (a loop?).",
                "KvsAwsProfileInvalid",
                ErrorCategory.InvalidData,
                profile.Name,
                "Point source_profile at a profile with keys, SSO or a credential process.");
        }

        var source = FromProfile(store, options.SourceProfile, location, $"source_profile of '{profile.Name}'", required: true, env, depth + 1)!.Value.Item1;
        var regionName = Blank(env("AWS_REGION")) ?? Blank(env("AWS_DEFAULT_REGION"));
        var region = profile.Region ?? (regionName is null ? null : RegionEndpoint.GetBySystemName(regionName));
        var endpoint = ParseEndpoint(env("AWS_ENDPOINT_URL_STS"), "AWS_ENDPOINT_URL_STS")
            ?? ParseEndpoint(env("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL")
            ?? (Blank(profile.EndpointUrl) is { } url ? ParseEndpoint(url, "endpoint_url") : null);
        return new KvsAssumeRoleCredentials(source, options.RoleArn, options.RoleSessionName, options.ExternalID, region ?? RegionEndpoint.USEast1, endpoint);
    }

    private static (RegionEndpoint, string) ResolveRegion(
        AwsConnectionParameters p, AwsSettingsSources sources, CredentialProfileStoreChain store, CredentialProfile? profile, Uri? anyEndpoint)
    {
        if (Blank(p.Region) is { } region)
        {
            return (Region(region, "-Region"), "-Region");
        }

        var stored = sources.SessionVariable(StoredRegionVariable);
        stored = stored is PSObject ps ? ps.BaseObject : stored;
        if (Blank(stored?.ToString()) is { } storedRegion)
        {
            return (Region(storedRegion, "$StoredAWSRegion"), "$StoredAWSRegion");
        }

        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (Blank(sources.Environment(variable)) is { } envRegion)
            {
                return (Region(envRegion, variable), variable);
            }
        }

        if (profile?.Region is { } profileRegion)
        {
            return (profileRegion, $"profile '{profile.Name}'");
        }

        var profileName = Blank(sources.Environment("AWS_PROFILE")) ?? DefaultProfile;
        if (store.TryGetProfile(profileName, out var named) && named.Region is { } namedRegion)
        {
            return (namedRegion, $"profile '{profileName}'");
        }

        if (anyEndpoint is not null)
        {
            // An emulator or private endpoint still needs a signing region; us-east-1 is what AWS Tools and
            // the CLI's examples assume for them.
            return (RegionEndpoint.USEast1, "default for a custom endpoint");
        }

        throw KvsErrors.Terminating(
            "No AWS region was found: none was given, none is stored in the session, none is in AWS_REGION or AWS_DEFAULT_REGION, and the profile has none.",
            "KvsAwsRegionMissing",
            ErrorCategory.InvalidArgument,
            null,
            "Give -Region (e.g. -Region eu-west-1), run Set-DefaultAWSRegion, or set AWS_REGION.");
    }

    private static RegionEndpoint Region(string name, string source)
    {
        var trimmed = name.Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(trimmed, "^[a-z]{2}(-[a-z]+)+-\\d+$"))
        {
            throw KvsErrors.Terminating(
                $"'{trimmed}' (from {source}) is not an AWS region name.",
                "KvsAwsRegionInvalid",
                ErrorCategory.InvalidArgument,
                trimmed,
                "Use a region code such as us-east-1 or eu-west-1.");
        }

        return RegionEndpoint.GetBySystemName(trimmed);
    }

    private static AWSCredentials Keys(string accessKey, string secretKey, string? token) =>
        token is null ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token);

    private static string KeyOf(string accessKey, string secretKey, string? token) =>
        "keys:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessKey + "\n" + secretKey + "\n" + token)));

    // Identity of a credentials object for the client cache: the same object gives the same client.
    private static string ObjectKey(object value) =>
        ObjectIds.GetValue(value is PSObject ps ? ps.BaseObject : value, static _ => new ObjectId()).Value;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, ObjectId> ObjectIds = new();

    private sealed class ObjectId
    {
        private static long next;

        public string Value { get; } = Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
