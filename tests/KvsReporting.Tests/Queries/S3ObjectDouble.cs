using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KvsReporting.Tests.Queries;

/// <summary>
/// A loopback S3 endpoint serving one object's bytes under a given ETag (path-style GetObject, Range and
/// If-Match as S3 answers them). moto always sends intact bodies, so a body corrupted in transfer, which the
/// integrity checks exist for, needs this double; the SDK client, signer and response pipeline are the real ones.
/// </summary>
public sealed class S3ObjectDouble : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly byte[] body;
    private readonly string etag;
    private readonly string? replacedETag;

    /// <param name="body">The bytes sent (corrupt them to test the checks).</param>
    /// <param name="etag">The ETag sent.</param>
    /// <param name="replacedETag">When set, the object's ETag after the first request (it was replaced meanwhile).</param>
    public S3ObjectDouble(byte[] body, string etag, string? replacedETag = null)
    {
        this.body = body;
        this.etag = etag;
        this.replacedETag = replacedETag;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Endpoint + "/");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>Each GET's Range and If-Match headers (null when absent).</summary>
    public ConcurrentQueue<(string? Range, string? IfMatch)> Requests { get; } = new();

    private async Task ServeAsync()
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var range = context.Request.Headers["Range"];
            var ifMatch = context.Request.Headers["If-Match"];
            var current = replacedETag is not null && !Requests.IsEmpty ? replacedETag : etag;
            Requests.Enqueue((range, ifMatch));
            response.Headers["ETag"] = current;
            response.Headers["Last-Modified"] = DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture);
            response.ContentType = "text/csv";
            if (ifMatch is not null && ifMatch != current)
            {
                response.StatusCode = 412;
                response.Close();
                return;
            }

            long first = 0, last = body.Length - 1;
            if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
            {
                var parts = range[6..].Split('-');
                first = long.Parse(parts[0], CultureInfo.InvariantCulture);
                last = parts[1].Length > 0 ? Math.Min(last, long.Parse(parts[1], CultureInfo.InvariantCulture)) : last;
                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {first}-{last}/{body.Length}";
            }

            response.ContentLength64 = last - first + 1;
            await response.OutputStream.WriteAsync(body.AsMemory((int)first, (int)(last - first + 1)));
            response.Close();
        }
        catch (Exception)
        {
            response.Abort(); // the client hung up early (the opener drops a whole-object answer after its headers)
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
    }
}
