using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// The Microsoft 365 Agents Playground (Microsoft's local Teams client and Bot Connector), started for a
/// test and driven through its HTTP API; what the bot sends arrives on its WebSocket stream.
/// </summary>
public sealed class Playground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SignalledLog<JsonObject> _events = new();
    private Task? _receiving;

    public HttpClient Http { get; }
    public JsonObject Config { get; private set; } = [];

    private Playground(Process process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Port = port;
    }

    public int Port { get; }
    public string PersonalChat => Config["personalChat"]!["id"]!.GetValue<string>();
    public string Team => Config["teams"]![0]!["id"]!.GetValue<string>();
    public string BotId => Config["bot"]!["id"]!.GetValue<string>();
    public string BotName => Config["bot"]!["name"]!.GetValue<string>();

    public static async Task<Playground> StartAsync(string botEndpoint)
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "playground");
        var bin = Path.Combine(folder, "node_modules", ".bin", "agentsplayground");
        if (!File.Exists(bin)) throw new InvalidOperationException("The Agents Playground is not installed: run 'npm ci' in tests/playground (the test build and .ci/run do).");
        // Port 0: the playground binds a free port and says which.
        var start = new ProcessStartInfo(bin, ["-e", botEndpoint, "-c", "msteams", "-p", "0", "--disable-telemetry"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            // "Listening on PORT".
            if (e.Data?.Trim() is { } line && line.StartsWith("Listening on ", StringComparison.Ordinal) && int.TryParse(line[13..], out var actual))
                listening.TrySetResult(actual);
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var actualPort = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var playground = new Playground(process, actualPort);
        playground.Config = (await playground.Http.GetFromJsonAsync<JsonObject>("/_internal/v1/config"))!["config"]!.AsObject();
        await playground._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{actualPort}/_ws_conversation/v1/conversations/stream"), CancellationToken.None);
        playground._receiving = playground.ReceiveAsync();
        return playground;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                if (JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray())) is JsonObject json) _events.Add(json);
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
    }

    /// <summary>Waits (bounded) for a message the bot created or updated that matches.</summary>
    public Task<JsonObject> WaitForAsync(string action, Func<string, JsonObject, bool> match, TimeSpan? timeout = null) =>
        _events.WaitForAsync(events => events
            .Where(e => e["action"]?.GetValue<string>() == action && e["message"] is JsonObject)
            .Select(e => (Conversation: e["actionConversationId"]?.GetValue<string>() ?? "", Message: e["message"]!.AsObject()))
            .FirstOrDefault(e => match(e.Conversation, e.Message)).Message, timeout);

    public async Task<string> SendAsync(string conversationId, string userId, string text, bool mentionBot = false)
    {
        var body = new JsonObject { ["from"] = new JsonObject { ["id"] = userId }, ["text"] = mentionBot ? $"<at>{BotName}</at> {text}" : text, ["textFormat"] = "plain" };
        if (mentionBot)
            body["mentions"] = new JsonArray(new JsonObject
            {
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
                ["text"] = $"<at>{BotName}</at>",
            });
        var response = await Http.PostAsJsonAsync($"/_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["messageId"]!.GetValue<string>();
    }

    /// <summary>Installs the bot in a conversation: Teams sends installationUpdate and conversationUpdate.</summary>
    public async Task InstallAsync(string conversationId)
    {
        var response = await Http.PostAsync($"/_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Messages the bot created in a conversation so far, oldest first.</summary>
    public List<JsonObject> Created(string conversationId) => Created(_events.Snapshot(), conversationId);

    private static List<JsonObject> Created(IReadOnlyList<JsonObject> events, string conversationId) =>
        events.Where(e => e["action"]?.GetValue<string>() == "createMessage" && e["actionConversationId"]?.GetValue<string>() == conversationId)
            .Select(e => e["message"]!.AsObject()).ToList();

    /// <summary>Waits for the <paramref name="count"/>-th message the bot creates in a conversation.</summary>
    public Task<JsonObject> NthAsync(string conversationId, int count, TimeSpan? timeout = null) =>
        _events.WaitForAsync(events => Created(events, conversationId).Skip(count - 1).FirstOrDefault(), timeout);

    public async Task SubmitAsync(string conversationId, string userId, string replyToId, JsonObject value)
    {
        var response = await Http.PostAsJsonAsync("/_conversation/v1/submit", new JsonObject
        {
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["from"] = new JsonObject { ["id"] = userId },
            ["replyToId"] = replyToId,
            ["value"] = value,
        });
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonObject> ExecuteAsync(string conversationId, string userId, string replyToId, string verb, JsonObject data)
    {
        var response = await Http.PostAsJsonAsync("/_conversation/v1/invoke", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["from"] = new JsonObject { ["id"] = userId },
            ["replyToId"] = replyToId,
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } },
        });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_receiving is not null) await _receiving;
        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Http.Dispose();
    }
}

public static class PlaygroundMessages
{
    public static JsonObject? Card(this JsonObject message) =>
        message["attachments"] is JsonArray { Count: > 0 } a ? a[0]!["content"] as JsonObject : null;

    public static string Id(this JsonObject message) => message["messageId"]!.GetValue<string>();

    public static string Text(this JsonObject message) => message["text"]?.GetValue<string>() ?? "";

    /// <summary>The data of the first card action (at any depth) whose title matches.</summary>
    public static JsonObject ActionData(this JsonObject card, Func<string, bool> title) =>
        Actions(card).First(a => title(a["title"]!.GetValue<string>()))["data"]!.DeepClone().AsObject();

    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>()?.StartsWith("Action.", StringComparison.Ordinal) == true => [o],
        JsonObject o => o.SelectMany(p => Actions(p.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };
}

/// <summary>
/// The tests that drive the Agents Playground run one at a time: each starts a Node process and a bot, and the onboarding
/// test restarts its bot on the port the first one was given, which another test starting at that moment could take.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlaygroundCollection
{
    public const string Name = "playground";
}
