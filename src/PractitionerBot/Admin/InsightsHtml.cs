using System.Globalization;
using System.Text;
using PractitionerBot.Insights;
using static System.Net.WebUtility;
using static PractitionerBot.Admin.SvgCharts;

namespace PractitionerBot.Admin;

/// <summary>The <c>/insights</c> page, rendered on the server: a sign-in form, or the report as charts with their numbers as tables.</summary>
internal static class InsightsHtml
{
    private static readonly Series Answered = new("answered", "answered");
    private static readonly Series Abstained = new("not answered", "abstained");
    private static readonly Series Delivered = new("delivered", "answered");
    private static readonly Series Failed = new("failed", "abstained");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private static readonly int[] Periods = [7, 30, 90, 365];

    public static string SignIn(string tokenField, string token, string? error) => Page("Sign in", $"""
        <main id="main" class="narrow">
        <h1>Insights for coordinators</h1>
        <p>Sign in with an Admin API key (role reader or publisher). The key is checked once and never kept in your browser;
        a session cookie keeps you signed in for 8 hours.</p>
        {(error is null ? "" : $"<p class=\"error\" role=\"alert\" id=\"key-error\">{HtmlEncode(error)}</p>")}
        <form method="post" action="/insights/sign-in">
        <input type="hidden" name="{HtmlEncode(tokenField)}" value="{HtmlEncode(token)}">
        <label for="key">API key</label>
        <input id="key" name="key" type="password" autocomplete="current-password" required minlength="16" {(error is null ? "" : "aria-describedby=\"key-error\" aria-invalid=\"true\"")}>
        <button type="submit">Sign in</button>
        </form>
        </main>
        """);

