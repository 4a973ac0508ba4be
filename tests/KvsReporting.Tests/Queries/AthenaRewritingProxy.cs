using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KvsReporting.Tests.Queries;

/// <summary>
/// An HTTP proxy in front of moto that forwards every request byte for byte (so moto's signature check still
/// passes) and can rewrite Athena's GetQueryExecution answers: moto finishes every query at once, so to test
/// what happens while a query runs (timeout, Ctrl+C, a failure with a reason) the proxy reports it as RUNNING or
/// FAILED. Everything else, StopQueryExecution included, reaches moto unchanged, so moto's own state shows
/// what the module really did.
/// </summary>
public sealed class AthenaRewritingProxy : IDisposable
{
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "Content-Type", "Connection", "Transfer-Encoding", "Expect" };
    private readonly HttpListener listener = new();
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private readonly string target;
    private readonly Task loop;

    public AthenaRewritingProxy(string target)
    {
        this.target = target.TrimEnd('/');
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Endpoint + "/");
        listener.Start();
        loop = Task.Run(AcceptLoop);
    }

    public string Endpoint { get; }

    /// <summary>When set, GetQueryExecution answers say this state (RUNNING, FAILED...).</summary>
    public volatile string? ReportState;

    /// <summary>The StateChangeReason to report with <see cref="ReportState"/>.</summary>
    public volatile string? ReportReason;

    /// <summary>The next this-many GetQueryExecution calls are answered 400 ThrottlingException without reaching moto.</summary>
    public int ThrottleGetQueryExecution;

    /// <summary>StartQueryExecution is forwarded at once (moto starts the query) but answered this much later.</summary>
    public TimeSpan StartAnswerDelay;

    /// <summary>How many calls of each Athena/S3 operation passed (X-Amz-Target suffix, or "S3 GET" etc.).</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>The id the service gave the last query started through this proxy (tests must not guess it
    /// from the shared emulator's listing, where other tests' executions are too).</summary>
    public volatile string? StartedQueryExecutionId;

    public int Count(string operation) => Calls.GetValueOrDefault(operation);

    private async Task AcceptLoop()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            var operation = request.Headers["X-Amz-Target"] is { } t ? t[(t.IndexOf('.') + 1)..] : $"{request.HttpMethod} {request.Url!.AbsolutePath}";
            Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);

            if (operation == "GetQueryExecution" && Interlocked.Decrement(ref ThrottleGetQueryExecution) >= 0)
            {
                var error = Encoding.UTF8.GetBytes("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
                context.Response.StatusCode = 400;
                context.Response.ContentType = "application/x-amz-json-1.1";
                context.Response.Headers["x-amzn-ErrorType"] = "ThrottlingException";
                context.Response.ContentLength64 = error.Length;
                await context.Response.OutputStream.WriteAsync(error);
                context.Response.Close();
                return;
            }

            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), target + request.RawUrl);
            forward.Headers.Host = request.Headers["Host"];
            if (body.Length > 0 || request.HttpMethod is "POST" or "PUT")
            {
                forward.Content = new ByteArrayContent(body.ToArray());
                if (request.ContentType is { } type)
                {
                    forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                }
            }

            foreach (var name in request.Headers.AllKeys)
            {
                if (name is not null && !SkippedHeaders.Contains(name))
                {
                    forward.Headers.TryAddWithoutValidation(name, request.Headers.GetValues(name) ?? []);
                }
            }

            using var response = await client.SendAsync(forward);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (operation == "StartQueryExecution" && response.IsSuccessStatusCode)
            {
                using var started = System.Text.Json.JsonDocument.Parse(bytes);
                StartedQueryExecutionId = started.RootElement.GetProperty("QueryExecutionId").GetString();
            }

            if (operation == "StartQueryExecution" && StartAnswerDelay > TimeSpan.Zero)
            {
                await Task.Delay(StartAnswerDelay);
            }

            if (operation == "GetQueryExecution" && ReportState is { } state && response.IsSuccessStatusCode)
            {
                var text = Encoding.UTF8.GetString(bytes).Replace("\"State\": \"SUCCEEDED\"", $"\"State\": \"{state}\"", StringComparison.Ordinal);
                if (ReportReason is { } reason)
                {
                    text = text.Replace($"\"State\": \"{state}\"", $"\"State\": \"{state}\", \"StateChangeReason\": {System.Text.Json.JsonSerializer.Serialize(reason)}", StringComparison.Ordinal);
                }

                bytes = Encoding.UTF8.GetBytes(text);
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[header.Key] = string.Join(",", header.Value);
                }
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        client.Dispose();
    }
}
