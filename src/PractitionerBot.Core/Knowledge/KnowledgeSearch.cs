using Lucene.Net.Index;
using Lucene.Net.Search;
using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Translation;

namespace PractitionerBot.Knowledge;

/// <summary>
/// The retrieval pipeline: analyse, build a weighted query over title, section and body with a
/// phrase-proximity bonus, search, keep one passage per document, then score confidence and
/// highlight. Used by the bot, the CLI's ask/eval and the benchmarks alike. A French, German or Dutch question is
/// first carried over to English by the <see cref="QueryTranslator"/>, each of its words a concept of English alternatives.
/// </summary>
public sealed class KnowledgeSearch(LuceneIndex index, KnowledgeOptions options, QueryTranslator? translator = null) : IKnowledgeSearch
{
    /// <summary>A question as the search reads it: cut to the analysed length, its language, and its English concepts when it is French, German or Dutch.</summary>
    /// <param name="Text">What is searched: cut to the analysed length, and for an English question spelt out and corrected (<see cref="SpellingCorrector"/>).</param>
    public sealed record ReadQuestion(string Question, string Text, string? Language, TranslatedQuestion? Translated)
    {
        /// <summary>What the dense side embeds: the question in English words (the model reads English).</summary>
        public string English => Translated?.English ?? Text;
    }

    /// <summary>How often the papers use each word, and the spelling corrector made from it: for reading questions.</summary>
    private sealed record Reading(Dictionary<string, int> PapersWords, SpellingCorrector Spelling)
    {
        public int Uses(string word) => PapersWords.GetValueOrDefault(word);
    }

    private readonly Lazy<Reading?> _reading = new(() =>
    {
        if (translator is null) return null;
        var words = SpellingCorrector.CountWords(index);
        return new Reading(words, new SpellingCorrector(words, translator.IsEnglishWord));
    });

    /// <summary>Counts the papers' words for reading questions now rather than at the first question (the bot does so at start-up).</summary>
    public void PrepareReading() => _ = _reading.Value;

    /// <summary>Detects the language and translates once; <see cref="Ask(ReadQuestion, int, string?, Semantic.DenseRanking?)"/> takes the result.</summary>
    public ReadQuestion Read(string question)
    {
        question ??= "";
        var text = Cut(question);
        var language = translator?.Detect(text);
        var reading = translator is null ? null : _reading.Value;
        var translated = translator?.Translate(text, language, reading is null ? null : reading.Uses);
        if (translated is null && reading is not null) text = reading.Spelling.Correct(text);
        return new ReadQuestion(question, text, language, translated);
    }

    private static string Cut(string question) => question.Length > QueryTerms.MaxAnalysedChars ? question[..QueryTerms.MaxAnalysedChars] : question;

    public KnowledgeAnswer Ask(string question, int top = 3, string? workingGroup = null) => Ask(Read(question), top, workingGroup, dense: null);

    /// <summary>
    /// With <paramref name="dense"/>, the documents it ranks join the lexical candidates, the two document
    /// rankings are fused, and each document is represented by its passage closest in meaning to the question.
    /// </summary>
    internal KnowledgeAnswer Ask(ReadQuestion read, int top, string? workingGroup, Semantic.DenseRanking? dense)
    {
        var (question, text, language, translated) = read;
        var answer = translated is null ? Search(question, QueryTerms.Analyze(index.Analyzer, IndexFields.Body, Synonyms.Expand(text)), null, top, workingGroup, dense)
            : Search(question, null, translated, top, workingGroup, dense);
        return answer with { Language = language, Translation = translated, Corrected = translated is null && text != Cut(question) ? text : null };
    }

