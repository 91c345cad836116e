namespace PractitionerBot.Knowledge.Semantic;

/// <summary>Turns text into unit-length vectors whose dot product measures closeness of meaning.</summary>
public interface ITextEmbedder
{
    /// <summary>Names the model and how passages are cut, so cached vectors from another setup are never reused.</summary>
    string ModelId { get; }

    int Dimensions { get; }

    float[] EmbedQuery(string question);

    float[] EmbedPassage(string text);
}
