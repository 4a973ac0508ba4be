using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace KvsReporting.Aws.Connection;

/// <summary>
/// Hands the SDK the module's own SSO, SSO OIDC and STS (web identity) clients. Left alone, the SDK finds them by
/// assembly name among every assembly in the process and, next to AWS.Tools, takes AWS.Tools' copies, which
/// belong to another load context and cannot be used. These calls carry bearer tokens or no signature at
/// all, so the clients need no credentials of their own. (Assume-role profiles: see KvsAssumeRoleCredentials.)
/// </summary>
internal static class SdkRuntimeDependencies
{
    private static int registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        var registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSSOClient(context => new AmazonSSOClient(
            new AnonymousAWSCredentials(),
            new AmazonSSOConfig { RegionEndpoint = context.SSOClientContextData?.Region }));
        registry.RegisterSSOOIDCClient(context => new AmazonSSOOIDCClient(
            new AnonymousAWSCredentials(),
            new AmazonSSOOIDCConfig { RegionEndpoint = context.SSOOIDCClientContextData?.Region }));

        // Only web identity is anonymous; for any other STS use the SDK keeps its own lookup (null).
        registry.RegisterSecurityTokenServiceClient(context =>
            context.SecurityTokenServiceClientContextData is { Action: SecurityTokenServiceClientContext.ActionContext.AssumeRoleWithWebIdentityCredentials } sts
                ? new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), new AmazonSecurityTokenServiceConfig { RegionEndpoint = sts.Region })
                : null!);
    }
}
