using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Semantic;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.Tests.Knowledge.Semantic;

namespace PractitionerBot.Tests.Hosting;

/// <summary>Meaning beside words, through the real host: lexical at once, hybrid once the passages are embedded.</summary>
public sealed class HybridAnswerTests
{
    // Written the way a busy practitioner types it; it shares almost no words with the paper that answers it.
    private const string Informal = "im 22, running a small project against hate at uni, how do i get into european youth networks on this stuff";
    private const string ExpectedTitle = "Getting involved in RAN Young as an early-career practitioner or activist";

    [Fact]
    public async Task InformalQuestion_ThatWordsAloneMiss_IsAnsweredFromThePaperOnceHybrid()
    {
        var vectors = await SemanticModel.CorpusVectorsAsync();
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string>
        {
            ["Knowledge:Semantic:Enabled"] = "true",
            ["Knowledge:Semantic:VectorsPath"] = vectors,
        });
        var knowledge = host.Services.GetRequiredService<KnowledgeBase>();

        // Before meaning is on, or without it, the words alone do not find the paper.
        var lexical = new KnowledgeSearch(knowledge.Index!, host.Services.GetRequiredService<KnowledgeOptions>()).Ask(Informal);
        Assert.False(lexical.IsConfident && lexical.Best?.Passage.Title == ExpectedTitle, "the lexical search alone already answers this question");

        Assert.Equal(SearchMode.Hybrid, await knowledge.WhenSettled.WaitAsync(SignalledLog<int>.DefaultTimeout));
        var health = await host.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("hybrid", JsonNode.Parse(await health.Content.ReadAsStringAsync())!["mode"]!.GetValue<string>());

        var conversation = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, Informal));
        var card = Assert.IsType<JsonObject>((await connector.MessageAsync(conversation)).Card);
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        Assert.Contains(ExpectedTitle, card.ToJsonString());
        Assert.DoesNotContain("could not find", card.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ModelThatCannotLoad_StartsLexicalOnly_SaysSoOnce_AndHealthzIsReady()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Knowledge:Semantic:Enabled"] = "true" },
            configure: b => b.Services.AddSingleton<IEmbedderSource>(new UnloadableModel()));
        var knowledge = host.Services.GetRequiredService<KnowledgeBase>();

        Assert.Equal(SearchMode.Lexical, await knowledge.WhenSettled.WaitAsync(SignalledLog<int>.DefaultTimeout));
        var health = await host.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("lexical", JsonNode.Parse(await health.Content.ReadAsStringAsync())!["mode"]!.GetValue<string>());
        var warning = Assert.Single(host.Logs.Entries, e => e.EventId == 1020);
        Assert.Contains("answering from the lexical index only", warning.Message);

        var conversation = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "How do I set up a local network against radicalisation?"));
        Assert.Contains("Creating a local prevention network", (await connector.MessageAsync(conversation)).Card!.ToJsonString());
    }

    [Fact]
    public async Task SemanticDisabled_NeverLoadsTheModel_AndStaysLexical()
    {
        var source = new CountingSource();
        await using var host = await BotHost.StartAsync(configure: b => b.Services.AddSingleton<IEmbedderSource>(source));
        Assert.Equal(SearchMode.Lexical, await host.Services.GetRequiredService<KnowledgeBase>().WhenSettled.WaitAsync(SignalledLog<int>.DefaultTimeout));
        Assert.Equal(0, source.Loads);
        Assert.Contains("lexical", await host.Http.GetStringAsync("/healthz"));
    }

    /// <summary>What a machine without the ONNX Runtime native library does when the model is loaded.</summary>
    private sealed class UnloadableModel : IEmbedderSource
    {
        public ITextEmbedder Load(SemanticOptions options) => throw new DllNotFoundException("Unable to load shared library 'onnxruntime'");
    }

    private sealed class CountingSource : IEmbedderSource
    {
        public int Loads { get; private set; }

        public ITextEmbedder Load(SemanticOptions options)
        {
            Loads++;
            return PackagedModels.Instance.Load(options);
        }
    }
}
