using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// Reads an 8-bit RGBA PNG, checking what a viewer would: signature, chunk CRCs, IHDR first, IEND last.
/// Written independently of the encoder under test, so a bug there cannot hide in a shared helper.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte colorType, byte[] rgba) => (Width, Height, ColorType, _rgba) = (width, height, colorType, rgba);

    public int Width { get; }
    public int Height { get; }
    public byte ColorType { get; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 4;
            return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
        }
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < Width; x++)
            yield return this[x, y];
    }

    public static PngImage Read(byte[] png)
    {
        if (!png.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG signature");
        var chunks = new List<(string Type, byte[] Data)>();
        for (var pos = 8; pos < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var typeAndData = png.AsSpan(pos + 4, 4 + length);
            if (Crc32.HashToUInt32(typeAndData) != BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length)))
                throw new InvalidDataException($"bad CRC in chunk {Encoding.ASCII.GetString(typeAndData[..4])}");
            chunks.Add((Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray()));
            pos += 12 + length;
        }
        if (chunks[0].Type != "IHDR" || chunks[^1].Type != "IEND") throw new InvalidDataException("IHDR must come first and IEND last");

        var header = chunks[0].Data;
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(header), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        var (bitDepth, colorType, interlace) = (header[8], header[9], header[12]);
        if (bitDepth != 8 || colorType != 6 || interlace != 0)
            throw new InvalidDataException($"this reader takes 8-bit non-interlaced RGBA only (depth {bitDepth}, colour type {colorType}, interlace {interlace})");

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray()), CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        return new PngImage(width, height, colorType, Unfilter(inflated.ToArray(), width, height));
    }

    private static byte[] Unfilter(byte[] data, int width, int height)
    {
        const int bpp = 4;
        var stride = width * bpp;
        if (data.Length != height * (stride + 1)) throw new InvalidDataException($"image data is {data.Length} bytes, expected {height * (stride + 1)}");
        var rgba = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int raw = data[y * (stride + 1) + 1 + i];
                int left = i >= bpp ? rgba[y * stride + i - bpp] : 0;
                int up = y > 0 ? rgba[(y - 1) * stride + i] : 0;
                int upLeft = y > 0 && i >= bpp ? rgba[(y - 1) * stride + i - bpp] : 0;
                rgba[y * stride + i] = (byte)(raw + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown filter type {filter} in row {y}"),
                });
            }
        }
        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
