using System.Numerics.Tensors;

namespace PractitionerBot.Knowledge.Semantic;

internal static class VectorMath
{
    /// <summary>Scales to unit length, so a dot product is the cosine.</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);
}
