using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Knowledge.Pdf;

/// <summary>A PDF paper in the corpus of the real host: the answer card cites its section and pages and opens the paper there.</summary>
public sealed class PdfCitationEndToEndTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private MockBotConnector _connector = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        // The embedded corpus beside the paper, so that the question's words weigh what they weigh in a real library.
        var corpus = Directory.CreateDirectory(Path.Combine(_dir.Path, "corpus")).FullName;
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Corpus)) File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        await File.WriteAllBytesAsync(Path.Combine(corpus, "liaison.pdf"), PaperPdfWriter.Write(RanPapers.Liaison(), PaperStyle.All[0]));
        await File.WriteAllTextAsync(Path.Combine(corpus, "liaison.pdf.meta.yaml"),
            "workingGroups: [local]\nyear: 2026\nsource:\n  url: https://example.org/papers/liaison.pdf\n");
        _connector = await MockBotConnector.StartAsync();
        _host = await BotHost.StartAsync(new Dictionary<string, string> { ["Knowledge:CorpusPath"] = corpus });
    }

    [Fact]
    public async Task Question_AboutASectionOfAPdf_CitesSectionAndPagesAndOpensThePaperAtThatPage()
    {
        var conversation = BotFixture.NewConversation();
        await _host.PostActivityAsync(Activities.TeamsMessage(_connector.ServiceUrl, conversation, RanPapers.RotaQuestion));

        var card = Assert.IsType<JsonObject>((await _connector.MessageAsync(conversation)).Card);
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var texts = card["body"]!.AsArray().OfType<JsonObject>().Select(e => e["text"]?.GetValue<string>() ?? "").ToList();
        var citation = Assert.Single(texts, t => t.StartsWith(RanPapers.RotaHeading + ", p. ", StringComparison.Ordinal));
        var page = int.Parse(citation[(RanPapers.RotaHeading + ", p. ").Length..].TakeWhile(char.IsDigit).ToArray(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("community officer", texts[3]);
        var open = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        Assert.Equal($"https://example.org/papers/liaison.pdf#page={page}", open["url"]!.GetValue<string>());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        _dir.Dispose();
    }
}
