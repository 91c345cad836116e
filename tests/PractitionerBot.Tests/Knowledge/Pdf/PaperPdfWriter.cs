using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PractitionerBot.Tests.Knowledge.Pdf;

/// <summary>How a generated paper is set: fonts, sizes, columns, gaps and leading vary between fixtures.</summary>
public sealed record PaperStyle(
    string Name,
    Standard14Font Body = Standard14Font.TimesRoman,
    Standard14Font Heading = Standard14Font.HelveticaBold,
    double BodySize = 9.5,
    double HeadingSize = 12,
    int Columns = 2,
    double ColumnGap = 24,
    double Leading = 1.25,
    double Margin = 56,
    bool Justify = true,
    bool HeadingsSameSizeAsBody = false,
    string Footer = "Page {0} of {1}")
{
    public static readonly IReadOnlyList<PaperStyle> All =
    [
        new("times-two-columns"),
        new("helvetica-narrow-gap", Body: Standard14Font.Helvetica, Heading: Standard14Font.HelveticaBold, BodySize: 9, HeadingSize: 11, ColumnGap: 14, Leading: 1.15, Margin: 42, Footer: "{0}"),
        new("courier-wide-gap-ragged", Body: Standard14Font.Courier, Heading: Standard14Font.CourierBold, BodySize: 8.5, HeadingSize: 10, ColumnGap: 40, Leading: 1.4, Justify: false, Footer: "- {0} -"),
        new("times-bold-headings-same-size", Heading: Standard14Font.TimesBold, BodySize: 10, HeadingSize: 10, HeadingsSameSizeAsBody: true, Leading: 1.3, Footer: "RAN paper | {0}"),
        new("helvetica-one-column", Body: Standard14Font.Helvetica, Columns: 1, BodySize: 10, HeadingSize: 13, Margin: 72),
    ];
}

/// <summary>
/// Writes a paper as a PDF with PdfPig's builder, laid out like a printed paper: a cover page with the
/// title in large type, then columns with justified lines, words hyphenated where they do not fit,
/// a running header and a footer with the page number, and tables across the page.
/// </summary>
public static class PaperPdfWriter
{
    private sealed record Placed(string Text, double X, double Y, double Size, bool Bold);

    public static byte[] Write(RanPaper paper, PaperStyle style) => new Layout(paper, style).Render();

    private sealed class Layout
    {
        private readonly RanPaper _paper;
        private readonly PaperStyle _style;
        private readonly PdfDocumentBuilder _builder = new();
        private readonly PdfDocumentBuilder.AddedFont _body, _bold;
        private readonly PdfPageBuilder _measure;
        private readonly Dictionary<(string, double, bool), double> _widths = [];
        private readonly List<List<Placed>> _pages = [];
        private readonly double _width, _height, _columnWidth, _top, _bottom;
        private double _regionTop, _y;
        private int _column;

        public Layout(RanPaper paper, PaperStyle style)
        {
            _paper = paper;
            _style = style;
            _body = _builder.AddStandard14Font(style.Body);
            _bold = _builder.AddStandard14Font(style.Heading);
            var scratch = new PdfDocumentBuilder();
            _measure = scratch.AddPage(PageSize.A4);
            _measureBody = scratch.AddStandard14Font(style.Body);
            _measureBold = scratch.AddStandard14Font(style.Heading);
            (_width, _height) = (595, 842);
            _columnWidth = (_width - 2 * style.Margin - (style.Columns - 1) * style.ColumnGap) / style.Columns;
            _top = _height - style.Margin - 18;
            _bottom = style.Margin + 18;
        }

        private readonly PdfDocumentBuilder.AddedFont _measureBody, _measureBold;

        private double LineHeight => _style.BodySize * _style.Leading;

        public byte[] Render()
        {
            Cover();
            NewPage();
            foreach (var block in _paper.Blocks)
            {
                switch (block)
                {
                    case PaperHeading h: Heading(h); break;
                    case PaperParagraph p: Paragraph(p.Text, _style.BodySize, bold: false); _y -= LineHeight * 0.5; break;
                    case PaperTable t: Table(t); break;
                }
            }
            for (var i = 0; i < _pages.Count; i++)
            {
                var page = _builder.AddPage(PageSize.A4);
                foreach (var p in _pages[i]) page.AddText(p.Text, p.Size, new PdfPoint(p.X, p.Y), p.Bold ? _bold : _body);
                if (i == 0) continue;
                page.AddText(_paper.RunningHeader, 7.5, new PdfPoint(_style.Margin, _height - _style.Margin), _body);
                var footer = string.Format(System.Globalization.CultureInfo.InvariantCulture, _style.Footer, i + 1, _pages.Count);
                page.AddText(footer, 7.5, new PdfPoint(_width / 2 - Width(footer, 7.5, false) / 2, _style.Margin - 10), _body);
            }
            return _builder.Build();
        }

