using Amazon.Runtime;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.Lambda;

/// <summary>Lambda (REST-JSON): GetFunction, to find and check the Athena connector's function.</summary>
public sealed class LambdaClient : KvsServiceClient
{
    public static readonly KvsServiceDescription Description =
        new("Lambda", "lambda", "lambda", "2015-03-31", AwsProtocol.RestJson);

    public static readonly AwsOperation GetFunctionOperation = new("GetFunction", "GET", "/2015-03-31/functions/{FunctionName}");

    public LambdaClient(AWSCredentials credentials, KvsServiceConfig config)
        : base(credentials, config)
    {
    }

    public Task<GetFunctionResponse> GetFunctionAsync(GetFunctionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetFunctionResponse>(GetFunctionOperation, request, cancellationToken);

    /// <summary>The function, or null when Lambda answers ResourceNotFoundException.</summary>
    public async Task<GetFunctionResponse?> FindFunctionAsync(string functionName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetFunctionAsync(new GetFunctionRequest { FunctionName = functionName }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "ResourceNotFoundException" || ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
