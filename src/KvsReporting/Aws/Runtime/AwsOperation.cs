namespace KvsReporting.Aws.Runtime;

/// <summary>
/// One AWS operation: its model name and, for REST protocols, its HTTP binding. Typed clients declare one
/// static instance per operation they call.
/// </summary>
/// <param name="Name">Operation name as in the service model (e.g. "GetCrawler").</param>
/// <param name="HttpMethod">REST protocols: HTTP method from the model's <c>http.method</c>.</param>
/// <param name="RequestUri">REST protocols: the model's <c>http.requestUri</c> template, e.g. "/functions/{FunctionName}".</param>
public sealed record AwsOperation(string Name, string HttpMethod = "POST", string RequestUri = "/")
{
    public override string ToString() => Name;
}
