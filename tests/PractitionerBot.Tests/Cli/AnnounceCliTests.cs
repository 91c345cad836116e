using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PractitionerBot.Cli;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Cli;

/// <summary>The 'announce' commands against a fake of the bot's announcements API on loopback.</summary>
[Collection("environment")]
public sealed class AnnounceCliTests : IAsyncLifetime
{
    private static readonly string EventExample = Path.Combine(RepoPaths.Root, "docs", "examples", "announcement-event.yaml");
    private static readonly string CallExample = Path.Combine(RepoPaths.Root, "docs", "examples", "announcement-call.yaml");

    private readonly TempDir _dir = new();
    private FakeAnnouncementsApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeAnnouncementsApi.StartAsync();

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliProgram.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private Task<(int Code, string Out, string Err)> RunWithKeyAsync(string key, params string[] args) =>
        RunAsync([.. args, "--url", _api.Url, "--key", key]);

    private static DateTime BrusselsToday(int days) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels")).Date.AddDays(days);

    private string Yaml(string text)
    {
        var path = _dir.File($"announcement-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Create_EventExample_PostsTypedJsonWithTheBearerKeyAndPrintsTheId()
    {
        var (code, output, error) = await RunWithKeyAsync(FakeAnnouncementsApi.EditorKey, "announce", "create", "--file", EventExample);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal($"Created announcement {FakeAnnouncementsApi.Id} (draft)", output.Trim());
        var request = Assert.Single(_api.Requests);
        Assert.Equal(("POST", "/api/announcements"), (request.Method, request.Path));
        Assert.Equal($"Bearer {FakeAnnouncementsApi.EditorKey}", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.Equal("event", body["kind"]!.GetValue<string>());
        Assert.Equal("Local P/CVE strategies and multi-agency case work", body["title"]!.GetValue<string>());
        Assert.Equal(["local"], body["workingGroups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.True(body["audience"]!["channels"]!.GetValue<bool>());
        Assert.True(body["audience"]!["followers"]!.GetValue<bool>());
        Assert.Equal(40, body["places"]!.GetValue<long>());
        // The example's dates are relative ("+60d 09:30"): resolved to local times in its zone, days from today.
        Assert.Equal(BrusselsToday(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T09:30", body["startsAt"]!.GetValue<string>());
        Assert.Equal(BrusselsToday(61).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T13:00", body["endsAt"]!.GetValue<string>());
        Assert.Equal(BrusselsToday(45).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T23:59", body["deadline"]!.GetValue<string>());
        Assert.Equal("Europe/Brussels", body["timeZone"]!.GetValue<string>());
        Assert.Equal("https://home-affairs.ec.europa.eu/networks/radicalisation-awareness-network-ran_en", body["url"]!.GetValue<string>());
        Assert.True(body.ContainsKey("publishAt"));
        Assert.Null(body["publishAt"]);
        Assert.False(body.ContainsKey("programme"));
    }

    [Fact]
    public async Task Create_CallExample_KeepsTextFieldsAsStringsAndTheOffsetOfPublishAt()
    {
        var (code, _, _) = await RunWithKeyAsync(FakeAnnouncementsApi.EditorKey, "announce", "create", "--file", CallExample);

        Assert.Equal(0, code);
        var body = JsonNode.Parse(Assert.Single(_api.Requests).Body)!.AsObject();
        Assert.Equal("call", body["kind"]!.GetValue<string>());
        Assert.Equal("Internal Security Fund - Police", body["programme"]!.GetValue<string>());
        Assert.Equal("EUR 5 million", body["budget"]!.GetValue<string>());
        Assert.Contains("consortium", body["eligibility"]!.GetValue<string>());
        var publishAt = DateTimeOffset.Parse(body["publishAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(BrusselsToday(7).AddHours(9), publishAt.DateTime);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels").GetUtcOffset(publishAt.DateTime), publishAt.Offset);
        Assert.False(body["audience"]!["followers"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Create_QuotedScalarsStayStrings_PlainOnesAreTyped()
    {
        var file = Yaml("""
            kind: event
            title: "2026"
            places: '12'
            workingGroups: [local, police]
            audience: {channels: false, followers: TRUE}
            deadline: 2026-02-20
            description: null
            """);

        var (code, _, _) = await RunWithKeyAsync(FakeAnnouncementsApi.EditorKey, "announce", "create", "--file", file);

        Assert.Equal(0, code);
        var body = JsonNode.Parse(Assert.Single(_api.Requests).Body)!.AsObject();
        Assert.Equal("2026", body["title"]!.GetValue<string>());
        Assert.Equal("12", body["places"]!.GetValue<string>());
        Assert.Equal(["local", "police"], body["workingGroups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.False(body["audience"]!["channels"]!.GetValue<bool>());
        Assert.True(body["audience"]!["followers"]!.GetValue<bool>());
        Assert.Equal("2026-02-20", body["deadline"]!.GetValue<string>());
        Assert.Null(body["description"]);
    }

    [Fact]
    public async Task Create_WithAnUnknownField_WarnsAndSendsIt()
    {
        var file = Yaml("kind: event\ntitle: Study visit\nworkinggroups: [exit]\n");

        var (code, _, error) = await RunWithKeyAsync(FakeAnnouncementsApi.EditorKey, "announce", "create", "--file", file);

        Assert.Equal(0, code);
        Assert.Contains("warning: 'workinggroups'", error);
        Assert.True(JsonNode.Parse(Assert.Single(_api.Requests).Body)!.AsObject().ContainsKey("workinggroups"));
    }

    [Theory]
    [InlineData("publish", "scheduled")]
    [InlineData("cancel", "cancelled")]
    public async Task PublishOrCancel_PostsToTheAnnouncementAndPrintsItsStatus(string action, string status)
    {
        var (code, output, _) = await RunWithKeyAsync(FakeAnnouncementsApi.EditorKey, "announce", action, FakeAnnouncementsApi.Id);

        Assert.Equal(0, code);
        Assert.Equal($"Announcement {FakeAnnouncementsApi.Id}: {status}", output.Trim());
        var request = Assert.Single(_api.Requests);
        Assert.Equal(("POST", $"/api/announcements/{FakeAnnouncementsApi.Id}/{action}"), (request.Method, request.Path));
        Assert.Equal($"Bearer {FakeAnnouncementsApi.EditorKey}", request.Authorization);
    }

    [Fact]
    public async Task Status_PrintsTitleStatusAndTheFourDeliveryCounts()
    {
        var (code, output, _) = await RunWithKeyAsync(FakeAnnouncementsApi.ReaderKey, "announce", "status", FakeAnnouncementsApi.Id);

        Assert.Equal(0, code);
        Assert.Equal(
            [
                $"Announcement {FakeAnnouncementsApi.Id}: Local P/CVE strategies and multi-agency case work",
                "Status:   published",
                "Delivery: 2 pending, 41 delivered, 1 failed, 3 gone",
            ],
            output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(("GET", $"/api/announcements/{FakeAnnouncementsApi.Id}"), (_api.Requests[0].Method, _api.Requests[0].Path));
    }

    [Fact]
    public async Task StatusJson_PrintsTheApisJson()
    {
        var (code, output, _) = await RunWithKeyAsync(FakeAnnouncementsApi.ReaderKey, "announce", "status", FakeAnnouncementsApi.Id, "--json");

        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("published", json["status"]!.GetValue<string>());
        Assert.Equal(41, json["delivery"]!["delivered"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_RefusedWithValidationProblems_PrintsEachProblemOnItsOwnLineAndExits1()
    {
        var file = Yaml("kind: event\nworkingGroups: [nope, local, also-nope]\n");

        var (code, output, error) = await RunWithKeyAsync(FakeAnnouncementsApi.EditorKey, "announce", "create", "--file", file);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(
            ["title: A title is required.", "workingGroups: 'nope' is not a working group.", "workingGroups: 'also-nope' is not a working group."],
            error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("wrong-key", "publish", FakeAnnouncementsApi.Id, "error: the API key was refused (401)")]
    [InlineData(FakeAnnouncementsApi.ReaderKey, "publish", FakeAnnouncementsApi.Id, "error: this API key's role may not do that (403)")]
    [InlineData(FakeAnnouncementsApi.EditorKey, "cancel", "ann-404", "error: no announcement ann-404")]
    [InlineData(FakeAnnouncementsApi.ReaderKey, "status", "ann-404", "error: no announcement ann-404")]
    public async Task Refusals_PrintOneClearLineAndExit1(string key, string action, string id, string expected)
    {
        var (code, output, error) = await RunWithKeyAsync(key, "announce", action, id);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task UnreachableBot_SaysSoAndExits1()
    {
        var url = $"http://127.0.0.1:{UnusedPort()}";

        var (code, _, error) = await RunAsync("announce", "status", FakeAnnouncementsApi.Id, "--url", url, "--key", FakeAnnouncementsApi.ReaderKey);

        Assert.Equal(1, code);
        Assert.Equal($"error: cannot reach the bot at {url}: is it running?", error.Trim());
    }

    [Fact]
    public async Task UrlAndKey_DefaultToTheEnvironment()
    {
        using var env = new EnvironmentVariables(("PRACTITIONERBOT_URL", _api.Url + "/"), ("PRACTITIONERBOT_API_KEY", FakeAnnouncementsApi.EditorKey));

        var (code, _, _) = await RunAsync("announce", "publish", FakeAnnouncementsApi.Id);

        Assert.Equal(0, code);
        Assert.Equal($"Bearer {FakeAnnouncementsApi.EditorKey}", Assert.Single(_api.Requests).Authorization);
    }

    [Fact]
    public async Task MissingKey_IsAUsageErrorAndSendsNothing()
    {
        using var env = new EnvironmentVariables(("PRACTITIONERBOT_API_KEY", null));

        var (code, _, error) = await RunAsync("announce", "create", "--file", EventExample, "--url", _api.Url);

        Assert.Equal(2, code);
        Assert.Equal("error: an API key is needed: --key or PRACTITIONERBOT_API_KEY", error.Trim());
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [InlineData("kind: event\ntitle: Meeting\nworkingGroups: [local,\n  police\nplaces: 4\n", "line 3")]
    [InlineData("kind: event\ntitle: Meeting\n  places: 4\n", "line 3")]
    [InlineData("kind: event\nkind: call\n", "line 2")]
    [InlineData("- kind: event\n- kind: call\n", "not a list")]
    [InlineData("just a sentence\n", "not a single value")]
    [InlineData("# nothing but a comment\n", "is empty")]
    public async Task BadYaml_IsAUsageErrorThatSaysWhereAndSendsNothing(string yaml, string expected)
    {
        var (code, _, error) = await RunWithKeyAsync(FakeAnnouncementsApi.EditorKey, "announce", "create", "--file", Yaml(yaml));

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains(expected, error);
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [InlineData("announce")]
    [InlineData("announce", "delete", "ann-1")]
    [InlineData("announce", "publish")]
    [InlineData("announce", "create")]
    [InlineData("announce", "create", "--file", "no-such-file.yaml")]
    [InlineData("announce", "status", "ann-1", "--verbose", "yes")]
    [InlineData("announce", "status", "ann-1", "--url", "localhost:3978")]
    public async Task BadCommandLine_ExitsWith2AndSendsNothing(params string[] args)
    {
        var (code, _, error) = await RunAsync([.. args, "--key", FakeAnnouncementsApi.EditorKey]);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Empty(_api.Requests);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>Sets environment variables for one test and puts the old values back.</summary>
    private sealed class EnvironmentVariables : IDisposable
    {
        private readonly List<(string Name, string? Value)> _previous = [];

        public EnvironmentVariables(params (string Name, string? Value)[] variables)
        {
            foreach (var (name, value) in variables)
            {
                _previous.Add((name, Environment.GetEnvironmentVariable(name)));
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous) Environment.SetEnvironmentVariable(name, value);
        }
    }
}

/// <summary>Tests here set process-wide environment variables, so they run alone.</summary>
[CollectionDefinition("environment", DisableParallelization = true)]
public sealed class EnvironmentCollection;

/// <summary>
/// The bot's announcements API as the contract describes it, on loopback: records every request, knows
/// one announcement, takes an editor key (may do anything) and a reader key (may only read).
/// </summary>
internal sealed class FakeAnnouncementsApi : IAsyncDisposable
{
    public const string Id = "ann-1";
    public const string EditorKey = "editor-key";
    public const string ReaderKey = "reader-key";

    private static readonly HashSet<string> WorkingGroups = ["local", "police", "exit", "youth-families-communities"];

    private readonly WebApplication _app;
    private readonly List<RecordedRequest> _requests = [];

    public string Url { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    private FakeAnnouncementsApi()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (http, next) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var authorization = http.Request.Headers.Authorization.ToString();
            lock (_requests) _requests.Add(new(http.Request.Method, http.Request.Path, authorization, http.Request.ContentType ?? "", body));
            http.Items["body"] = body;
            http.Response.StatusCode = authorization switch
            {
                $"Bearer {EditorKey}" => 200,
                $"Bearer {ReaderKey}" when HttpMethods.IsGet(http.Request.Method) => 200,
                $"Bearer {ReaderKey}" => 403,
                _ => 401,
            };
            if (http.Response.StatusCode == 200) await next(http);
        });
        _app.MapPost("/api/announcements", (HttpContext http) => Create(JsonNode.Parse((string)http.Items["body"]!)!.AsObject()));
        _app.MapPost("/api/announcements/{id}/publish", (string id) => Known(id, () => Results.Ok(new { id, status = "scheduled" })));
        _app.MapPost("/api/announcements/{id}/cancel", (string id) => Known(id, () => Results.Ok(new { id, status = "cancelled" })));
        _app.MapGet("/api/announcements/{id}", (string id) => Known(id, () => Results.Ok(new
        {
            id,
            kind = "event",
            title = "Local P/CVE strategies and multi-agency case work",
            status = "published",
            publishAt = (string?)null,
            delivery = new { pending = 2, delivered = 41, failed = 1, gone = 3 },
        })));
    }

    public static async Task<FakeAnnouncementsApi> StartAsync()
    {
        var api = new FakeAnnouncementsApi();
        await api._app.StartAsync();
        api.Url = api._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return api;
    }

    private static IResult Create(JsonObject body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body["title"] is null) errors["title"] = ["A title is required."];
        var unknown = body["workingGroups"]?.AsArray().Select(g => g!.ToString()).Where(g => !WorkingGroups.Contains(g)).ToArray() ?? [];
        if (unknown.Length > 0) errors["workingGroups"] = [.. unknown.Select(g => $"'{g}' is not a working group.")];
        return errors.Count > 0 ? Results.ValidationProblem(errors) : Results.Created($"/api/announcements/{Id}", new { id = Id });
    }

    private static IResult Known(string id, Func<IResult> answer) =>
        id == Id ? answer() : Results.Problem(statusCode: 404, title: "Not Found", detail: $"No announcement {id}.");

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

internal sealed record RecordedRequest(string Method, string Path, string Authorization, string ContentType, string Body);
