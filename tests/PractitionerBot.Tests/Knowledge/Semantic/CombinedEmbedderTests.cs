using PractitionerBot.Knowledge.Semantic;

namespace PractitionerBot.Tests.Knowledge.Semantic;

public sealed class CombinedEmbedderTests
{
    /// <summary>A model that maps each text to a fixed unit vector.</summary>
    private sealed class Fixed(string id, Dictionary<string, float[]> vectors) : ITextEmbedder
    {
        public string ModelId => id;
        public int Dimensions => vectors.First().Value.Length;
        public float[] EmbedQuery(string question) => vectors[question];
        public float[] EmbedPassage(string text) => vectors[text];
    }

    [Fact]
    public void TheDotProductOfTwoCombinedVectors_IsTheMeanOfTheTwoModelsCosines_AndEachVectorHasUnitLength()
    {
        var first = new Fixed("a", new() { ["q"] = [1, 0], ["p"] = [0.6f, 0.8f] });                 // cosine 0.6
        var second = new Fixed("b", new() { ["q"] = [0, 1, 0], ["p"] = [0, 0, 1] });                // cosine 0
        var combined = new CombinedEmbedder(first, second);

        var q = combined.EmbedQuery("q");
        var p = combined.EmbedPassage("p");

        Assert.Equal(5, combined.Dimensions);
        Assert.Equal("a+b", combined.ModelId); // its own vectors in the store, never another model's
        Assert.Equal(1.0, Math.Sqrt(q.Sum(x => (double)x * x)), 5);
        Assert.Equal(1.0, Math.Sqrt(p.Sum(x => (double)x * x)), 5);
        Assert.Equal(0.3, q.Zip(p).Sum(x => (double)x.First * x.Second), 5);
    }
}