    public static string Dashboard(InsightsReport r, int days, int maxDays, int minMembers, string tokenField, string token)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <header>
            <h1>Insights for coordinators</h1>
            <p>{Date(r.From)} to {Date(r.To)} ({days} days). No question text and nobody's identity is kept; topics show once {minMembers} different members asked them.</p>
            <div class="controls">
            <form method="get" action="/insights"><label for="days">Period</label>
            <select id="days" name="days">{string.Concat(Periods.Where(d => d <= maxDays).Append(days).Distinct().Order()
                .Select(d => $"<option value=\"{d}\"{(d == days ? " selected" : "")}>last {d} days</option>"))}</select>
            <button type="submit">Show</button></form>
            <form method="post" action="/insights/sign-out"><input type="hidden" name="{HtmlEncode(tokenField)}" value="{HtmlEncode(token)}"><button type="submit">Sign out</button></form>
            </div>
            </header>
            <main id="main">
            <section aria-labelledby="totals"><h2 id="totals">Questions to the papers</h2>
            <dl class="tiles">{Tile("asked", r.Questions.Asked)}{Tile("answered", r.Questions.Answered)}{Tile("not answered", r.Questions.Abstained)}{Tile("marked helpful", r.Questions.Helpful)}{Tile("marked not helpful", r.Questions.NotHelpful)}</dl>
            </section>
            """);
        Section(body, "per-day", "Questions per day, answered and not", [Answered, Abstained],
            r.ByDay.Count == 0 ? null : Columns("per-day-chart", "Questions per day: answered and not answered", [Answered, Abstained], EveryDay(r))
                + $"""<p class="axis-note"><span>{Date(r.From)}</span><span>most in a day: {r.ByDay.Max(d => d.Answered + d.Abstained)}</span><span>{Date(r.To)}</span></p>""",
            ["Day", "Answered", "Not answered"], r.ByDay.Select(d => new object[] { d.Date.ToString("d MMM yyyy", En), d.Answered, d.Abstained }));
        Section(body, "groups", "Questions by working group", [Answered, Abstained],
            r.ByWorkingGroup.Count == 0 ? null : Bars("groups-chart", "Questions by working group: answered and not answered", [Answered, Abstained],
                r.ByWorkingGroup.Select(g => new Bar($"{g.Name}: {g.Asked} ({g.Abstained} not answered)", [g.Answered, g.Abstained])).ToList()),
            ["Working group", "Asked", "Answered", "Not answered"], r.ByWorkingGroup.Select(g => new object[] { g.Name, g.Asked, g.Answered, g.Abstained }));
        Section(body, "languages", "Questions by language", [Answered],
            r.ByLanguage.Count == 0 ? null : Bars("languages-chart", "Questions by language", [new Series("questions", "answered")],
                r.ByLanguage.Select(l => new Bar($"{Language(l.Key)}: {l.Value}", [l.Value])).ToList()),
            ["Language", "Questions"], r.ByLanguage.Select(l => new object[] { Language(l.Key), l.Value }), legend: false);
        Table(body, "topics", "Unanswered topics: the papers to commission next",
            "Key terms of questions the papers could not answer, asked by several members.",
            ["Key terms", "Members", "Times asked", "Last asked"],
            r.UnansweredTopics.Select(t => new object[] { string.Join(", ", t.Terms), t.Members, t.Asked, Date(t.LastAsked) }));
        Table(body, "unhelpful", "Answers marked not helpful", "Papers whose answers members marked not helpful.",
            ["Paper", "Not helpful", "Helpful"], r.UnhelpfulPapers.Select(p => new object[] { p.DocumentId, p.NotHelpful, p.Helpful }));
        var peers = r.PeerQuestions;
        body.Append(CultureInfo.InvariantCulture, $"""
            <section aria-labelledby="peers"><h2 id="peers">Questions to peers</h2>
            <dl class="tiles">{Tile("asked", peers.Asked)}{Tile("answered", peers.Answered)}{Tile("resolved", peers.Resolved)}{Tile("median hours to a first answer", peers.MedianHoursToFirstAnswer)}</dl>
            </section>
            """);
        Section(body, "peer-groups", "Peer questions by working group, answered and not", [Answered, Abstained],
            peers.ByWorkingGroup.Count == 0 ? null : Bars("peer-groups-chart", "Peer questions by working group: answered and unanswered", [Answered, Abstained],
                peers.ByWorkingGroup.Select(g => new Bar($"{g.Name}: {g.Asked}, {g.Unanswered} unanswered, median {Hours(g.MedianHoursToFirstAnswer)} to a first answer",
                    [g.Asked - g.Unanswered, g.Unanswered])).ToList()),
            ["Working group", "Asked", "Unanswered", "Median hours to a first answer"],
            peers.ByWorkingGroup.Select(g => new object[] { g.Name, g.Asked, g.Unanswered, Hours(g.MedianHoursToFirstAnswer) }));
        Section(body, "reach", "Announcement reach", [Delivered, Failed],
            r.Announcements.Count == 0 ? null : Bars("reach-chart", "Announcements: deliveries that arrived and that failed", [Delivered, Failed],
                r.Announcements.Select(a => new Bar($"{a.Title}: {a.Delivered} delivered, {a.Failed} failed, {a.Interested} interested", [a.Delivered, a.Failed])).ToList()),
            ["Announcement", "Delivered", "Failed", "Interested"], r.Announcements.Select(a => new object[] { a.Title, a.Delivered, a.Failed, a.Interested }));
        body.Append("</main>");
        return Page("Insights", body.ToString());
    }

    public static string Problem(string title, string detail) =>
        Page(title, $"""<main id="main" class="narrow"><h1>{HtmlEncode(title)}</h1><p>{HtmlEncode(detail)}</p><p><a href="/insights">Back to the insights</a></p></main>""");

    private static void Section(StringBuilder body, string id, string title, IReadOnlyList<Series> series, string? chart, string[] headers,
        IEnumerable<object[]> rows, bool legend = true)
    {
        body.Append(CultureInfo.InvariantCulture, $"""<section aria-labelledby="{id}"><h2 id="{id}">{HtmlEncode(title)}</h2>""");
        if (chart is null)
        {
            body.Append("<p>Nothing in this period.</p></section>");
            return;
        }
        if (legend) body.Append(Legend(series));
        body.Append(chart).Append("<details><summary>Show the numbers</summary>");
        AppendTable(body, title, headers, rows);
        body.Append("</details></section>");
    }

    private static void Table(StringBuilder body, string id, string title, string intro, string[] headers, IEnumerable<object[]> rows)
    {
        var list = rows.ToList();
        body.Append(CultureInfo.InvariantCulture, $"""<section aria-labelledby="{id}"><h2 id="{id}">{HtmlEncode(title)}</h2><p>{HtmlEncode(intro)}</p>""");
        if (list.Count == 0) body.Append("<p>Nothing in this period.</p>");
        else AppendTable(body, title, headers, list, captionHidden: true);
        body.Append("</section>");
    }

    private static void AppendTable(StringBuilder body, string caption, string[] headers, IEnumerable<object[]> rows, bool captionHidden = false)
    {
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\"><table><caption{(captionHidden ? " class=\"visually-hidden\"" : "")}>{HtmlEncode(caption)}</caption><thead><tr>");
        foreach (var h in headers) body.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{HtmlEncode(h)}</th>");
        body.Append("</tr></thead><tbody>");
        foreach (var row in rows)
            body.Append("<tr>").Append(string.Concat(row.Select((c, i) => i == 0
                ? $"<th scope=\"row\">{HtmlEncode(Convert.ToString(c, En))}</th>" : $"<td>{HtmlEncode(Convert.ToString(c, En))}</td>"))).Append("</tr>");
        body.Append("</tbody></table></div>");
    }

    /// <summary>A column for every day of the period, empty days included, so the chart's width is time.</summary>
    private static List<Bar> EveryDay(InsightsReport r)
    {
        var counts = r.ByDay.ToDictionary(d => d.Date);
        var first = DateOnly.FromDateTime(r.From.UtcDateTime);
        var last = DateOnly.FromDateTime(r.To.UtcDateTime);
        var bars = new List<Bar>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var d = counts.GetValueOrDefault(day);
            bars.Add(new Bar(day.ToString("d MMM", En), [d?.Answered ?? 0, d?.Abstained ?? 0]));
        }
        return bars;
    }

    private static string Tile(string label, object? value) =>
        $"<div><dt>{HtmlEncode(label)}</dt><dd>{HtmlEncode(value is null ? "none yet" : Convert.ToString(value, En))}</dd></div>";

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", En);

    private static string Hours(double? hours) => hours is { } h ? h.ToString("0.#", En) + " h" : "none yet";

    private static string Language(string code) => code switch { "en" => "English", "fr" => "French", "de" => "German", "nl" => "Dutch", _ => code };

    private static string Page(string title, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{HtmlEncode(title)}} · PractitionerBot</title>
        <style>
        :root { color: #1a1a1a; background: #fff; font: 16px/1.5 system-ui, sans-serif; }
        body { margin: 0 auto; padding: 1rem; max-width: 64rem; }
        .narrow { max-width: 28rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
        a, a:visited { color: #0b4f9c; }
        :focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
        label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
        input, select, button { font: inherit; padding: .5rem .75rem; border: 1px solid #595959; border-radius: 4px; min-height: 2.75rem; }
        input[type=password] { width: 100%; box-sizing: border-box; }
        button { background: #0b4f9c; color: #fff; border-color: #0b4f9c; cursor: pointer; margin-top: .75rem; }
        .controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
        .controls form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; }
        .controls label { margin: 0; width: 100%; }
        .error { color: #a4121c; font-weight: 600; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin: 0; }
        .tiles div { border: 1px solid #bdbdbd; border-radius: 6px; padding: .5rem .75rem; }
        .tiles dt { color: #4a4a4a; font-size: .9rem; } .tiles dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
        .chart { display: block; overflow: visible; } .chart .label { font-size: 14px; fill: #1a1a1a; }
        .chart .axis { stroke: #595959; }
        .answered { fill: #1f5fa8; } .abstained { fill: #b45309; }
        .legend { list-style: none; padding: 0; display: flex; gap: 1.25rem; margin: .25rem 0 .75rem; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; min-width: 100%; margin: .5rem 0; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d0d0d0; }
        td { font-variant-numeric: tabular-nums; }
        details summary { cursor: pointer; color: #0b4f9c; margin: .5rem 0; }
        .axis-note { display: flex; justify-content: space-between; gap: .5rem; margin: .25rem 0; font-size: .9rem; color: #4a4a4a; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        </style>
        </head>
        <body>
        {{body}}
        </body>
        </html>
        """;
}
