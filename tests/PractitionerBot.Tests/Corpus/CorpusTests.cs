using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Tests.Corpus;

/// <summary>The embedded corpus in index/corpus: the quality bar every document must meet.</summary>
public sealed class CorpusTests
{
    private static readonly WorkingGroupDirectory Groups = WorkingGroupDirectory.Load(RepoPaths.WorkingGroups);
    private static readonly CorpusLoadResult Corpus = new CorpusLoader(Groups.Ids).Load(RepoPaths.Corpus);

    [Fact]
    public void EveryFile_HasValidFrontMatterAndKnownWorkingGroups() =>
        Assert.Empty(Corpus.Skipped.Select(s => $"{Path.GetFileName(s.Path)}: {s.Reason}"));

    [Fact]
    public void Corpus_HasAtLeast100Documents() => Assert.True(Corpus.Documents.Count >= 100, $"{Corpus.Documents.Count} documents");

    [Fact]
    public void IdsAndTitles_AreUniqueAndIdsMatchFileNames()
    {
        Assert.Empty(Corpus.Documents.GroupBy(d => d.Title, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key));
        var files = Directory.GetFiles(RepoPaths.Corpus, "*.md").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Empty(Corpus.Documents.Where(d => !files.Contains(d.Id)).Select(d => d.Id));
    }

    [Fact]
    public void EveryDocument_IsBetween300And1200Words() =>
        Assert.Empty(Corpus.Documents.Where(d => d.WordCount is < 300 or > 1200).Select(d => $"{d.Id}: {d.WordCount} words"));

    [Fact]
    public void EveryDocument_HasHeadingsAndFurtherReading() =>
        Assert.Empty(Corpus.Documents
            .Where(d => d.Sections.Count < 3 || !d.Sections.Any(s => s.Heading.Contains("Further reading", StringComparison.OrdinalIgnoreCase)))
            .Select(d => d.Id));

    [Fact]
    public void EveryWorkingGroup_HasAtLeastEightDocuments()
    {
        var counts = Groups.All.ToDictionary(g => g.Id, g => Corpus.Documents.Count(d => d.WorkingGroups.Contains(g.Id)));
        Assert.Empty(counts.Where(c => c.Value < 8).Select(c => $"{c.Key}: {c.Value}"));
    }

    [Fact]
    public void NoTwoDocuments_AreNearDuplicates()
    {
        // Share of 6-word runs two documents have in common (Jaccard); independent texts stay far below 0.2.
        var shingles = Corpus.Documents.ToDictionary(d => d.Id, d => Shingles(string.Join(' ', d.Sections.Select(s => s.Text))));
        var pairs = new List<string>();
        var ids = shingles.Keys.ToList();
        for (var i = 0; i < ids.Count; i++)
            for (var j = i + 1; j < ids.Count; j++)
            {
                var a = shingles[ids[i]];
                var b = shingles[ids[j]];
                var overlap = (double)a.Count(b.Contains) / (a.Count + b.Count - a.Count(b.Contains));
                if (overlap > 0.2) pairs.Add($"{ids[i]} ~ {ids[j]}: {overlap:F2}");
            }
        Assert.Empty(pairs);
    }

    [Fact]
    public void WorkingGroupProfiles_CoverTheTenGroupsInFourLanguages()
    {
        Assert.Equal(["communication-narratives", "education", "exit", "health-social-care", "local", "police", "prison-probation",
            "ran-young", "remembrance-victims", "youth-families-communities"], Groups.All.Select(g => g.Id).Order());
        Assert.All(Groups.All, g =>
        {
            Assert.All(new[] { "en", "fr", "de", "nl" }, lang => Assert.False(string.IsNullOrWhiteSpace(g.Names.GetValueOrDefault(lang))));
            Assert.True(g.Keywords.Count >= 20 && g.Phrases.Count >= 10 && g.TypicalQuestions.Count >= 3, g.Id);
            Assert.False(string.IsNullOrWhiteSpace(g.Covers));
        });
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = text.ToLowerInvariant().Split((char[])[' ', '\n', '\t', ',', '.', ';', ':', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        var set = new HashSet<string>();
        for (var i = 0; i + 6 <= words.Length; i++) set.Add(string.Join(' ', words, i, 6));
        return set;
    }
}
