using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace KvsReporting.Aws.Runtime;

/// <summary>
/// SDK v4 chooses the signer through an auth-scheme handler; every operation the module calls is signed
/// with SigV4, as the services' models declare (<c>auth: ["aws.auth#sigv4"]</c>).
/// </summary>
internal sealed class SigV4AuthResolverHandler : BaseAuthResolverHandler
{
    private static readonly List<IAuthSchemeOption> SigV4Only =
    [
        new AuthSchemeOption { SchemeId = "aws.auth#sigv4" },
    ];

    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => SigV4Only;
}
