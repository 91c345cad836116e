using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PractitionerBot.Cli.Announcements;

namespace PractitionerBot.Cli.Commands;

/// <summary>Creates, publishes, cancels and follows announcements through the bot's REST API.</summary>
internal static class AnnounceCommand
{
    public const string DefaultUrl = "http://localhost:3978";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // One client for the process, as HttpClient is meant to be used; its timeout covers each whole request.
    private static readonly HttpClient Http = new() { Timeout = Timeout };

    private static readonly HashSet<string> Fields =
    [
        "kind", "title", "workingGroups", "audience", "eventType", "startsAt", "endsAt", "timeZone", "location",
        "description", "url", "deadline", "places", "programme", "budget", "eligibility", "publishAt",
    ];

    /// <summary>One request to the API; <paramref name="Id"/> is the announcement it names, if any.</summary>
    private sealed record Call(string Action, HttpMethod Method, string Path, string? Id, JsonObject? Body = null);

    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var call = args.Positional.ElementAtOrDefault(1) switch
        {
            "create" => Create(args, stderr),
            "publish" => Act(args, "publish", HttpMethod.Post, "/publish", "--url", "--key"),
            "cancel" => Act(args, "cancel", HttpMethod.Post, "/cancel", "--url", "--key"),
            "status" => Act(args, "status", HttpMethod.Get, "", "--url", "--key", "--json"),
            null => throw new CliException("announce needs an action: create, publish, cancel or status; run 'help' for the list"),
            var other => throw new CliException($"unknown command 'announce {other}'; run 'help' for the list"),
        };
        var url = BaseUrl(args);
        var key = (args.Get("--key") ?? Environment.GetEnvironmentVariable("PRACTITIONERBOT_API_KEY"))?.Trim();
        if (string.IsNullOrEmpty(key)) throw new CliException("an API key is needed: --key or PRACTITIONERBOT_API_KEY");

        using var request = new HttpRequestMessage(call.Method, url + call.Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (call.Body is { } body) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is null)
        {
            return Fail(stderr, ex.HttpRequestError == HttpRequestError.NameResolutionError
                ? $"cannot reach the bot at {url}: the host name is unknown"
                : $"cannot reach the bot at {url}: is it running?");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(stderr, $"the bot at {url} did not answer within {Timeout.TotalSeconds:0} s");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = Parse(text);
            return response.IsSuccessStatusCode
                ? Print(call, json, text, args.Has("--json"), stdout, stderr)
                : Refused(call, url, response.StatusCode, response.ReasonPhrase, json, stderr);
        }
    }

    private static Call Create(CliArgs args, TextWriter stderr)
    {
        args.AllowOnly("--file", "--url", "--key");
        if (args.Positional.Count != 2) throw new CliException("announce create takes no id, only a file: announce create --file FILE.yaml");
        var body = YamlToJson.ReadObject(args.Require("--file"));
        RelativeDates.Resolve(body, DateTimeOffset.UtcNow);
        // The API may grow fields before this list does, so an unknown key is sent, with a word in case it is a typo.
        foreach (var (field, _) in body.Where(f => !Fields.Contains(f.Key)))
            stderr.WriteLine($"warning: '{field}' is not an announcement field this CLI knows; sent as written");
        return new Call("create", HttpMethod.Post, "/api/announcements", null, body);
    }

    private static Call Act(CliArgs args, string action, HttpMethod method, string suffix, params string[] options)
    {
        args.AllowOnly(options);
        if (args.Positional.Count != 3) throw new CliException($"announce {action} takes one announcement id: announce {action} ID");
        var id = args.Positional[2];
        return new Call(action, method, $"/api/announcements/{Uri.EscapeDataString(id)}{suffix}", id);
    }

    private static string BaseUrl(CliArgs args)
    {
        var text = args.Get("--url") ?? Environment.GetEnvironmentVariable("PRACTITIONERBOT_URL");
        if (string.IsNullOrWhiteSpace(text)) return DefaultUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            throw new CliException($"--url (or PRACTITIONERBOT_URL) takes the bot's http:// or https:// address, like {DefaultUrl}, not '{text}'");
        return text.TrimEnd('/');
    }

    private static int Print(Call call, JsonObject? json, string text, bool raw, TextWriter stdout, TextWriter stderr)
    {
        if (call.Action == "status" && raw)
        {
            stdout.WriteLine(text);
            return 0;
        }
        if (json is null) return Fail(stderr, $"the bot's answer to '{call.Action}' is not the JSON object expected: {Shorten(text)}");
        switch (call.Action)
        {
            case "create":
                if (Text(json, "id") is not { } id) return Fail(stderr, "the bot created the announcement but sent back no id");
                stdout.WriteLine($"Created announcement {id} (draft)");
                break;
            case "status":
                var delivery = json["delivery"] as JsonObject;
                stdout.WriteLine($"Announcement {Text(json, "id") ?? call.Id}: {Text(json, "title")}");
                stdout.WriteLine($"Status:   {Text(json, "status")}");
                stdout.WriteLine($"Delivery: {Count(delivery, "pending")} pending, {Count(delivery, "delivered")} delivered, "
                    + $"{Count(delivery, "failed")} failed, {Count(delivery, "gone")} gone");
                break;
            default:
                stdout.WriteLine($"Announcement {Text(json, "id") ?? call.Id}: {Text(json, "status")}");
                break;
        }
        return 0;
    }

    private static int Refused(Call call, string url, HttpStatusCode status, string? reason, JsonObject? problem, TextWriter stderr)
    {
        switch (status)
        {
            case HttpStatusCode.BadRequest when problem is { } && problem["errors"] is JsonObject { Count: > 0 } errors:
                foreach (var (field, messages) in errors)
                {
                    // Errors from JSON binding name the field as a JSON path ("$.places").
                    var name = field.StartsWith("$.", StringComparison.Ordinal) ? field[2..] : field;
                    foreach (var message in Messages(messages))
                        stderr.WriteLine(name.Length > 0 ? $"{name}: {message}" : message);
                }
                return 1;
            case HttpStatusCode.Unauthorized:
                return Fail(stderr, "the API key was refused (401)");
            case HttpStatusCode.Forbidden:
                return Fail(stderr, "this API key's role may not do that (403)");
            case HttpStatusCode.NotFound:
                return Fail(stderr, call.Id is { } id ? $"no announcement {id}" : $"the bot at {url} has no announcements API (404): is it up to date?");
            default:
                var detail = Text(problem, "detail") ?? Text(problem, "title");
                return Fail(stderr, $"the bot answered {(int)status} {reason}" + (detail is null ? "" : $": {detail}"));
        }
    }

    private static IEnumerable<string?> Messages(JsonNode? messages) =>
        messages is JsonArray list ? list.Select(m => m?.ToString()) : [messages?.ToString()];

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return 1;
    }

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject? json, string name) => json?[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    private static string Count(JsonObject? delivery, string name) => Text(delivery, name) ?? "?";

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
