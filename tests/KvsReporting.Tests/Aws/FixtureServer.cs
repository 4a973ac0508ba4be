using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace KvsReporting.Tests.Aws;

/// <summary>One request the fixture server received.</summary>
public sealed record ReceivedRequest(string Method, string Path, string? Target, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A local HTTP endpoint answering JSON-protocol calls from response fixtures (validated against the models
/// by the conformance check). For service states moto cannot produce (a failed last crawl, Athena result pages):
/// the client, signer and pipeline are the real ones; only the service's answer is canned.
/// </summary>
public sealed class FixtureServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<ReceivedRequest, (int Status, string Body)> respond;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public FixtureServer(Func<ReceivedRequest, (int Status, string Body)> respond)
    {
        this.respond = respond;
        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(Endpoint);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static string Fixture(string service, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Aws", "Fixtures", service, name + ".json"));

    public static string Member(ReceivedRequest request, string member) =>
        JsonDocument.Parse(request.Body).RootElement.TryGetProperty(member, out var v) ? v.ToString() : string.Empty;

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["X-Amz-Target"], body, headers);
            Requests.Enqueue(request);
            var (status, answer) = respond(request);
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        stop.Dispose();
    }
}
