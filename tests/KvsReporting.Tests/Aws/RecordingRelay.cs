using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KvsReporting.Tests.Aws;

/// <summary>One HTTP request as it went over the wire (every attempt, retries included).</summary>
public sealed record WireRequest(string StartLine, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A byte-for-byte TCP relay that also records each HTTP/1.1 request passing through. Placed between the
/// SDK and the fault proxy it sees every attempt the SDK makes, including the ones the proxy then fails, so
/// a test can check what retries carried. Bytes are not changed, so SigV4 signatures stay valid.
/// </summary>
public sealed class RecordingRelay : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly CancellationTokenSource stop = new();

    public RecordingRelay(Uri target)
    {
        this.target = target;
        listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        _ = Task.Run(AcceptAsync);
    }

    public string Endpoint { get; }

    public ConcurrentQueue<WireRequest> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(target.Host, target.Port, stop.Token);
                var down = client.GetStream();
                var up = upstream.GetStream();
                var back = Task.Run(async () =>
                {
                    try
                    {
                        await up.CopyToAsync(down, stop.Token);
                    }
                    finally
                    {
                        client.Client.Shutdown(SocketShutdown.Both); // a dropped upstream drops the client too
                    }
                });
                while (await ReadRequestAsync(down) is { } request)
                {
                    Requests.Enqueue(request.Parsed);
                    await up.WriteAsync(request.Raw, stop.Token);
                }

                upstream.Client.Shutdown(SocketShutdown.Send);
                await back;
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // a closed connection on either side ends this relay
            }
        }
    }

    private static async Task<(byte[] Raw, WireRequest Parsed)?> ReadRequestAsync(Stream stream)
    {
        var head = new MemoryStream();
        var window = new byte[4];
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            head.WriteByte(one[0]);
            window[0] = window[1];
            window[1] = window[2];
            window[2] = window[3];
            window[3] = one[0];
            if (window is [(byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n'])
            {
                break;
            }
        }

        var headText = Encoding.ASCII.GetString(head.ToArray());
        var lines = headText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var l) ? int.Parse(l, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        var raw = new byte[head.Length + length];
        head.ToArray().CopyTo(raw, 0);
        body.CopyTo(raw, head.Length);
        return (raw, new WireRequest(lines[0], headers, Encoding.UTF8.GetString(body)));
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        listener.Dispose();
        stop.Dispose();
    }
}
