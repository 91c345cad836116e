using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Evaluation;

/// <summary>
/// The textbook baseline: whole documents, title and text in one field, Lucene's EnglishAnalyzer,
/// BM25 with default parameters, every query word a SHOULD clause (what Anserini calls "flat").
/// Evaluation runs it next to the bot's pipeline so both are measured on the same machine and data.
/// </summary>
public static class PlainBm25
{
    public static Dictionary<string, IReadOnlyList<string>> Rank(IReadOnlyList<CorpusDocument> documents, IReadOnlyDictionary<string, string> queries, int depth = 10)
    {
        using var directory = new RAMDirectory();
        using var analyzer = new EnglishAnalyzer(PractitionerAnalyzer.Version);
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(PractitionerAnalyzer.Version, analyzer) { Similarity = LuceneIndex.Similarity }))
        {
            foreach (var d in documents)
                writer.AddDocument(new Document
                {
                    new StringField("id", d.Id, Field.Store.YES),
                    new TextField("contents", d.Title + "\n" + string.Join("\n", d.Sections.Select(s => s.Text)), Field.Store.NO),
                });
        }
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = LuceneIndex.Similarity };
        var ranked = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (id, text) in queries)
        {
            var query = new BooleanQuery();
            foreach (var term in QueryTerms.Analyze(analyzer, "contents", text).Distinct())
                query.Add(new TermQuery(new Term("contents", term)), Occur.SHOULD);
            ranked[id] = query.Clauses.Count == 0 ? [] : searcher.Search(query, depth).ScoreDocs.Select(sd => searcher.Doc(sd.Doc).Get("id")).ToList();
        }
        return ranked;
    }
}