    private KnowledgeAnswer Search(string question, List<string>? englishTerms, TranslatedQuestion? translated, int top, string? workingGroup,
        Semantic.DenseRanking? dense)
    {
        if (englishTerms is { Count: 0 } || translated is { Concepts.Count: 0 }) return KnowledgeAnswer.Empty(question, KnowledgeStatus.NoTerms);
        top = Math.Clamp(top, 1, 50);

        return index.Search(searcher =>
        {
            var reader = searcher.IndexReader;
            var docCount = Math.Max(1, reader.NumDocs);
            var terms = englishTerms is not null ? WeighTerms(reader, englishTerms, docCount) : WeighConcepts(reader, translated!, docCount);
            if (terms.Count == 0) return KnowledgeAnswer.Empty(question, KnowledgeStatus.NoTerms);
            var analysed = englishTerms ?? [];
            // 1. Rank whole documents, so a question whose words are spread over several sections
            //    still finds its document; this also bounds the passage search to a few documents.
            var documentTop = searcher.Search(Filter(BuildDocumentQuery(terms), workingGroup), CandidateDocuments);
            if (documentTop.ScoreDocs.Length == 0 && dense is null) return new KnowledgeAnswer(question, [], 0, false, KnowledgeStatus.Ok);
            var maxDocument = documentTop.ScoreDocs.Length == 0 ? 1 : documentTop.ScoreDocs[0].Score;
            var documentScores = new Dictionary<string, double>(StringComparer.Ordinal);
            var documentRecords = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var sd in documentTop.ScoreDocs)
            {
                var id = DocumentIdOf(reader, sd.Doc);
                documentScores.TryAdd(id, sd.Score / maxDocument);
                documentRecords.TryAdd(id, sd.Doc);
            }
            IEnumerable<string> searched = dense is null ? documentScores.Keys : documentScores.Keys.Union(dense.Documents.Select(d => d.DocumentId)).ToList();

            // 2. The best passages inside those documents, with a phrase-proximity bonus for the first ones.
            var passageTop = searcher.Search(WithinDocuments(BuildPassageQuery(terms), searched), MaxPassages);
            if (passageTop.ScoreDocs.Length == 0 && dense is null) return new KnowledgeAnswer(question, [], 0, false, KnowledgeStatus.Ok);
            // Word order does not survive translation (une approche globale = a comprehensive approach): phrases are for English questions.
            if (passageTop.ScoreDocs.Length > 0 && englishTerms is not null && BuildPhraseQuery(terms, analysed) is { } phrases)
                passageTop = QueryRescorer.Rescore(searcher, passageTop, phrases, options.PhraseBoost, passageTop.ScoreDocs.Length);

            // 3. One passage per document, ranked by its own score blended with its document's.
            var maxPassage = passageTop.ScoreDocs.Length == 0 ? 1 : passageTop.ScoreDocs[0].Score;
            var candidates = new List<(int Doc, float Score, double Blended, string DocumentId)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sd in passageTop.ScoreDocs)
            {
                var documentId = DocumentIdOf(reader, sd.Doc);
                if (!seen.Add(documentId)) continue;
                candidates.Add((sd.Doc, sd.Score, sd.Score / maxPassage + options.DocumentWeight * documentScores.GetValueOrDefault(documentId), documentId));
            }
            var lexical = candidates.OrderByDescending(c => c.Blended).ToList();
            var hits = dense is null
                ? lexical.Take(top).Select(c => Highlight(PassageDocuments.FromLucene(searcher.Doc(c.Doc)), c.Score, terms)).ToList()
                : Fused(searcher, lexical.Select(c => (c.Doc, c.Score, c.DocumentId)).ToList(), dense, top, terms);
            if (hits.Count == 0) return new KnowledgeAnswer(question, [], 0, false, KnowledgeStatus.Ok);
            var bestRecord = documentRecords.TryGetValue(hits[0].Passage.DocumentId, out var record) ? record : DocumentRecordOf(searcher, hits[0].Passage.DocumentId);
            var evidence = bestRecord is { } r ? Evidence(reader, terms, hits[0], r) : default;
            var confidence = evidence.Of(options.ConfidenceMeasure);
            var semantic = dense is null ? null : new Semantic.SemanticEvidence(hits[0].Cosine ?? 0,
                lexical.FindIndex(c => c.DocumentId == hits[0].Passage.DocumentId) is var l and >= 0 ? l + 1 : null,
                dense.RankOf(hits[0].Passage.DocumentId));
            return new KnowledgeAnswer(question, hits, confidence, confidence >= options.MinConfidence, KnowledgeStatus.Ok, evidence, semantic);
        });
    }

    /// <summary>
    /// Documents in the fused order; each shown by its lexical best passage or its passage closest in meaning,
    /// whichever is closer in meaning to the question.
    /// </summary>
    private List<AnswerHit> Fused(IndexSearcher searcher, List<(int Doc, float Score, string DocumentId)> lexical,
        Semantic.DenseRanking dense, int top, List<WeightedTerm> terms)
    {
        var byDocument = lexical.ToDictionary(c => c.DocumentId, StringComparer.Ordinal);
        var hits = new List<AnswerHit>(top);
        foreach (var documentId in dense.Fuse(lexical.Select(c => c.DocumentId).ToList()).Take(top))
        {
            var hasLexical = byDocument.TryGetValue(documentId, out var lex);
            var lexicalPassage = hasLexical ? PassageDocuments.FromLucene(searcher.Doc(lex.Doc)) : null;
            var lexicalCosine = lexicalPassage is null ? null : dense.Cosine(lexicalPassage.Id);
            var closest = dense.Of(documentId);
            var passage = closest is not null && (lexicalPassage is null || closest.Cosine > (lexicalCosine ?? float.MinValue))
                ? PassageById(searcher, closest.PassageId)
                : lexicalPassage;
            if (passage is null) continue;
            var hit = Highlight(passage, passage.Id == lexicalPassage?.Id ? lex.Score : 0, terms);
            hits.Add(hit with { Cosine = passage.Id == closest?.PassageId ? closest.Cosine : lexicalCosine });
        }
        return hits;
    }

    private static StoredPassage? PassageById(IndexSearcher searcher, string passageId)
    {
        var top = searcher.Search(new TermQuery(new Term(IndexFields.PassageId, passageId)), 1);
        return top.ScoreDocs.Length == 0 ? null : PassageDocuments.FromLucene(searcher.Doc(top.ScoreDocs[0].Doc));
    }

    private static int? DocumentRecordOf(IndexSearcher searcher, string documentId)
    {
        var top = searcher.Search(new TermQuery(new Term(IndexFields.PassageId, documentId + "#doc")), 1);
        return top.ScoreDocs.Length == 0 ? null : top.ScoreDocs[0].Doc;
    }

    /// <summary>The analysed terms of a text, as the index sees them.</summary>
    public IReadOnlyList<string> Terms(string text) => QueryTerms.Analyze(index.Analyzer, IndexFields.Body, text);

    /// <summary>A bare term query over the body: the benchmark baseline.</summary>
    public int BareTermSearch(string term, int top = 10) =>
        index.Search(s => s.Search(new TermQuery(new Term(IndexFields.Body, term)), top).TotalHits);

    /// <summary>A question word as searched: the term itself, or (a translated word) its English alternatives, one or more terms each.</summary>
    internal sealed record WeightedTerm(string Text, double Idf, bool Known)
    {
        public IReadOnlyList<string[]>? Alternatives { get; init; }

        public IEnumerable<string> AllTerms => Alternatives?.SelectMany(a => a) ?? [Text];

        public bool FoundIn(Func<string, bool> has) => Alternatives is null ? has(Text) : Alternatives.Any(a => a.All(has));
    }

    private static double Idf(IndexReader reader, string text, int docCount)
    {
        var df = reader.DocFreq(new Term(IndexFields.Body, text)) + reader.DocFreq(new Term(IndexFields.Title, text));
        return df == 0 ? -1 : Math.Log(1 + (docCount - df + 0.5) / (df + 0.5));
    }

    /// <summary>
    /// The concepts of a translated question, weighed as the English words are. A concept counts with its most common
    /// alternative's weight (the plainest reading), and only alternatives the papers use are searched.
    /// </summary>
    private List<WeightedTerm> WeighConcepts(IndexReader reader, TranslatedQuestion translated, int docCount)
    {
        var weighted = new List<WeightedTerm>();
        foreach (var concept in translated.Concepts)
        {
            var english = concept.English.Select(e => QueryTerms.Analyze(index.Analyzer, IndexFields.Body, e).ToArray()).Where(a => a.Length > 0).ToList();
            // Every rendering is an English stop word: a function word the source language's list lacks.
            if (concept.Translated && english.Count == 0) continue;
            var alternatives = english.Append(concept.NativeTerms.ToArray()).Where(a => a.Length > 0)
                .DistinctBy(a => string.Join(' ', a)).ToList();
            var known = alternatives.Select(a => (Terms: a, Idf: a.Max(t => Idf(reader, t, docCount)), Known: a.All(t => Idf(reader, t, docCount) >= 0)))
                .Where(a => a.Known).ToList();
            if (known.Count == 0)
            {
                // Like an unknown English word: matched approximately, at a discount.
                var text = english.Count > 0 ? english[0][0] : concept.NativeTerms.Count > 0 ? concept.NativeTerms[0] : concept.Surface.ToLowerInvariant();
                var weight = Math.Log(1 + (docCount + 0.5) / 0.5);
                weighted.Add(new WeightedTerm(text, concept.Translated ? weight : weight * options.UntranslatedWeight, false));
            }
            else if (known.Count == 1 && known[0].Terms.Length == 1) weighted.Add(new WeightedTerm(known[0].Terms[0], known[0].Idf, true));
            else weighted.Add(new WeightedTerm(concept.Surface.ToLowerInvariant(), known.Min(a => a.Idf), true) { Alternatives = known.Select(a => a.Terms).ToList() });
        }
        weighted = weighted.DistinctBy(t => t.Text).ToList();
        return weighted.Count > options.MaxQueryTerms
            ? weighted.OrderByDescending(t => t.Known).ThenByDescending(t => t.Idf).Take(options.MaxQueryTerms).ToList()
            : weighted;
    }

    /// <summary>A term, or a translated word's alternatives as one concept: the best-matching alternative scores, not their sum.</summary>
    private static Query Clause(string field, WeightedTerm term, float boost = 1f)
    {
        if (term.Alternatives is null) return new TermQuery(new Term(field, term.Text)) { Boost = boost };
        var best = new DisjunctionMaxQuery(0f) { Boost = boost };
        foreach (var alternative in term.Alternatives)
        {
            if (alternative.Length == 1)
            {
                best.Add(new TermQuery(new Term(field, alternative[0])));
                continue;
            }
            // A phrase rendering ("police officer") weighs as much as a one-word one when all its words match.
            var all = new BooleanQuery { Boost = 1f / alternative.Length };
            foreach (var t in alternative) all.Add(new TermQuery(new Term(field, t)), Occur.SHOULD);
            best.Add(all);
        }
        return best;
    }

    private List<WeightedTerm> WeighTerms(IndexReader reader, List<string> analysed, int docCount)
    {
        var unique = analysed.Distinct(StringComparer.Ordinal).ToList();
        var weighted = new List<WeightedTerm>(unique.Count);
        foreach (var text in unique)
        {
            var df = reader.DocFreq(new Term(IndexFields.Body, text)) + reader.DocFreq(new Term(IndexFields.Title, text));
            var idf = Math.Log(1 + (docCount - df + 0.5) / (df + 0.5));
            weighted.Add(new WeightedTerm(text, idf, df > 0));
        }
        // Long, messy questions keep their most specific terms; the order of the question is kept.
        if (weighted.Count > options.MaxQueryTerms)
        {
            var keep = weighted.OrderByDescending(t => t.Known).ThenByDescending(t => t.Idf).Take(options.MaxQueryTerms).ToHashSet();
            weighted = weighted.Where(keep.Contains).ToList();
        }
        return weighted;
    }

    /// <summary>
    /// The document id of a hit from per-segment doc values: loading stored fields decompresses a
    /// whole block per hit, which dominated the cost of a search.
    /// </summary>
    private static string DocumentIdOf(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var values = leaf.AtomicReader.GetSortedDocValues(IndexFields.DocumentId);
        var bytes = new Lucene.Net.Util.BytesRef();
        values.Get(doc - leaf.DocBase, bytes);
        return bytes.Utf8ToString();
    }

    /// <summary>Documents whose passages are searched: enough to fill any answer and the evaluation's top 10.</summary>
    private const int CandidateDocuments = 30;

    private const int MaxPassages = 200;

    private static Query WithinDocuments(Query passages, IEnumerable<string> documentIds)
    {
        var ids = new BooleanQuery { Boost = 0 };
        foreach (var id in documentIds) ids.Add(new TermQuery(new Term(IndexFields.DocumentId, id)), Occur.SHOULD);
        return new BooleanQuery { { passages, Occur.MUST }, { ids, Occur.MUST } };
    }

    private static readonly TermQuery ReferenceLists = new(new Term(IndexFields.Kind, IndexFields.KindReference));

    private Query BuildDocumentQuery(List<WeightedTerm> terms)
    {
        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            if (term.Known)
            {
                query.Add(Clause(IndexFields.DocBody, term), Occur.SHOULD);
                query.Add(Clause(IndexFields.DocTitle, term, options.TitleBoost), Occur.SHOULD);
            }
            else if (options.MatchMisspellings && Fuzzy(IndexFields.DocBody, term) is { } fuzzy) query.Add(fuzzy, Occur.SHOULD);
        }
        return query;
    }

    /// <summary>An unknown word is most likely misspelt: match close spellings, at a discount.</summary>
    private static FuzzyQuery? Fuzzy(string field, WeightedTerm term) =>
        term.Text.Length < 4 ? null : new FuzzyQuery(new Term(field, term.Text), MaxEdits(term.Text), 1, 20, true) { Boost = 1.0f };

    internal static int MaxEdits(string term) => term.Length < 7 ? 1 : 2;

    private static Query Filter(Query query, string? workingGroup) => workingGroup is null
        ? query
        // A filter, not a scoring clause: the group restricts what is found without changing the ranking.
        : new FilteredQuery(query, new QueryWrapperFilter(new TermQuery(new Term(IndexFields.WorkingGroups, workingGroup))));

    private Query BuildPassageQuery(List<WeightedTerm> terms)
    {
        var query = new BooleanQuery { { ReferenceLists, Occur.MUST_NOT } };
        foreach (var term in terms)
        {
            if (term.Known)
            {
                query.Add(Clause(IndexFields.Body, term), Occur.SHOULD);
                if (options.TitleBoost > 0) query.Add(Clause(IndexFields.Title, term, options.TitleBoost), Occur.SHOULD);
                if (options.SectionBoost > 0) query.Add(Clause(IndexFields.Section, term, options.SectionBoost), Occur.SHOULD);
            }
            else if (options.MatchMisspellings && Fuzzy(IndexFields.Body, term) is { } fuzzy) query.Add(fuzzy, Occur.SHOULD);
        }
        return query;
    }

    /// <summary>Pairs of neighbouring question words that appear close together in a passage.</summary>
    private Query? BuildPhraseQuery(List<WeightedTerm> terms, List<string> analysed)
    {
        if (options.PhraseBoost <= 0) return null;
        var kept = terms.Where(t => t.Known).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var query = new BooleanQuery();
        for (var i = 0; i + 1 < analysed.Count && i < options.MaxQueryTerms; i++)
        {
            if (!kept.Contains(analysed[i]) || !kept.Contains(analysed[i + 1]) || analysed[i] == analysed[i + 1]) continue;
            var phrase = new PhraseQuery { Slop = options.PhraseSlop };
            phrase.Add(new Term(IndexFields.Body, analysed[i]));
            phrase.Add(new Term(IndexFields.Body, analysed[i + 1]));
            query.Add(phrase, Occur.SHOULD);
        }
        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>
    /// What the best hit covers of the question: its passage, its whole document (a question's words are often
    /// spread over several sections), and the rarer half of the question's terms, which carry what it is about.
    /// </summary>
    private static AnswerEvidence Evidence(IndexReader reader, List<WeightedTerm> terms, AnswerHit best, int documentRecord)
    {
        var total = terms.Sum(t => t.Idf);
        if (total <= 0) return default;
        var inPassage = best.MatchedTerms.ToHashSet(StringComparer.Ordinal);
        // A misspelt word matched only approximately is weaker evidence than an exact one.
        double Weight(WeightedTerm t) => t.Known ? t.Idf : t.Idf / 2;
        var inDocument = terms.Where(t => t.FoundIn(inPassage.Contains) || (t.Known && t.FoundIn(x => InDocument(reader, x, documentRecord)))).ToHashSet();

        var rare = terms.OrderByDescending(t => t.Idf).Take((terms.Count + 1) / 2).ToList();
        return new AnswerEvidence(
            terms.Where(t => t.FoundIn(inPassage.Contains)).Sum(Weight) / total,
            inDocument.Sum(Weight) / total,
            rare.Where(inDocument.Contains).Sum(Weight) / rare.Sum(t => t.Idf));
    }

    private static bool InDocument(IndexReader reader, string term, int documentRecord)
    {
        var bytes = new Lucene.Net.Util.BytesRef(term);
        foreach (var field in new[] { IndexFields.DocBody, IndexFields.DocTitle })
        {
            var postings = MultiFields.GetTermDocsEnum(reader, null, field, bytes);
            if (postings is not null && postings.Advance(documentRecord) == documentRecord) return true;
        }
        return false;
    }

    private AnswerHit Highlight(StoredPassage passage, float score, List<WeightedTerm> terms)
    {
        var exact = terms.SelectMany(t => t.AllTerms).ToHashSet(StringComparer.Ordinal);
        var analyzer = translator?.AnalyzerFor(passage.Language) ?? index.Analyzer;
        var unknown = terms.Where(t => !t.Known && t.Text.Length >= 4).Select(t => t.Text).ToList();
        var matched = new HashSet<string>(StringComparer.Ordinal);

        string? Match(string token)
        {
            if (exact.Contains(token)) return token;
            foreach (var u in unknown) if (QueryTerms.WithinEdits(u, token, MaxEdits(u))) return u;
            return null;
        }

        foreach (var field in new[] { passage.Title, passage.Section })
            foreach (var t in QueryTerms.Analyze(analyzer, IndexFields.Title, field))
                if (Match(t) is { } m) matched.Add(m);

        var tokens = QueryTerms.WithOffsets(analyzer, IndexFields.Body, passage.Text);
        var marks = new List<(int Start, int End)>();
        foreach (var (term, start, end) in tokens)
        {
            if (Match(term) is not { } m) continue;
            matched.Add(m);
            marks.Add((start, end));
        }
        var highlighted = Highlighter.Mark(passage.Text, marks);
        var snippet = Highlighter.Snippet(passage.Text, marks, 30);
        return new AnswerHit(passage, score, snippet, highlighted, matched.ToList());
    }
}
