using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace PractitionerBot.Admin;

/// <summary>
/// Charts drawn as inline SVG on the server: nothing to load, nothing to run. Sizes are percentages of the page
/// width, so a chart fits a phone and a laptop while its text stays readable; every chart is an image with a title.
/// </summary>
internal static class SvgCharts
{
    public sealed record Series(string Name, string CssClass);

    public sealed record Bar(string Label, IReadOnlyList<double> Values);

    /// <summary>Horizontal bars, one row per item, each stacked from the series' values, with its label above it.</summary>
    public static string Bars(string id, string title, IReadOnlyList<Series> series, IReadOnlyList<Bar> bars)
    {
        const int row = 46;
        var max = Math.Max(1, bars.Select(b => b.Values.Sum()).DefaultIfEmpty(0).Max());
        var svg = Open(id, title, bars.Count * row + 4);
        for (var i = 0; i < bars.Count; i++)
        {
            var y = i * row;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="0" y="{y + 16}" class="label">{HtmlEncode(bars[i].Label)}</text>""");
            double x = 0;
            for (var s = 0; s < series.Count; s++)
            {
                var width = bars[i].Values[s] / max * 100;
                if (width <= 0) continue;
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x:0.##}%" y="{y + 24}" width="{width:0.##}%" height="16" class="{series[s].CssClass}"><title>{HtmlEncode($"{bars[i].Label}: {bars[i].Values[s]} {series[s].Name}")}</title></rect>""");
                x += width;
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Columns over time (one per day), stacked from the series' values.</summary>
    public static string Columns(string id, string title, IReadOnlyList<Series> series, IReadOnlyList<Bar> columns)
    {
        const int height = 180;
        var max = Math.Max(1, columns.Select(c => c.Values.Sum()).DefaultIfEmpty(0).Max());
        var svg = Open(id, title, height + 2);
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="0" x2="100%" y1="{height}" y2="{height}" class="axis"/>""");
        var slot = 100.0 / Math.Max(1, columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            double top = height;
            for (var s = 0; s < series.Count; s++)
            {
                var h = columns[i].Values[s] / max * (height - 10);
                if (h <= 0) continue;
                top -= h;
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{i * slot + slot * 0.15:0.###}%" y="{top:0.#}" width="{slot * 0.7:0.###}%" height="{h:0.#}" class="{series[s].CssClass}"><title>{HtmlEncode($"{columns[i].Label}: {columns[i].Values[s]} {series[s].Name}")}</title></rect>""");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The key to a chart's colours, as text with a swatch each.</summary>
    public static string Legend(IReadOnlyList<Series> series) =>
        "<ul class=\"legend\">" + string.Concat(series.Select(s =>
            $"""<li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" class="{s.CssClass}"/></svg> {HtmlEncode(s.Name)}</li>""")) + "</ul>";

    private static StringBuilder Open(string id, string title, int height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"""<svg class="chart" width="100%" height="{height}" role="img" aria-labelledby="{id}-title"><title id="{id}-title">{HtmlEncode(title)}</title>""");
}
