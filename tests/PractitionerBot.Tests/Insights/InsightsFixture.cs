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
        {
            var sent = 0;
            foreach (var question in Answerable.Concat(Unanswerable))
            {
                await Host.PostActivityAsync(Message(member, question));
                await Connector.MessageAsync(member.Conversation, ++sent);
            }
        }
    }

    public JsonObject Message((string Conversation, string UserId, string Name) member, string text)
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
