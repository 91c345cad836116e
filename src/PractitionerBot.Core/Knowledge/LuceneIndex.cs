using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace PractitionerBot.Knowledge;

/// <summary>
/// The one owner of the Lucene directory, analyzer, writer and searcher manager.
/// Searches go through <see cref="Search{T}"/>, which acquires and releases a searcher.
/// </summary>
public sealed class LuceneIndex : IDisposable
{
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;

    public static readonly Similarity Similarity = new BM25Similarity();

    private LuceneIndex(LuceneDirectory directory)
    {
        _directory = directory;
        var config = new IndexWriterConfig(PractitionerAnalyzer.Version, Analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = Similarity,
            RAMBufferSizeMB = 64,
        };
        _writer = new IndexWriter(directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new BM25SearcherFactory());
    }

    public PractitionerAnalyzer Analyzer { get; } = new();

    /// <summary>
    /// Opens (or creates) an index on disk. NIOFSDirectory explicitly: FSDirectory.Open would pick
    /// MMapDirectory on 64-bit Linux, which is many times slower under parallel search in 4.8 beta.
    /// </summary>
    public static LuceneIndex Open(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        return new LuceneIndex(new NIOFSDirectory(new DirectoryInfo(path)));
    }

    public static LuceneIndex InMemory() => new(new RAMDirectory());

    /// <summary>Replaces every passage of the document (idempotent upsert by document id).</summary>
    public void Upsert(string documentId, IEnumerable<Document> passages) =>
        _writer.UpdateDocuments(new Term(IndexFields.DocumentId, documentId), passages);

    public void Delete(string documentId) => _writer.DeleteDocuments(new Term(IndexFields.DocumentId, documentId));

    public void DeleteAll() => _writer.DeleteAll();

    public IReadOnlySet<string> DocumentIds()
    {
        return Search(searcher =>
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var terms = leaf.AtomicReader.GetTerms(IndexFields.DocumentId);
                if (terms is null) continue;
                var e = terms.GetEnumerator();
                while (e.MoveNext()) ids.Add(e.Term.Utf8ToString());
            }
            return ids;
        });
    }

    /// <summary>Commits once for a whole batch (commits fsync) and makes the changes searchable.</summary>
    public void Commit(IDictionary<string, string>? userData = null)
    {
        if (userData is not null) _writer.SetCommitData(userData);
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
    }

    public IDictionary<string, string> CommitData()
    {
        var infos = new SegmentInfos();
        try
        {
            infos.Read(_directory);
            return infos.UserData;
        }
        catch (IOException)
        {
            return new Dictionary<string, string>();
        }
    }

    public int PassageCount => Search(s => s.IndexReader.NumDocs - s.Search(new TermQuery(new Term(IndexFields.Kind, IndexFields.KindDocument)), 1).TotalHits);

    public T Search<T>(Func<IndexSearcher, T> search)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        Analyzer.Dispose();
        _directory.Dispose();
    }

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }
}
