using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KvsReporting.Tests.Reports;

/// <summary>
/// A page in headless chromium driven over the Chrome DevTools Protocol (a websocket): evaluate script, and
/// every console message, uncaught exception and browser log entry the page produced since it was (re)loaded.
/// </summary>
internal sealed partial class DevToolsPage : IDisposable
{
    private readonly Process browser;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private readonly List<string> problems = [];
    private int nextId;

    private DevToolsPage(Process browser, string profile)
    {
        this.browser = browser;
        this.profile = profile;
    }

    /// <summary>Console calls, exceptions and log entries of level warning or error.</summary>
    public IReadOnlyList<string> Problems => problems;

    public static async Task<DevToolsPage> OpenAsync(string htmlPath)
    {
        var profile = Directory.CreateTempSubdirectory("kvs-cdp-").FullName;
        var start = new ProcessStartInfo(HeadlessChromium.Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var page = new DevToolsPage(process, profile);
        try
        {
            var port = await ReadPortAsync(process);
            using var http = new HttpClient();
            var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")))!.AsArray();
            var url = targets.First(t => (string?)t!["type"] == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
            await page.socket.ConnectAsync(new Uri(url), CancellationToken.None);
            await page.SendAsync("Runtime.enable");
            await page.SendAsync("Log.enable");
            await page.SendAsync("Page.enable");
            await page.SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(htmlPath).AbsoluteUri });
            await page.WaitForAsync("document.documentElement.getAttribute('data-report-ready') === 'true'", TimeSpan.FromSeconds(60));
            return page;
        }
        catch
        {
            page.Dispose();
            throw;
        }
    }

    /// <summary>Evaluates an expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        if (result?["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException("Script failed in the page: " + error.ToJsonString());
        }

        return result?["result"]?["value"];
    }

    public async Task WaitForAsync(string condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        // While the page navigates there may be no document yet: a failing check counts as "not yet".
        while ((await EvaluateAsync($"(() => {{ try {{ return !!({condition}); }} catch (e) {{ return false; }} }})()"))?.GetValue<bool>() != true)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The page never satisfied: {condition}. Problems: {string.Join("; ", problems)}");
            }

            await Task.Delay(100);
        }
    }

    private async Task<JsonNode?> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = ++nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var reply = await ReceiveAsync(timeout.Token);
            if (reply["id"] is { } replyId && replyId.GetValue<int>() == id)
            {
                return reply["error"] is { } error ? throw new InvalidOperationException($"{method}: {error.ToJsonString()}") : reply["result"];
            }

            Observe(reply);
        }
    }

    private void Observe(JsonNode message)
    {
        switch ((string?)message["method"])
        {
            case "Runtime.consoleAPICalled":
                problems.Add($"console.{message["params"]!["type"]}: {message["params"]!["args"]!.ToJsonString()}");
                break;
            case "Runtime.exceptionThrown":
                problems.Add("exception: " + message["params"]!["exceptionDetails"]!.ToJsonString());
                break;
            case "Log.entryAdded" when (string?)message["params"]!["entry"]!["level"] is "warning" or "error":
                problems.Add($"log {message["params"]!["entry"]!["level"]}: {message["params"]!["entry"]!["text"]}");
                break;
        }
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(text.ToArray())!;
    }

    private static async Task<int> ReadPortAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = DevToolsListening().Match(line);
            if (match.Success)
            {
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None); // keep draining
                return int.Parse(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException("chromium exited before its DevTools endpoint was up.");
    }

    [GeneratedRegex(@"DevTools listening on ws://127\.0\.0\.1:(\d+)/")]
    private static partial Regex DevToolsListening();

    public void Dispose()
    {
        socket.Dispose();
        try
        {
            if (!browser.HasExited)
            {
                browser.Kill(entireProcessTree: true);
                browser.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        browser.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
