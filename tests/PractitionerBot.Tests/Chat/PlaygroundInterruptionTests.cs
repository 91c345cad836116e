using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Chat;

/// <summary>
/// Interruptions with Microsoft's local Teams client: a new member asks before answering the privacy prompt; a command or a
/// question at a choice, a multiple choice, a free-text and a confirm step of onboarding and of the announce flow; commands in
/// four languages; "announce" right after "which group is for me".
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundInterruptionTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Onboarding_ThenAnnounce_AnsweringQuestionsAndCommandsAtEveryKindOfStep()
    {
        // A member typing this fast would meet the turn limit (Chat:TurnsPerMinute); this test is about flows.
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Chat:TurnsPerMinute"] = "200" });
        await using var teams = await Playground.StartAsync(host.MessagesEndpoint);
        var chat = teams.PersonalChat;
        var seen = 0;

        async Task<List<string>> Say(string text, int replies = 1)
        {
            await teams.SendAsync(chat, "user-id-0", text);
            var result = new List<string>();
            for (var i = 0; i < replies; i++)
            {
                var message = await teams.NthAsync(chat, ++seen);
                if (message.Card() is { } card) Assert.Empty(await CardValidator.ErrorsAsync(card));
                result.Add(message.Text() + message.Card()?.ToJsonString(Readable));
            }
            return result;
        }

        await teams.InstallAsync(chat);
        Assert.Contains("skip", (await teams.NthAsync(chat, ++seen)).Text());
        Assert.Contains("Your privacy", (await teams.NthAsync(chat, ++seen)).Card()!.ToJsonString(Readable));

        // Confirm step: the question the member came with is answered, then the privacy prompt comes again.
        var first = await Say("How do I set up a local network against radicalisation?", 2);
        Assert.Contains("\"action\":\"feedback\"", first[0]);
        Assert.Contains("Back to setting up your profile:", first[1]);
        Assert.Contains("Your privacy", first[1]);
        Assert.Contains("\"step\":\"role\"", (await Say("yes"))[0]);

        // Choice step: a command in German.
        var atRole = await Say("Gruppen", 2);
        Assert.Contains("Communication and Narratives", atRole[0]);
        Assert.Contains("\"step\":\"role\"", atRole[1]);
        Assert.Contains("\"step\":\"country\"", (await Say("Teacher"))[0]);
        Assert.Contains("\"step\":\"city\"", (await Say("Belgium"))[0]);

        // Free-text step: a command in Dutch, then a question.
        var atCity = await Say("groepen", 2);
        Assert.Contains("Communication and Narratives", atCity[0]);
        Assert.Contains("\"step\":\"city\"", atCity[1]);
        var question = await Say("What should I do when a pupil shares extremist memes in class?", 2);
        Assert.DoesNotContain("\"dialog\"", question[0]);
        Assert.Contains("Back to setting up your profile:", question[1]);
        Assert.Contains("\"step\":\"topics\"", (await Say("Ghent"))[0]);

        // Multiple choice: a command in French.
        var atTopics = await Say("mes groupes", 2);
        Assert.Contains("You do not follow", atTopics[0]);
        Assert.Contains("\"step\":\"topics\"", atTopics[1]);
        Assert.Contains("\"step\":\"language\"", (await Say("online extremism"))[0]);
        var follow = await Say("English", 2);
        Assert.Contains("\"step\":\"follow\"", follow[1]);
        await Say("1", 2); // the summary card and the help text

        // "announce" right after "which group is for me" starts the announcement.
        Assert.Contains("Tell me in a sentence", (await Say("which group is for me?"))[0]);
        Assert.Contains("\"step\":\"kind\"", (await Say("announce"))[0]);

        // Announce, choice step: a question.
        var atKind = await Say("What risk assessment tools exist for returnees?", 2);
        Assert.DoesNotContain("\"dialog\"", atKind[0]);
        Assert.Contains("Back to your announcement:", atKind[1]);
        Assert.Contains("\"step\":\"title\"", (await Say("event"))[0]);

        // Free text: a command.
        var atTitle = await Say("groups", 2);
        Assert.Contains("Communication and Narratives", atTitle[0]);
        Assert.Contains("\"step\":\"title\"", atTitle[1]);
        Assert.Contains("\"step\":\"groups\"", (await Say("Study visit to Aarhus"))[0]);

        // Multiple choice: a command.
        var atGroups = await Say("profile", 2);
        Assert.Contains("Ghent", atGroups[0]);
        Assert.Contains("\"step\":\"groups\"", atGroups[1]);
        Assert.Contains("\"step\":\"event-type\"", (await Say("local"))[0]);
        await Say("study visit");
        await Say("2031-03-10 09:30");
        await Say("2031-03-10 17:00");
        await Say("Aarhus");
        await Say("https://example.org/visit");
        await Say("skip");
        var preview = await Say("skip", 2);
        Assert.Contains("Study visit to Aarhus", preview[0]);
        Assert.Contains("\"step\":\"confirm\"", preview[1]);

        // Confirm: a command in French, then "no".
        var atConfirm = await Say("groupes", 2);
        Assert.Contains("Communication and Narratives", atConfirm[0]);
        Assert.Contains("\"step\":\"confirm\"", atConfirm[1]);
        Assert.Contains("Kept as a draft", (await Say("no"))[0]);

        // "forget me" in French asks first; "non" keeps everything.
        Assert.Contains("\"dialog\":\"forget\"", (await Say("oublie-moi"))[0]);
        Assert.Contains("Nothing was erased", (await Say("non"))[0]);
    }
}