        private void Cover()
        {
            _pages.Add([]);
            var y = _height * 0.62;
            foreach (var line in Wrap(_paper.Title, 26, bold: true, _width - 2 * _style.Margin))
            {
                _pages[^1].Add(new Placed(line, _style.Margin, y, 26, true));
                y -= 32;
            }
            _pages[^1].Add(new Placed(_paper.Subtitle, _style.Margin, y - 10, 13, false));
            _pages[^1].Add(new Placed("Radicalisation Awareness Network", _style.Margin, _style.Margin + 20, 10, false));
        }

        private void NewPage()
        {
            _pages.Add([]);
            _regionTop = _top;
            _column = 0;
            _y = _regionTop;
        }

        private double X => _style.Margin + _column * (_columnWidth + _style.ColumnGap);

        private void Advance(double height)
        {
            if (_y - height >= _bottom) return;
            if (++_column < _style.Columns) _y = _regionTop;
            else NewPage();
        }

        private void Heading(PaperHeading heading)
        {
            var size = _style.HeadingsSameSizeAsBody ? _style.BodySize : heading.Level == 1 ? _style.HeadingSize : _style.HeadingSize - 1;
            _y -= LineHeight * 0.6;
            Advance(size * 3 + LineHeight * 2); // keep a heading with its first lines
            Paragraph(heading.Text, size, bold: true, justify: false);
            _y -= LineHeight * 0.3;
        }

        private void Paragraph(string text, double size, bool bold, bool? justify = null)
        {
            var lines = Wrap(text, size, bold, _columnWidth);
            for (var i = 0; i < lines.Count; i++)
            {
                Advance(size * _style.Leading);
                var words = lines[i].Split(' ');
                var last = i == lines.Count - 1 || lines[i].EndsWith('-');
                var spare = _columnWidth - Width(lines[i], size, bold);
                var gap = (justify ?? _style.Justify) && !last && words.Length > 1 ? spare / (words.Length - 1) : 0;
                var x = X;
                foreach (var word in words)
                {
                    _pages[^1].Add(new Placed(word, x, _y - size, size, bold));
                    x += Width(word + " ", size, bold) + gap;
                }
                _y -= size * _style.Leading;
            }
        }

        private void Table(PaperTable table)
        {
            if (_pages[^1].Count > 0) NewPage();
            var cell = (_width - 2 * _style.Margin) / table.Rows[0].Length;
            foreach (var (row, r) in table.Rows.Select((row, r) => (row, r)))
            {
                for (var c = 0; c < row.Length; c++)
                    _pages[^1].Add(new Placed(row[c], _style.Margin + c * cell, _y - _style.BodySize, _style.BodySize, r == 0));
                _y -= LineHeight * 1.4;
            }
            _regionTop = _y - LineHeight;
            _y = _regionTop;
        }

        /// <summary>Greedy line breaking; a word that does not fit is hyphenated at its soft hyphen, else where the most of it fits.</summary>
        private List<string> Wrap(string text, double size, bool bold, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var plain = word.Replace("\u00AD", "");
                var candidate = line.Length == 0 ? plain : line + " " + plain;
                var soft = word.IndexOf('\u00AD');
                if (soft > 0 && line.Length > 0 && Width(line + " " + word[..soft] + "-", size, bold) <= width)
                {
                    lines.Add(line + " " + word[..soft] + "-");
                    line = word[(soft + 1)..];
                    continue;
                }
                if (Width(candidate, size, bold) <= width)
                {
                    line = candidate;
                    continue;
                }
                var split = line.Length > 0 && plain.Length >= 7 && plain.All(char.IsLetter)
                    ? Enumerable.Range(3, plain.Length - 5).Reverse().FirstOrDefault(k => Width(line + " " + plain[..k] + "-", size, bold) <= width)
                    : 0;
                if (split > 0)
                {
                    lines.Add(line + " " + plain[..split] + "-");
                    line = plain[split..];
                    continue;
                }
                if (line.Length > 0) lines.Add(line);
                line = plain;
            }
            if (line.Length > 0) lines.Add(line);
            return lines;
        }

        private double Width(string text, double size, bool bold)
        {
            if (_widths.TryGetValue((text, size, bold), out var w)) return w;
            var letters = _measure.MeasureText(text, size, new PdfPoint(0, 0), bold ? _measureBold : _measureBody);
            return _widths[(text, size, bold)] = letters.Count == 0 ? 0 : letters.Max(l => l.EndBaseLine.X);
        }
    }
}
