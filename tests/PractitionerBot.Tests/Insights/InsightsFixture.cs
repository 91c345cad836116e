using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Insights;

/// <summary>
/// The scenario: three members each ask six questions through /api/messages (three the papers answer, three they
/// do not), 18 in all, on a bot with an Admin API key and Prometheus scraping on.
/// </summary>
public sealed class InsightsFixture : IAsyncLifetime
{
    public const string ReaderKey = "reader-key-0123456789abcdef";
    public const string PublisherKey = "publisher-key-0123456789abcdef";

    public static readonly string[] Answerable =
    [
        "How do I set up a local network against radicalisation?",
        "Which risk assessment tools exist for returnees?",
        "What replaced RAN in 2024? The EU Knowledge Hub on Prevention of Radicalisation",
    ];

    public static readonly string[] Unanswerable =
    [
        "best recipe for lasagne with spinach",
        "Can Jan Peeters at jan.peeters@example.org or +32 470 12 34 56 share pizza dough tips?",
        "how to repair a bicycle chain that keeps slipping",
    ];

    public static readonly (string Conversation, string UserId, string Name)[] Members =
    [
        ("a:insights-amal", "29:amal-0001", "Amal Haddad"),
        ("a:insights-bram", "29:bram-0002", "Bram Janssens"),
        ("a:insights-chloe", "29:chloe-0003", "Chloé Martin"),
    ];

    public MockBotConnector Connector { get; private set; } = null!;
    public BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await MockBotConnector.StartAsync();
        Host = await BotHost.StartAsync(new Dictionary<string, string>
        {
            ["Admin:ApiKeys:0:Key"] = ReaderKey, ["Admin:ApiKeys:0:Role"] = "reader",
            ["Admin:ApiKeys:1:Key"] = PublisherKey, ["Admin:ApiKeys:1:Role"] = "publisher",
            ["Telemetry:Prometheus"] = "true",
        });
        foreach (var member in Members)
            foreach (var question in Answerable.Concat(Unanswerable))
                await SayAsync(member, question);
        await FeedbackAndPeersAndAnnouncementAsync();
    }

    private readonly Dictionary<string, int> _sent = [];

    private async Task<ReceivedActivity> SayAsync((string Conversation, string UserId, string Name) member, string? text, JsonObject? value = null)
    {
        var activity = Message(member, text);
        activity["value"] = value;
        await Host.PostActivityAsync(activity);
        _sent[member.Conversation] = _sent.GetValueOrDefault(member.Conversation) + 1;
        return await Connector.MessageAsync(member.Conversation, _sent[member.Conversation]);
    }

    /// <summary>The rest of what coordinators see, through the same surfaces: a "Not helpful", two peer questions (one answered), an announcement.</summary>
    private async Task FeedbackAndPeersAndAnnouncementAsync()
    {
        var first = Connector.All.First(a => a.ConversationId == Members[0].Conversation && a.Card is not null).Card!;
        var notHelpful = first["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Not helpful")!["data"]!.AsObject();
        await SayAsync(Members[0], null, (JsonObject)notHelpful.DeepClone());

        const string channel = "19:insights-local@thread.tacv2";
        await Host.PostActivityAsync(Activities.ChannelMessage(Connector.ServiceUrl, channel, "link local"));
        await Connector.MessageAsync($"{channel};messageid=1700000000000");
        await SayAsync(Members[0], null, new JsonObject
        {
            ["action"] = "postPeerQuestion", ["group"] = "local", ["question"] = "How do you keep a mayor committed after an election?", ["anonymous"] = "true",
        });
        var posted = await Connector.MessageAsync(channel);
        var questionId = posted.Card!["actions"]!.AsArray().Single()!["data"]!["questionId"]!.GetValue<string>();
        await Host.InvokeAsync(Activities.Execute(Connector.ServiceUrl, channel, "peerAnswer",
            new JsonObject { ["questionId"] = questionId, ["answer"] = "Brief every new council group within a month." }));
        _sent[Members[0].Conversation]++;
        await Connector.MessageAsync(Members[0].Conversation, _sent[Members[0].Conversation]);
        await SayAsync(Members[1], null, new JsonObject
        {
            ["action"] = "postPeerQuestion", ["group"] = "local", ["question"] = "Who funds youth mentors in small towns?", ["anonymous"] = "true",
        });

        foreach (var member in Members) await SayAsync(member, "follow local");
        var created = await Announcements.AnnouncementEndToEndTests.Api(Host, HttpMethod.Post, "/api/announcements", PublisherKey,
            Announcements.AnnouncementEndToEndTests.Event(AnnouncementTitle));
        AnnouncementId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        await Announcements.AnnouncementEndToEndTests.Api(Host, HttpMethod.Post, $"/api/announcements/{AnnouncementId}/publish", PublisherKey);
        await Eventually.Until(async () => JsonNode.Parse(await (await Announcements.AnnouncementEndToEndTests.Api(Host, HttpMethod.Get,
                $"/api/announcements/{AnnouncementId}", ReaderKey)).Content.ReadAsStringAsync())!["delivery"]!["delivered"]!.GetValue<int>(),
            delivered => delivered == Members.Length + 1, TimeSpan.FromSeconds(60));
    }

    public const string AnnouncementTitle = "Local strategies meeting";

    public string AnnouncementId { get; private set; } = "";

    public JsonObject Message((string Conversation, string UserId, string Name) member, string? text)
    {
        var activity = Activities.TeamsMessage(Connector.ServiceUrl, member.Conversation, text);
        activity["from"] = new JsonObject { ["id"] = member.UserId, ["name"] = member.Name, ["aadObjectId"] = "aad-" + member.UserId };
        return activity;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
