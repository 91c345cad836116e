using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PractitionerBot.Hosting;
using PractitionerBot.Knowledge;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>The real bot host on a loopback port, with its own index and database in a temp folder.</summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDir _dir;
    private readonly bool _ownsDir;

    public HttpClient Http { get; }
    public string MessagesEndpoint => new Uri(Http.BaseAddress!, "/api/messages").AbsoluteUri;
    public CapturedLogs Logs { get; }
    public string DataDir => _dir.Path;
    public string DatabasePath => Path.Combine(_dir.Path, "bot.db");
    public IServiceProvider Services => _app.Services;

    private BotHost(WebApplication app, TempDir dir, CapturedLogs logs, bool ownsDir)
    {
        _app = app;
        _dir = dir;
        _ownsDir = ownsDir;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public static async Task<BotHost> StartAsync(IDictionary<string, string>? settings = null, TempDir? dir = null,
        Action<WebApplicationBuilder>? configure = null, bool waitForKnowledge = true)
    {
        var ownsDir = dir is null;
        dir ??= new TempDir();
        var logs = new CapturedLogs();
        var args = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Knowledge:IndexPath"] = Path.Combine(dir.Path, "lucene"),
            ["Storage:SqlitePath"] = Path.Combine(dir.Path, "bot.db"),
            // Lexical unless a test turns meaning on: embedding the corpus takes a while, and most tests are about other things.
            ["Knowledge:Semantic:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args[key] = value;
        var app = BotApplication.Create(args.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), RepoPaths.Root,
            builder =>
            {
                builder.Logging.AddProvider(logs);
                configure?.Invoke(builder);
            });
        await app.StartAsync();
        if (waitForKnowledge) await app.Services.GetRequiredService<KnowledgeBase>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        return new BotHost(app, dir, logs, ownsDir);
    }

    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, CancellationToken cancellationToken = default) =>
        Http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>Posts an activity with the given Authorization header value, sent as it is (null: no header).</summary>
    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return Http.SendAsync(request);
    }

    /// <summary>Posts an invoke and returns the bot's invoke response body.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonObject? Body)> InvokeAsync(JsonObject activity)
    {
        var response = await PostActivityAsync(activity);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    public Task<HttpResponseMessage> PostRawAsync(string body, string contentType = "application/json") =>
        Http.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, contentType));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDir) _dir.Dispose();
    }
}

/// <summary>Builds Teams-shaped activities.</summary>
public static class Activities
{
    public const string TeamId = "19:team-general@thread.tacv2";

    /// <summary>A message in a Teams channel that @mentions the bot, as Teams sends it (in a thread of the channel).</summary>
    public static JsonObject ChannelMessage(string serviceUrl, string channelId, string text, string userId = "29:coordinator", string userName = "Chris Coordinator")
    {
        var activity = TeamsMessage(serviceUrl, $"{channelId};messageid=1700000000000", $"<at>PractitionerBot</at> {text}");
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = userName, ["aadObjectId"] = "aad-" + userId };
        activity["conversation"] = new JsonObject { ["id"] = $"{channelId};messageid=1700000000000", ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = "tenant-1" };
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = "28:bot", ["name"] = "PractitionerBot" },
            ["text"] = "<at>PractitionerBot</at>",
        });
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            ["team"] = new JsonObject { ["id"] = TeamId },
            ["channel"] = new JsonObject { ["id"] = channelId },
        };
        return activity;
    }

    /// <summary>An Action.Execute from a card, as Teams sends it: an invoke named adaptiveCard/action.</summary>
    public static JsonObject Execute(string serviceUrl, string conversationId, string verb, JsonObject data, string userId = "29:peer", string userName = "Pat Peer")
    {
        var activity = TeamsMessage(serviceUrl, conversationId, null);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = userName, ["aadObjectId"] = "aad-" + userId };
        activity["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "channel", ["tenantId"] = "tenant-1" };
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        return activity;
    }

    /// <summary>What Teams sends when a member installs the bot for themselves.</summary>
    public static JsonObject PersonalInstall(string serviceUrl, string conversationId, string locale = "en-US")
    {
        var activity = TeamsMessage(serviceUrl, conversationId, null);
        activity.Remove("text");
        activity["type"] = "installationUpdate";
        activity["action"] = "add";
        activity["locale"] = locale;
        return activity;
    }

    public static JsonObject TeamsMessage(string serviceUrl, string conversationId, string? text, JsonObject? value = null, string channelId = "msteams") => new()
    {
        ["type"] = "message",
        ["id"] = "act-" + Guid.NewGuid().ToString("N")[..8],
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = channelId,
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:user-" + conversationId, ["name"] = "Alex Wilber", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000aa" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "PractitionerBot" },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
        ["value"] = value?.DeepClone(),
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
    };
}
