using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PractitionerBot.Insights;
using PractitionerBot.Privacy;

namespace PractitionerBot.Admin;

/// <summary><c>GET /api/insights?days=N</c>: the coordinators' insights as JSON, or as CSV (<c>?format=csv</c> or <c>Accept: text/csv</c>).</summary>
internal static class InsightsEndpoints
{
    public const int DefaultDays = 30;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapInsightsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/insights").RequireAuthorization(ApiKeyAuthentication.ReadPolicy);
        api.MapGet("", async (HttpRequest request, InsightsQueries queries, IOptions<RetentionOptions> retention, CancellationToken ct) =>
        {
            var (days, problem) = ParseDays(request.Query["days"], retention.Value.InsightsDays);
            if (problem is not null) return Results.Problem(title: "Bad days", detail: problem, statusCode: 400);
            var format = request.Query["format"].ToString();
            if (format is not ("" or "json" or "csv"))
                return Results.Problem(title: "Bad format", detail: $"'format' must be 'json' or 'csv', not '{Trim(format)}'.", statusCode: 400);
            var report = await queries.BuildAsync(days, ct);
            var csv = format == "csv" || (format == "" && request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
            return csv ? Results.Text(InsightsCsv.Write(report), "text/csv; charset=utf-8") : Results.Json(report, Json);
        });
        return endpoints;
    }

    /// <summary>The period asked for: whole days from 1 to the retention period; absent means <see cref="DefaultDays"/>.</summary>
    public static (int Days, string? Problem) ParseDays(string? value, int maxDays)
    {
        if (string.IsNullOrEmpty(value)) return (Math.Min(DefaultDays, maxDays), null);
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1 || days > maxDays)
            return (0, $"'days' must be a whole number from 1 to {maxDays} (Retention:InsightsDays), not '{Trim(value)}'.");
        return (days, null);
    }

    private static string Trim(string value) => value.Length > 20 ? value[..20] + "…" : value;
}

/// <summary>The report as one CSV table (section, key, metric, value), for a spreadsheet.</summary>
internal static class InsightsCsv
{
    public static string Write(InsightsReport r)
    {
        var csv = new StringBuilder("section,key,metric,value\r\n");
        void Row(string section, string key, string metric, object? value) =>
            csv.Append(Field(section)).Append(',').Append(Field(key)).Append(',').Append(Field(metric)).Append(',')
                .Append(Field(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).Append("\r\n");
        Row("period", "", "from", r.From.ToString("O"));
        Row("period", "", "to", r.To.ToString("O"));
        foreach (var (metric, value) in new (string, int)[] { ("asked", r.Questions.Asked), ("answered", r.Questions.Answered),
                     ("abstained", r.Questions.Abstained), ("helpful", r.Questions.Helpful), ("notHelpful", r.Questions.NotHelpful) })
            Row("questions", "", metric, value);
        foreach (var (language, count) in r.ByLanguage) Row("byLanguage", language, "asked", count);
        foreach (var d in r.ByDay)
        {
            Row("byDay", d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "answered", d.Answered);
            Row("byDay", d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "abstained", d.Abstained);
        }
        foreach (var g in r.ByWorkingGroup)
        {
            Row("byWorkingGroup", g.Id, "asked", g.Asked);
            Row("byWorkingGroup", g.Id, "answered", g.Answered);
            Row("byWorkingGroup", g.Id, "abstained", g.Abstained);
        }
        foreach (var t in r.UnansweredTopics)
        {
            var key = string.Join(' ', t.Terms);
            Row("unansweredTopics", key, "members", t.Members);
            Row("unansweredTopics", key, "asked", t.Asked);
            Row("unansweredTopics", key, "lastAsked", t.LastAsked.ToString("O"));
        }
        foreach (var p in r.UnhelpfulPapers)
        {
            Row("unhelpfulPapers", p.DocumentId, "notHelpful", p.NotHelpful);
            Row("unhelpfulPapers", p.DocumentId, "helpful", p.Helpful);
        }
        Row("peerQuestions", "", "asked", r.PeerQuestions.Asked);
        Row("peerQuestions", "", "answered", r.PeerQuestions.Answered);
        Row("peerQuestions", "", "resolved", r.PeerQuestions.Resolved);
        Row("peerQuestions", "", "medianHoursToFirstAnswer", r.PeerQuestions.MedianHoursToFirstAnswer);
        foreach (var g in r.PeerQuestions.ByWorkingGroup)
        {
            Row("peerQuestionsByWorkingGroup", g.Id, "asked", g.Asked);
            Row("peerQuestionsByWorkingGroup", g.Id, "unanswered", g.Unanswered);
            Row("peerQuestionsByWorkingGroup", g.Id, "medianHoursToFirstAnswer", g.MedianHoursToFirstAnswer);
        }
        foreach (var a in r.Announcements)
        {
            Row("announcements", a.Id, "title", a.Title);
            Row("announcements", a.Id, "delivered", a.Delivered);
            Row("announcements", a.Id, "failed", a.Failed);
            Row("announcements", a.Id, "interested", a.Interested);
        }
        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting; a field a spreadsheet would run as a formula starts with an apostrophe.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
