using System.Collections.Concurrent;

namespace PractitionerBot.Knowledge.Semantic;

/// <summary>Where the embedding model comes from.</summary>
public interface IEmbedderSource
{
    /// <summary>Loads the model the options name; throws when it cannot be loaded.</summary>
    ITextEmbedder Load(SemanticOptions options);
}

/// <summary>
/// The models shipped inside their NuGet packages. One instance per model and settings per process:
/// a model holds about 90 MB and takes about a second to load, and is safe to share between threads.
/// </summary>
public sealed class PackagedModels : IEmbedderSource
{
    private static readonly ConcurrentDictionary<(EmbeddingModel, int, int), Lazy<OnnxTextEmbedder>> Loaded = new();

    public static PackagedModels Instance { get; } = new();

    public ITextEmbedder Load(SemanticOptions options)
    {
        if (options.Model == EmbeddingModel.ArcticXsAndMiniLM)
            return new CombinedEmbedder(Load(options.WithModel(EmbeddingModel.ArcticXs)), Load(options.WithModel(EmbeddingModel.MiniLM)));
        var key = (options.Model, options.Threads, options.PassageWords);
        var lazy = Loaded.GetOrAdd(key, _ => new Lazy<OnnxTextEmbedder>(() =>
        {
            var model = OnnxTextEmbedder.Load(options);
            // The package hands ONNX Runtime the model as one managed array of about 90 MB, garbage once the session
            // holds its own copy; a compacting collection now returns it to the system instead of at some later peak.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            return model;
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load is not cached: the next start tries again.
            Loaded.TryRemove(KeyValuePair.Create(key, lazy));
            throw;
        }
    }
}
