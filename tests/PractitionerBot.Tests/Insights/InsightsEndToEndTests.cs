using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PractitionerBot.Members;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Insights;

/// <summary>Eighteen questions from three members through /api/messages, then what coordinators and operators see.</summary>
public sealed class InsightsEndToEndTests(InsightsFixture bot) : IClassFixture<InsightsFixture>
{
    private Task<HttpResponseMessage> GetAsync(string path, string? key = InsightsFixture.ReaderKey, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return bot.Host.Http.SendAsync(request);
    }

    [Fact]
    public async Task Api_CountsTheQuestionsAndListsTheUnansweredTopics()
    {
        var response = await GetAsync("/api/insights?days=7");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var questions = json["questions"]!;
        Assert.Equal(18, questions["asked"]!.GetValue<int>());
        Assert.Equal(9, questions["answered"]!.GetValue<int>());
        Assert.Equal(9, questions["abstained"]!.GetValue<int>());
        Assert.Equal(18, json["byLanguage"]!["en"]!.GetValue<int>());
        Assert.Equal(18, json["byDay"]!.AsArray().Sum(d => d!["answered"]!.GetValue<int>() + d["abstained"]!.GetValue<int>()));
        Assert.Contains(json["byWorkingGroup"]!.AsArray(), g => g!["id"]!.GetValue<string>() == "local" && g["answered"]!.GetValue<int>() >= 3);

        var topics = json["unansweredTopics"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.Equal(3, topics.Count);
        Assert.All(topics, t =>
        {
            Assert.Equal(3, t["members"]!.GetValue<int>());
            Assert.Equal(3, t["asked"]!.GetValue<int>());
            Assert.NotNull(t["lastAsked"]);
        });
        var terms = topics.Select(t => string.Join(' ', t["terms"]!.AsArray().Select(x => x!.GetValue<string>()))).ToList();
        Assert.Contains("best lasagne recipe spinach", terms);
        Assert.Contains("dough pizza share tips", terms); // no name, e-mail address or phone number
        Assert.Contains(terms, t => t.Contains("bicycle", StringComparison.Ordinal) && t.Contains("chain", StringComparison.Ordinal));

        Assert.Equal(1, questions["notHelpful"]!.GetValue<int>());
        Assert.Equal(0, questions["helpful"]!.GetValue<int>());
        var paper = Assert.Single(json["unhelpfulPapers"]!.AsArray())!;
        Assert.Equal(1, paper["notHelpful"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(paper["documentId"]!.GetValue<string>()));

        var peers = json["peerQuestions"]!;
        Assert.Equal(2, peers["asked"]!.GetValue<int>());
        Assert.Equal(1, peers["answered"]!.GetValue<int>());
        Assert.Equal(0, peers["resolved"]!.GetValue<int>());
        Assert.True(peers["medianHoursToFirstAnswer"]!.GetValue<double>() >= 0);
        var local = Assert.Single(peers["byWorkingGroup"]!.AsArray())!;
        Assert.Equal(1, local["unanswered"]!.GetValue<int>());

        var announcement = Assert.Single(json["announcements"]!.AsArray())!;
        Assert.Equal(bot.AnnouncementId, announcement["id"]!.GetValue<string>());
        Assert.Equal(InsightsFixture.AnnouncementTitle, announcement["title"]!.GetValue<string>());
        Assert.Equal(4, announcement["delivered"]!.GetValue<int>()); // three followers and the linked channel
        Assert.Equal(0, announcement["failed"]!.GetValue<int>());
        Assert.NotNull(json["from"]);
        Assert.NotNull(json["to"]);
    }

    [Fact]
    public async Task Api_WithoutAValidKey_Answers401()
    {
        var none = await GetAsync("/api/insights", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/insights", key: "not-a-key-0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/insights", key: InsightsFixture.PublisherKey)).StatusCode);
    }

    [Theory]
    [InlineData("days=abc")]
    [InlineData("days=0")]
    [InlineData("days=-3")]
    [InlineData("days=366")]
    [InlineData("days=99999999999999999999")]
    [InlineData("days=7&format=xml")]
    public async Task Api_WithABadQuery_Answers400WithTheReason(string query)
    {
        var response = await GetAsync("/api/insights?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.Contains(query.Contains("format") ? "'format'" : "'days' must be a whole number from 1 to 365", detail);
    }

    [Fact]
    public async Task Api_AsCsv_HasTheSameNumbers()
    {
        foreach (var (path, accept) in new[] { ("/api/insights?days=7&format=csv", (string?)null), ("/api/insights?days=7", "text/csv") })
        {
            var response = await GetAsync(path, accept: accept);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
            Assert.Equal("section,key,metric,value", lines[0]);
            Assert.Contains("questions,,asked,18", lines);
            Assert.Contains("questions,,abstained,9", lines);
            Assert.Contains("unansweredTopics,best lasagne recipe spinach,members,3", lines);
        }
    }

    [Fact]
    public async Task Metrics_ServesPractitionerBotSeriesForPrometheus()
    {
        var response = await bot.Host.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"(?m)^practitionerbot_turns_total\{[^}]*activity_type=""message""[^}]*\} (1[89]|[2-9]\d)", text);
        Assert.Matches(@"(?m)^practitionerbot_answers_total\{[^}]*outcome=""abstained""[^}]*\} (9|[1-9]\d)", text);
        Assert.Contains("practitionerbot_turn_duration_seconds_bucket", text);
        Assert.Matches(@"(?m)^practitionerbot_index_passages(\{[^}]*\})? [1-9]", text);
        Assert.Contains("http_server_request_duration_seconds", text); // ASP.NET Core instrumentation
    }

    [Fact]
    public async Task Database_HoldsNoQuestionTextAndNoMemberId()
    {
        await using var db = new SqliteConnection($"Data Source={bot.Host.DatabasePath};Mode=ReadOnly");
        await db.OpenAsync();
        var stored = new List<string>();
        foreach (var table in new[] { "insight_questions", "insight_salts" })
        {
            await using var command = db.CreateCommand();
            command.CommandText = $"SELECT * FROM {table};";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++) stored.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        Assert.Contains("best lasagne recipe spinach", stored); // the records are there
        var all = string.Join('\n', stored);
        foreach (var question in InsightsFixture.Answerable.Concat(InsightsFixture.Unanswerable))
            Assert.DoesNotContain(question, all, StringComparison.OrdinalIgnoreCase);
        // As whole numbers: a timestamp's fraction of a second may hold the digits 470 by chance.
        foreach (var secret in new[] { "Peeters", "peeters", "jan.peeters@example.org", "example.org", "470", "12 34 56" })
            Assert.DoesNotMatch($"(?<![0-9]){System.Text.RegularExpressions.Regex.Escape(secret)}(?![0-9])", all);
        foreach (var (conversation, userId, name) in InsightsFixture.Members)
        {
            Assert.DoesNotContain(userId, all, StringComparison.Ordinal);
            Assert.DoesNotContain(UserKey.For("msteams", userId), all, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(conversation, all, StringComparison.Ordinal);
            foreach (var part in name.Split(' ')) Assert.DoesNotContain(part, all, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Page_SignsInWithAKeyAndShowsItsChartsInChromium_LoadingNothingFromOutside()
    {
        var report = await Browser.RunAsync("insights-page.js", new JsonObject
        {
            ["baseUrl"] = bot.Host.Http.BaseAddress!.AbsoluteUri.TrimEnd('/'),
            ["key"] = InsightsFixture.ReaderKey,
            ["wrongKey"] = "wrong-key-0123456789abcdef",
            ["screenshots"] = Browser.Screenshots("insights"),
        });

        Assert.Empty(report["externalRequests"]!.AsArray());
        Assert.True(report["requests"]!.GetValue<int>() > 0);
        Assert.Equal(1, report["signInLabel"]!.GetValue<int>());
        Assert.Equal(401, report["wrongKeyStatus"]!.GetValue<int>());
        Assert.Contains("not valid", report["wrongKeyAlert"]!.GetValue<string>());
        Assert.Equal("key", report["focusAfterTab"]!.GetValue<string>());
        Assert.EndsWith("/insights", report["urlAfterSignIn"]!.GetValue<string>());
        Assert.False(report["keyInPage"]!.GetValue<bool>());
        var session = report["cookies"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "practitionerbot-insights")!;
        Assert.True(session["httpOnly"]!.GetValue<bool>());
        Assert.Equal("Strict", session["sameSite"]!.GetValue<string>());
        Assert.All(report["cookies"]!.AsArray(), c => Assert.False(c!["valueHasKey"]!.GetValue<bool>()));

        var charts = report["charts"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(5, charts.Count); // per day, groups, languages, peer questions, announcements
        Assert.All(charts, c =>
        {
            Assert.Equal("img", c["role"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(c["title"]?.GetValue<string>()));
            Assert.True(c["bars"]!.GetValue<int>() > 0);
        });
        Assert.Contains(charts, c => c["title"]!.GetValue<string>().StartsWith("Questions per day", StringComparison.Ordinal));
        var topics = report["topics"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Equal(3, topics.Count);
        Assert.Contains(topics, t => t.Contains("best, lasagne, recipe, spinach", StringComparison.Ordinal));
        Assert.Contains(report["tiles"]!.AsArray(), t => t!.GetValue<string>().Replace(" ", "") == "asked18");
        Assert.Empty(report["unlabelledInputs"]!.AsArray());
        foreach (var (selector, ratio) in report["contrast"]!.AsObject())
            Assert.True(ratio!.GetValue<double>() >= 4.5, $"{selector}: contrast {ratio}");

        var phone = report["phone"]!;
        Assert.True(phone["scrollWidth"]!.GetValue<int>() <= phone["innerWidth"]!.GetValue<int>(), "the page is wider than the phone");
        Assert.Equal(charts.Count, phone["charts"]!.GetValue<int>());
        Assert.Equal(1, report["afterSignOut"]!.GetValue<int>());
        Assert.All(report["screenshots"]!.AsArray(), s => Assert.True(new FileInfo(s!.GetValue<string>()).Length > 10_000));
    }
}
