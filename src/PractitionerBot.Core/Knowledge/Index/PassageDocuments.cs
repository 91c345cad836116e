using Lucene.Net.Documents;
using Lucene.Net.Util;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Index;

/// <summary>Maps passages to Lucene documents and back.</summary>
internal static class PassageDocuments
{
    public static Document ToLucene(Passage passage)
    {
        var d = passage.Document;
        var doc = new Document
        {
            new StringField(IndexFields.PassageId, passage.Id, Field.Store.YES),
            new StringField(IndexFields.DocumentId, d.Id, Field.Store.YES),
            new SortedDocValuesField(IndexFields.DocumentId, new BytesRef(d.Id)),
            new TextField(IndexFields.Title, d.Title, Field.Store.YES),
            new TextField(IndexFields.Title, d.Summary ?? "", Field.Store.NO),
            new TextField(IndexFields.Section, passage.Section, Field.Store.YES),
            new TextField(IndexFields.Body, passage.Text, Field.Store.YES),
            new StringField(IndexFields.Type, d.Type, Field.Store.YES),
            new StringField(IndexFields.Language, d.Language, Field.Store.YES),
            new StoredField(IndexFields.SourceTitle, d.Source.Title),
            new StringField(IndexFields.Kind, IsReferenceList(passage.Section) ? IndexFields.KindReference : IndexFields.KindPassage, Field.Store.NO),
        };
        foreach (var group in d.WorkingGroups) doc.Add(new StringField(IndexFields.WorkingGroups, group, Field.Store.YES));
        if (d.Year is { } year) doc.Add(new Int32Field(IndexFields.Year, year, Field.Store.YES));
        if (d.Source.Year is { } sourceYear) doc.Add(new StoredField(IndexFields.SourceYear, sourceYear));
        if (d.Source.Url is { } url) doc.Add(new StoredField(IndexFields.SourceUrl, url));
        if (passage.Page is { } page) doc.Add(new StoredField(IndexFields.Page, page));
        if (passage.LastPage is { } lastPage && lastPage != passage.Page) doc.Add(new StoredField(IndexFields.LastPage, lastPage));
        return doc;
    }

    /// <summary>
    /// One record per document with its whole text, so that a question whose words are spread over
    /// several sections still finds the document; its score is blended with the best passage's.
    /// </summary>
    public static Document DocumentRecord(CorpusDocument d)
    {
        var doc = new Document
        {
        new StringField(IndexFields.PassageId, d.Id + "#doc", Field.Store.YES),
        new StringField(IndexFields.DocumentId, d.Id, Field.Store.YES),
        new SortedDocValuesField(IndexFields.DocumentId, new BytesRef(d.Id)),
        new StringField(IndexFields.Kind, IndexFields.KindDocument, Field.Store.NO),
        new TextField(IndexFields.DocTitle, d.Title + "\n" + (d.Summary ?? ""), Field.Store.NO),
        new TextField(IndexFields.DocBody, d.Title + "\n\n" + string.Join("\n\n", d.Sections.Select(s => s.Heading + "\n" + s.Text)), Field.Store.NO),
        };
        foreach (var group in d.WorkingGroups) doc.Add(new StringField(IndexFields.WorkingGroups, group, Field.Store.NO));
        return doc;
    }

    /// <summary>Lists of papers read well as citations but badly as answers: they are found through the document record only.</summary>
    public static bool IsReferenceList(string heading) =>
        heading.Contains("further reading", StringComparison.OrdinalIgnoreCase)
        || heading.Equals("references", StringComparison.OrdinalIgnoreCase)
        || heading.Equals("sources", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads every passage record of the index (not the whole-document records), in index order.</summary>
    public static void ForEach(LuceneIndex index, Action<StoredPassage> visit) => index.Search(searcher =>
    {
        var reader = searcher.IndexReader;
        var live = Lucene.Net.Index.MultiFields.GetLiveDocs(reader);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc)) continue;
            var stored = searcher.Doc(doc);
            if (stored.Get(IndexFields.Body) is not null) visit(FromLucene(stored));
        }
        return 0;
    });

    public static StoredPassage FromLucene(Document doc) => new(
        doc.Get(IndexFields.PassageId),
        doc.Get(IndexFields.DocumentId),
        doc.Get(IndexFields.Title),
        doc.Get(IndexFields.Section) ?? "",
        doc.Get(IndexFields.Body) ?? "",
        doc.GetValues(IndexFields.WorkingGroups) ?? [],
        doc.GetField(IndexFields.Year)?.GetInt32Value(),
        doc.Get(IndexFields.Type),
        new SourceReference(
            doc.Get(IndexFields.SourceTitle) ?? doc.Get(IndexFields.Title),
            doc.GetField(IndexFields.SourceYear)?.GetInt32Value(),
            null,
            doc.Get(IndexFields.SourceUrl)),
        doc.GetField(IndexFields.Page)?.GetInt32Value())
    {
        LastPage = doc.GetField(IndexFields.LastPage)?.GetInt32Value() ?? doc.GetField(IndexFields.Page)?.GetInt32Value(),
        Language = doc.Get(IndexFields.Language) ?? "en",
    };
}

/// <summary>A passage as stored in the index.</summary>
public sealed record StoredPassage(
    string Id,
    string DocumentId,
    string Title,
    string Section,
    string Text,
    IReadOnlyList<string> WorkingGroups,
    int? Year,
    string Type,
    SourceReference Source,
    int? Page)
{
    /// <summary>The page the passage ends on (its first page when it does not run over a break).</summary>
    public int? LastPage { get; init; }
    /// <summary>The language of the paper: its passages are analysed (and highlighted) in it.</summary>
    public string Language { get; init; } = "en";
}
