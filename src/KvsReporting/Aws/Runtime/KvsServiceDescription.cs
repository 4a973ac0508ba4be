namespace KvsReporting.Aws.Runtime;

/// <summary>
/// What a service client needs to know about one AWS service; the values are the ones in the service's
/// botocore model metadata (the conformance test checks them against it).
/// </summary>
/// <param name="ServiceId">botocore <c>serviceId</c> (e.g. "Glue"); also names the SDK's service.</param>
/// <param name="SigningName">SigV4 signing name (<c>signingName</c>, else <c>endpointPrefix</c>).</param>
/// <param name="EndpointPrefix">Host prefix of the regional endpoint.</param>
/// <param name="ApiVersion">Model <c>apiVersion</c>; the Query protocol sends it as Version.</param>
/// <param name="Protocol">Wire protocol.</param>
/// <param name="TargetPrefix">JSON protocol only: prefix of X-Amz-Target.</param>
/// <param name="JsonVersion">JSON protocol only: the x-amz-json version of the Content-Type.</param>
/// <param name="GlobalEndpoint">Set for services with one global endpoint (IAM): host without region.</param>
public sealed record KvsServiceDescription(
    string ServiceId,
    string SigningName,
    string EndpointPrefix,
    string ApiVersion,
    AwsProtocol Protocol,
    string? TargetPrefix = null,
    string JsonVersion = "1.1",
    string? GlobalEndpoint = null)
{
    /// <summary>
    /// The suffix of the AWS_ENDPOINT_URL_&lt;SERVICE&gt; variable: the service id upper-cased with spaces
    /// and dashes turned into underscores, as the AWS SDKs and CLI define it.
    /// </summary>
    public string EnvironmentSuffix =>
        ServiceId.Replace(' ', '_').Replace('-', '_').ToUpperInvariant();
}
