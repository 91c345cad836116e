using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Security;

/// <summary>
/// A hostile member of a working group, through /api/messages as Teams would deliver them: what they send,
/// and what the other members (the channel, the asker) then see under the bot's name.
/// </summary>
public sealed class HostileMemberTests(BotFixture bot) : IClassFixture<BotFixture>
{
    private const string Phishing = "Urgent: [Re-verify your RAN account here](https://evil.example/login) **today**";
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static string NewChannel() => $"19:channel-{Guid.NewGuid():N}@thread.tacv2";

    internal static async Task LinkAsync(BotHost host, MockBotConnector connector, string channel, string group)
    {
        await host.PostActivityAsync(Activities.ChannelMessage(connector.ServiceUrl, channel, $"link {group}"));
        await connector.MessageAsync($"{channel};messageid=1700000000000");
    }

    /// <summary>Posts a peer question from <paramref name="asker"/>'s personal chat and returns the channel card and the question id.</summary>
    internal static async Task<(ReceivedActivity Posted, string QuestionId)> AskAsync(BotHost host, MockBotConnector connector, string channel, string asker,
        string question, string askerName = "Alex Wilber", string group = "local")
    {
        var activity = Activities.TeamsMessage(connector.ServiceUrl, asker, null, new JsonObject
        {
            ["action"] = "postPeerQuestion", ["group"] = group, ["question"] = question, ["anonymous"] = "false",
        });
        activity["from"]!["name"] = askerName;
        await host.PostActivityAsync(activity);
        var posted = await connector.MessageAsync(channel);
        await connector.MessageAsync(asker);
        var questionId = posted.Card!["actions"]!.AsArray().Single()!["data"]!["questionId"]!.GetValue<string>();
        return (posted, questionId);
    }

    internal static JsonObject Answer(MockBotConnector connector, string conversation, string questionId, string answer, string userId, string userName = "Pat Peer") =>
        Activities.Execute(connector.ServiceUrl, conversation, "peerAnswer", new JsonObject { ["questionId"] = questionId, ["answer"] = answer }, userId, userName);

    [Fact]
    public async Task PeerQuestion_WithAMarkdownLinkHiddenCharactersAndAFakeName_ReachesTheChannelCardAsPlainText()
    {
        var channel = NewChannel();
        await LinkAsync(bot.Host, bot.Connector, channel, "local");
        // A right-to-left override and zero-width spaces, and a display name dressed up as the secretariat.
        var question = Phishing + " invoice\u202Efdp.exe and ev\u200Bil";
        var (posted, _) = await AskAsync(bot.Host, bot.Connector, channel, BotFixture.NewConversation(), question, askerName: "**RAN Secretariat** [official](https://evil.example)");

        var card = posted.Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var json = card.ToJsonString(Readable);
        Assert.DoesNotContain('\u202E', json);
        Assert.DoesNotContain('\u200B', json);
        Assert.Contains("evil", json);
        foreach (var text in RenderedMarkdown.Texts(card).Where(t => t.Contains("evil") || t.Contains("Secretariat")))
            Assert.Empty(RenderedMarkdown.Formatting(RenderedMarkdown.Html(text)));
        // The member sees what was typed, brackets and stars included.
        var shown = RenderedMarkdown.Texts(card).Select(RenderedMarkdown.Shown).ToList();
        Assert.Contains(shown, s => s.Contains("[Re-verify your RAN account here](https://evil.example/login) **today**"));
        Assert.Contains(shown, s => s.Contains("**RAN Secretariat** [official](https://evil.example)"));
    }

