using System.Globalization;

namespace PractitionerBot.Cli.Teams;

/// <summary>
/// The two icons Teams requires, drawn in code because the build has no image library: a white speech
/// bubble with three dots. color.png has it on the accent colour; outline.png is the bubble alone.
/// </summary>
internal static class TeamsIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    // 4x4 samples per pixel smooth the colour icon's edges.
    private const int Samples = 4;

    // Multiples of 1/16, so on the 32-pixel outline each dot is a round 4x4 hole on the pixel grid.
    private static readonly double[] DotCentres = [0.3125, 0.5, 0.6875];

    public static byte[] Color(string accentColor)
    {
        var (r, g, b) = ParseHex(accentColor);
        return Draw(ColorSize, coverage => (Blend(r, coverage), Blend(g, coverage), Blend(b, coverage), (byte)255));

        static byte Blend(byte background, double white) => (byte)Math.Round(background + (255 - background) * white);
    }

    /// <summary>Teams takes only white and full transparency in an outline icon, so edges are hard, never half-transparent.</summary>
    public static byte[] Outline() => Draw(OutlineSize, coverage => (255, 255, 255, coverage >= 0.5 ? (byte)255 : (byte)0));

    private static byte[] Draw(int size, Func<double, (byte R, byte G, byte B, byte A)> shade)
    {
        var rgba = new byte[size * size * 4];
        for (var py = 0; py < size; py++)
        for (var px = 0; px < size; px++)
        {
            var hits = 0;
            for (var sy = 0; sy < Samples; sy++)
            for (var sx = 0; sx < Samples; sx++)
                if (InMark((px + (sx + 0.5) / Samples) / size, (py + (sy + 0.5) / Samples) / size)) hits++;
            var (r, g, b, a) = shade(hits / (double)(Samples * Samples));
            var i = (py * size + px) * 4;
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (r, g, b, a);
        }
        return Png.Encode(size, size, rgba);
    }

    /// <summary>The mark in a unit square, y pointing down.</summary>
    private static bool InMark(double x, double y)
    {
        var bubble = InRoundedRect(x, y, left: 0.16, top: 0.20, right: 0.84, bottom: 0.68, radius: 0.14)
                     || InTriangle(x, y, (0.26, 0.60), (0.46, 0.60), (0.22, 0.84));
        var dot = DotCentres.Any(cx => Square(x - cx) + Square(y - 0.4375) <= Square(0.0625));
        return bubble && !dot;
    }

    private static bool InRoundedRect(double x, double y, double left, double top, double right, double bottom, double radius)
    {
        if (x < left || x > right || y < top || y > bottom) return false;
        var cx = Math.Clamp(x, left + radius, right - radius);
        var cy = Math.Clamp(y, top + radius, bottom - radius);
        return Square(x - cx) + Square(y - cy) <= Square(radius);
    }

    private static bool InTriangle(double x, double y, (double X, double Y) a, (double X, double Y) b, (double X, double Y) c)
    {
        static double Side((double X, double Y) p, (double X, double Y) q, double x, double y) => (x - q.X) * (p.Y - q.Y) - (p.X - q.X) * (y - q.Y);
        var (d1, d2, d3) = (Side(a, b, x, y), Side(b, c, x, y), Side(c, a, x, y));
        return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
    }

    private static double Square(double v) => v * v;

    private static (byte R, byte G, byte B) ParseHex(string color)
    {
        if (color.Length != 7 || color[0] != '#' || !uint.TryParse(color.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
            throw new InvalidDataException($"accentColor must look like #1F4E79, not '{color}'");
        return ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }
}
