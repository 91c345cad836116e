using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace PractitionerBot.Knowledge.Index;

/// <summary>
/// The one owner of the Lucene directory, analyzer, writer and searcher manager.
/// Searches go through <see cref="Search{T}"/>, which acquires and releases a searcher.
/// </summary>
public sealed class LuceneIndex : IDisposable
{
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly bool _searchInMemory;
    private SearcherManager _searchers;

    public static readonly Similarity Similarity = new BM25Similarity();

    private LuceneIndex(LuceneDirectory directory, bool searchInMemory)
    {
        _directory = directory;
        _searchInMemory = searchInMemory;
        var config = new IndexWriterConfig(PractitionerAnalyzer.Version, Analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = Similarity,
            RAMBufferSizeMB = 64,
        };
        _writer = new IndexWriter(directory, config);
        if (searchInMemory && !DirectoryReader.IndexExists(directory)) _writer.Commit();
        _searchers = NewSearchers();
    }

    public PractitionerAnalyzer Analyzer { get; } = new();

    /// <summary>
    /// Opens (or creates) an index on disk. The directory type is chosen explicitly: FSDirectory.Open
    /// would pick MMapDirectory on 64-bit Linux, many times slower under parallel search in 4.8 beta.
    /// With <paramref name="searchInMemory"/>, searches run on an in-memory copy of the last commit
    /// (refreshed at every commit): reading postings through file reads of 1 KB buffers cost about
    /// 60% of every search. The disk copy stays the durable one.
    /// </summary>
    public static LuceneIndex Open(string path, bool searchInMemory = true)
    {
        System.IO.Directory.CreateDirectory(path);
        return new LuceneIndex(new NIOFSDirectory(new DirectoryInfo(path)), searchInMemory);
    }

    public static LuceneIndex InMemory() => new(new RAMDirectory(), searchInMemory: false);

    /// <summary>Replaces every passage of the document (idempotent upsert by document id), analysed with <paramref name="analyzer"/> when given.</summary>
    public void Upsert(string documentId, IEnumerable<Lucene.Net.Documents.Document> passages, Lucene.Net.Analysis.Analyzer? analyzer = null) =>
        _writer.UpdateDocuments(new Term(IndexFields.DocumentId, documentId), passages, analyzer ?? Analyzer);

    public void Delete(string documentId) => _writer.DeleteDocuments(new Term(IndexFields.DocumentId, documentId));

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
    public void Commit(IDictionary<string, string>? userData = null, bool forceMerge = false)
    {
        if (forceMerge) _writer.ForceMerge(1);
        if (userData is not null) _writer.SetCommitData(userData);
        _writer.Commit();
        if (_searchInMemory)
        {
            // Searches in flight keep the previous copy until they release it.
            var previous = Interlocked.Exchange(ref _searchers, NewSearchers());
            previous.Dispose();
        }
        else _searchers.MaybeRefreshBlocking();
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
        SearcherManager searchers;
        IndexSearcher searcher;
        while (true)
        {
            searchers = Volatile.Read(ref _searchers);
            try
            {
                searcher = searchers.Acquire();
                break;
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(searchers, Volatile.Read(ref _searchers)))
            {
                // A commit swapped in a new copy between reading and acquiring: use the new one.
            }
        }
        try
        {
            return search(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        Analyzer.Dispose();
        _directory.Dispose();
    }

    private SearcherManager NewSearchers() => _searchInMemory
        ? new SearcherManager(new RAMDirectory(_directory, IOContext.READ_ONCE), new BM25SearcherFactory())
        : new SearcherManager(_writer, applyAllDeletes: true, new BM25SearcherFactory());

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }
}