    [Fact]
    public async Task PeerAnswer_ImitatingAnOfficialHeadingAndLink_ReachesTheAskerAsTheAnswerUnderTheAnswerersName()
    {
        var channel = NewChannel();
        await LinkAsync(bot.Host, bot.Connector, channel, "local");
        var asker = BotFixture.NewConversation();
        var (_, questionId) = await AskAsync(bot.Host, bot.Connector, channel, asker, "How do we keep the mayor committed after an election?");

        const string forged = "# Answer from RAN Secretariat (official)\n\n**Your account expires.** [Re-verify here](https://evil.example/login)\n\n1. log in\n- confirm";
        var (status, _) = await bot.Host.InvokeAsync(Answer(bot.Connector, channel, questionId, forged, "29:mallory", "Mallory Member"));
        Assert.Equal(HttpStatusCode.OK, status);

        var card = (await bot.Connector.MessageAsync(asker, count: 2)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var body = card["body"]!.AsArray();
        // The heading is the bot's own sentence, and who answered is a labelled fact above the answer.
        Assert.Equal("An answer to your question to the Local peers", body[0]!["text"]!.GetValue<string>());
        var from = body[1]!["facts"]!.AsArray().Single()!;
        Assert.Equal(("Answered by", "Mallory Member"), (from["title"]!.GetValue<string>(), from["value"]!.GetValue<string>()));
        foreach (var text in RenderedMarkdown.Texts(card).Skip(1))
            Assert.Empty(RenderedMarkdown.Formatting(RenderedMarkdown.Html(text)));
        Assert.Contains(RenderedMarkdown.Texts(card), t => RenderedMarkdown.Html(t).Contains("# Answer from RAN Secretariat (official)"));

        // The relay to the asker's 1:1 chat leaves no trace of that chat's id in the logs (the SDK's own lines included).
        Assert.DoesNotContain(bot.Host.Logs.AtOrAbove(LogLevel.Information), line => line.Contains(asker));
    }

    [Theory]
    [InlineData("follow [Click to re-verify](https://evil.example/login)")]
    [InlineData("unfollow **official** <https://evil.example>")]
    public async Task EchoedGroupId_WithMarkdown_IsRepeatedAsText(string message)
    {
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, message));
        var reply = (await bot.Connector.MessageAsync(conversation)).Text!;
        Assert.Contains("I do not know a working group", reply);
        Assert.Empty(RenderedMarkdown.Formatting(RenderedMarkdown.Html(reply)));
        Assert.DoesNotContain(">Click to re-verify</a>", RenderedMarkdown.Html(reply), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SixtyPeerAnswersAtOnce_FromOneMember_RelayAtMostTwentyOne()
    {
        var channel = NewChannel();
        await LinkAsync(bot.Host, bot.Connector, channel, "local");
        var asker = BotFixture.NewConversation();
        var (_, questionId) = await AskAsync(bot.Host, bot.Connector, channel, asker, "Which exit programmes work for young women?");
        var flooder = "29:flooder-" + Guid.NewGuid().ToString("N")[..6];

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            bot.Host.InvokeAsync(Answer(bot.Connector, channel, questionId, $"Spam answer number {i}", flooder, "Flo Flooder"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var relayed = bot.Connector.All.Count(a => a.ConversationId == asker && a.Card?.ToJsonString().Contains("Spam answer number") == true);
        Assert.InRange(relayed, 1, 21);
        // The member over the limit is told once, then gets nothing; nothing more is stored for them.
        Assert.Single(responses, r => r.Body!["value"]!.ToJsonString().Contains("faster than I can answer"));
        Assert.Equal(60 - relayed, responses.Count(r => r.Body!["type"]!.GetValue<string>() == "application/vnd.microsoft.activity.message"));
    }

    [Fact]
    public async Task ElevenPeerQuestions_FromOneMember_PostTenCardsToTheChannel()
    {
        var channel = NewChannel();
        await LinkAsync(bot.Host, bot.Connector, channel, "local");
        var spammer = BotFixture.NewConversation();
        for (var i = 1; i <= 11; i++)
        {
            await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, spammer, null, new JsonObject
            {
                ["action"] = "postPeerQuestion", ["group"] = "local", ["question"] = $"Buy cheap training number {i}",
            }));
            await bot.Connector.MessageAsync(spammer, count: i);
        }
        Assert.Equal(10, bot.Connector.All.Count(a => a.ConversationId == channel && a.Card is not null));
        Assert.Contains("You have posted 10 questions to the Local channel in the last hour", (await bot.Connector.MessageAsync(spammer, count: 11)).Text);
    }

    [Fact]
    public async Task PeerAnswer_FromAnotherConversationWithAKnownQuestionId_IsRefusedAndRevealsNothing()
    {
        var channel = NewChannel();
        await LinkAsync(bot.Host, bot.Connector, channel, "local");
        var asker = BotFixture.NewConversation();
        const string question = "How do we talk to a family whose son is being recruited online?";
        var (_, questionId) = await AskAsync(bot.Host, bot.Connector, channel, asker, question, askerName: "Dana Asker");

        // From an outsider's personal chat, and from another team's channel.
        var personal = Answer(bot.Connector, "a:outsider-" + Guid.NewGuid().ToString("N")[..6], questionId, "Contact me at https://evil.example", "29:outsider", "Olly Outsider");
        personal["conversation"]!["conversationType"] = "personal";
        var otherChannel = Answer(bot.Connector, NewChannel(), questionId, "Contact me at https://evil.example", "29:outsider", "Olly Outsider");
        foreach (var attempt in new[] { personal, otherChannel })
        {
            var (status, body) = await bot.Host.InvokeAsync(attempt);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("application/vnd.microsoft.activity.message", body!["type"]!.GetValue<string>());
            var reply = body.ToJsonString(Readable);
            Assert.DoesNotContain("Dana Asker", reply);
            Assert.DoesNotContain("recruited online", reply);
            Assert.Contains("no longer exists", reply); // the same words as for a question that does not exist
        }
        Assert.DoesNotContain(bot.Connector.All, a => a.ConversationId == asker && a.Card?.ToJsonString().Contains("evil.example") == true);
        Assert.Equal(1, bot.Connector.All.Count(a => a.ConversationId == asker && a.Type == "message")); // only "your question is posted"
    }
}
