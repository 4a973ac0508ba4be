using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace KvsReporting.Tests.Aws.TestDouble;

/// <summary>What a service handler answers: HTTP status and JSON body, or an AWS error.</summary>
public sealed record DoubleReply(int Status, JsonNode? Body, string? ErrorCode = null, string? Message = null)
{
    public static DoubleReply Ok(JsonNode body, int status = 200) => new(status, body);

    public static DoubleReply Error(int status, string code, string message) => new(status, null, code, message);
}

/// <summary>One request the double served, with what the service model says is wrong with it.</summary>
public sealed record DoubleCall(string Service, string Operation, string Method, string Path, IReadOnlyList<string> Violations);

/// <summary>
/// A loopback HTTP server standing in for services moto does not serve (Serverless Application Repository,
/// QuickSight). Every request it serves and every response it returns is checked against botocore's
/// service-2.json; the violations are collected for the test to assert on. Requests for any other service
/// are forwarded byte for byte to moto, so one endpoint URL serves the whole module and moto still checks
/// those signatures (the Host header the client signed is kept).
/// </summary>
public sealed class AwsTestDouble : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, (ServiceModel Model, Func<string, Dictionary<string, string>, NameValueCollection, JsonNode?, DoubleReply> Handle)> services = new(StringComparer.Ordinal);
    private readonly Uri upstream;
    private readonly HttpClient forwarder = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public AwsTestDouble(Uri upstream)
    {
        this.upstream = upstream;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    public ConcurrentQueue<DoubleCall> Calls { get; } = new();

    /// <summary>Every model violation seen so far, in request order.</summary>
    public IReadOnlyList<string> Violations => Calls.SelectMany(c => c.Violations.Select(v => $"{c.Service} {c.Operation}: {v}")).ToList();

    /// <summary>Serves a service (by SigV4 signing name) with a handler per operation name.</summary>
    public void Serve(ServiceModel model, Func<string, Dictionary<string, string>, NameValueCollection, JsonNode?, DoubleReply> handle) =>
        services[model.SigningName] = (model, handle);

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var service = SigningService(context.Request.Headers["Authorization"]);
            if (service is not null && services.TryGetValue(service, out var served) && Accepts(served.Model, context.Request))
            {
                await AnswerAsync(context, served.Model, served.Handle, service, body);
            }
            else
            {
                await ForwardAsync(context, body);
            }
        }
        catch (Exception ex)
        {
            Calls.Enqueue(new DoubleCall("double", "?", context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "?", [$"double failed: {ex.Message}"]));
            try
            {
                context.Response.StatusCode = 500;
                context.Response.Close();
            }
            catch (Exception)
            {
                // the client went away
            }
        }
    }

    /// <summary>Operations of a partly served service (Athena) that stay with moto.</summary>
    public Func<string, bool>? ServeOnly { get; set; }

    private bool Accepts(ServiceModel model, HttpListenerRequest request)
    {
        if ((string?)model.Metadata["protocol"] != "json" || ServeOnly is null)
        {
            return true;
        }

        var target = request.Headers["X-Amz-Target"] ?? string.Empty;
        return ServeOnly(target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..]);
    }

    private async Task AnswerAsync(HttpListenerContext context, ServiceModel model, Func<string, Dictionary<string, string>, NameValueCollection, JsonNode?, DoubleReply> handle, string service, byte[] body)
    {
        var request = context.Request;
        var rawPath = request.RawUrl!.Split('?')[0];
        var target = request.Headers["X-Amz-Target"];
        var match = (string?)model.Metadata["protocol"] == "json"
            ? (target is null ? null : (target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..], new Dictionary<string, string>()))
            : model.Match(request.HttpMethod, rawPath);
        if (match is null)
        {
            Calls.Enqueue(new DoubleCall(service, "?", request.HttpMethod, rawPath, [$"no {service} operation for {request.HttpMethod} {rawPath}"]));
            await WriteAsync(context.Response, DoubleReply.Error(404, "UnknownOperationException", $"{request.HttpMethod} {rawPath}"));
            return;
        }

        var (operation, uriMembers) = match.Value;
        JsonNode? json = null;
        var violations = new List<string>();
        if (body.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException ex)
            {
                violations.Add("body is not JSON: " + ex.Message);
            }
        }

        if (body.Length > 0 && request.ContentType?.StartsWith("application/", StringComparison.Ordinal) != true)
        {
            violations.Add($"Content-Type is '{request.ContentType}', not application/json");
        }

        violations.AddRange(model.ValidateRequest(operation, uriMembers, request.QueryString, json));
        DoubleReply reply;
        if (violations.Count > 0)
        {
            reply = DoubleReply.Error(400, "ValidationException", string.Join("; ", violations));
        }
        else
        {
            reply = handle(operation, uriMembers, request.QueryString, json);
            if (reply.ErrorCode is null)
            {
                violations.AddRange(model.ValidateResponse(operation, reply.Body).Select(v => "response: " + v));
            }
        }

        Calls.Enqueue(new DoubleCall(service, operation, request.HttpMethod, rawPath, violations));
        await WriteAsync(context.Response, reply);
    }

    private static async Task WriteAsync(HttpListenerResponse response, DoubleReply reply)
    {
        response.StatusCode = reply.Status;
        response.ContentType = "application/json";
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        JsonNode body = reply.Body ?? new JsonObject();
        if (reply.ErrorCode is not null)
        {
            response.Headers["x-amzn-ErrorType"] = reply.ErrorCode;
            body = new JsonObject { ["__type"] = reply.ErrorCode, ["Message"] = reply.Message, ["message"] = reply.Message };
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private async Task ForwardAsync(HttpListenerContext context, byte[] body)
    {
        var request = context.Request;
        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(upstream, request.RawUrl));
        if (body.Length > 0 || request.HttpMethod is "POST" or "PUT")
        {
            forward.Content = new ByteArrayContent(body);
        }

        foreach (var name in request.Headers.AllKeys.Where(n => n is not null))
        {
            var value = request.Headers[name]!;
            if (name!.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                forward.Headers.Host = value; // signed by the client: moto must see the same
            }
            else if (!forward.Headers.TryAddWithoutValidation(name, value))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var answer = await forwarder.SendAsync(forward);
        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers))
        {
            if (header.Key is "Content-Length" or "Transfer-Encoding" or "Connection" or "Server" or "Date")
            {
                continue;
            }

            response.Headers[header.Key] = string.Join(",", header.Value);
        }

        var bytes = await answer.Content.ReadAsByteArrayAsync();
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    /// <summary>The service of a SigV4 Authorization header: Credential=AKID/date/region/SERVICE/aws4_request.</summary>
    private static string? SigningService(string? authorization)
    {
        var start = authorization?.IndexOf("Credential=", StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        var scope = authorization![(start + "Credential=".Length)..].Split(',')[0].Split('/');
        return scope.Length >= 5 ? scope[3] : null;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the accept loop ends with the listener
        }

        forwarder.Dispose();
        stopping.Dispose();
    }
}
