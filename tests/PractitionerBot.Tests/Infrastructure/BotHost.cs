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

    public HttpClient Http { get; }
    public CapturedLogs Logs { get; }
    public string DataDir => _dir.Path;
    public IServiceProvider Services => _app.Services;

    private BotHost(WebApplication app, TempDir dir, CapturedLogs logs)
    {
        _app = app;
        _dir = dir;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public static async Task<BotHost> StartAsync(IDictionary<string, string>? settings = null, TempDir? dir = null)
    {
        dir ??= new TempDir();
        var logs = new CapturedLogs();
        var args = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Knowledge:IndexPath"] = Path.Combine(dir.Path, "lucene"),
            ["Storage:SqlitePath"] = Path.Combine(dir.Path, "bot.db"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args[key] = value;
        var app = BotApplication.Create(args.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), RepoPaths.Root,
            builder => builder.Logging.AddProvider(logs));
        await app.StartAsync();
        await app.Services.GetRequiredService<KnowledgeBase>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        return new BotHost(app, dir, logs);
    }

    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity) =>
        Http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostRawAsync(string body, string contentType = "application/json") =>
        Http.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, contentType));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>Builds Teams-shaped activities.</summary>
public static class Activities
{
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
