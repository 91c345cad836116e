namespace PractitionerBot.Knowledge.Semantic;

/// <summary>
/// Two models read each text: its vector is both models' unit vectors side by side, each scaled by 1/√2, so it has unit
/// length again and the dot product of two such vectors is the mean of the two models' cosines. Two small models that
/// were trained differently err on different questions; the exact search, the store and the answer rule need no change.
/// </summary>
public sealed class CombinedEmbedder(ITextEmbedder first, ITextEmbedder second) : ITextEmbedder
{
    private static readonly float Scale = (float)(1 / Math.Sqrt(2));

    public string ModelId { get; } = $"{first.ModelId}+{second.ModelId}";

    public int Dimensions { get; } = first.Dimensions + second.Dimensions;

    public float[] EmbedQuery(string question) => Join(first.EmbedQuery(question), second.EmbedQuery(question));

    public float[] EmbedPassage(string text) => Join(first.EmbedPassage(text), second.EmbedPassage(text));

    private static float[] Join(float[] a, float[] b)
    {
        var joined = new float[a.Length + b.Length];
        for (var i = 0; i < a.Length; i++) joined[i] = a[i] * Scale;
        for (var i = 0; i < b.Length; i++) joined[a.Length + i] = b[i] * Scale;
        return joined;
    }
}
