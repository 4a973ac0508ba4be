using System.Management.Automation;
using System.Reflection;
using Amazon.Runtime;

namespace KvsReporting.Aws.Connection;

/// <summary>
/// Accepts credentials objects from any load context. AWS.Tools loads its own AWSSDK.Core, so its
/// AWSCredentials (and the AWSPSCredentials wrapper in $StoredAWSCredentials) are different types from ours.
/// Only their public API is used: a <c>Credentials</c> property on the wrapper, <c>GetCredentials()</c> on
/// the credentials, and <c>AccessKey</c>/<c>SecretKey</c>/<c>Token</c> on what it returns.
/// </summary>
internal static class ForeignCredentials
{
    /// <summary>Adapts <paramref name="value"/>; null when it is not a credentials object.</summary>
    public static AWSCredentials? TryAdapt(object? value)
    {
        // A script-made object (pscustomobject) carrying the keys as note properties.
        if (value is PSObject { BaseObject: PSCustomObject } custom
            && custom.Properties["AccessKey"]?.Value is string { Length: > 0 } accessKey
            && custom.Properties["SecretKey"]?.Value is string { Length: > 0 } secretKey)
        {
            var token = (custom.Properties["Token"]?.Value ?? custom.Properties["SessionToken"]?.Value) as string;
            var immutable = new ImmutableCredentials(accessKey, secretKey, string.IsNullOrEmpty(token) ? null : token);
            return new ImmutableAdapter(() => immutable);
        }

        value = Unwrap(value);
        switch (value)
        {
            case null or string:
                return null;
            case AWSCredentials own:
                return own;
            case ImmutableCredentials immutable:
                return new ImmutableAdapter(() => immutable);
        }

        var type = value.GetType();
        var getCredentials = type.GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (getCredentials is not null)
        {
            var target = value;
            return new ImmutableAdapter(() => Read(getCredentials.Invoke(target, null)));
        }

        // AWS.Tools' AWSPSCredentials wraps the AWSCredentials in a public Credentials property.
        if (type.GetProperty("Credentials", BindingFlags.Public | BindingFlags.Instance) is { } inner
            && inner.GetValue(value) is { } wrapped
            && !ReferenceEquals(wrapped, value))
        {
            return TryAdapt(wrapped);
        }

        // An ImmutableCredentials-like object from another context.
        if (type.GetProperty("AccessKey") is not null && type.GetProperty("SecretKey") is not null)
        {
            var target = value;
            return new ImmutableAdapter(() => Read(target));
        }

        return null;
    }

    /// <summary>The profile name carried by a stored-credentials wrapper (AWSPSCredentials.Name), if any.</summary>
    public static string? DescribedName(object? value)
    {
        value = Unwrap(value);
        return value?.GetType().GetProperty("Name", BindingFlags.Public | BindingFlags.Instance)?.GetValue(value) as string;
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

    private static ImmutableCredentials Read(object? credentials)
    {
        credentials = Unwrap(credentials);
        if (credentials is ImmutableCredentials own)
        {
            return own;
        }

        if (credentials is null)
        {
            throw new InvalidOperationException("The credentials object returned no credentials.");
        }

        var type = credentials.GetType();
        var accessKey = type.GetProperty("AccessKey")?.GetValue(credentials) as string;
        var secretKey = type.GetProperty("SecretKey")?.GetValue(credentials) as string;
        var token = type.GetProperty("Token")?.GetValue(credentials) as string;
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            throw new InvalidOperationException("The credentials object has no access key or secret key.");
        }

        return new ImmutableCredentials(accessKey, secretKey, token);
    }

    /// <summary>Asks the source every time, so refreshing credentials (assume-role, SSO) stay fresh.</summary>
    private sealed class ImmutableAdapter(Func<ImmutableCredentials> source) : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => source();
    }
}
