using System.Globalization;
using System.Text.Json.Nodes;
using PractitionerBot.Storage;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Insights;

/// <summary>Builds the <see cref="InsightsReport"/> of the last N days from the question records, feedback, peer questions and the outbox.</summary>
public sealed class InsightsQueries(Database database, IWorkingGroupDirectory groups, InsightsOptions options, TimeProvider time)
{
    public async Task<InsightsReport> BuildAsync(int days, CancellationToken cancellationToken)
    {
        var to = time.GetUtcNow();
        var from = to - TimeSpan.FromDays(days);
        var since = ("$from", (object?)from.ToString("O"));
        var questions = await database.QueryAsync("""
            SELECT asked_utc, language, working_groups, answered, terms, member_hash, salt_period FROM insight_questions WHERE asked_utc >= $from;
            """, r => new Row(DateTimeOffset.Parse(r.GetString(0), CultureInfo.InvariantCulture), r.GetString(1),
            r.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries), r.Int(3) == 1, r.GetString(4), r.GetString(5), Convert.ToInt64(r.GetValue(6), CultureInfo.InvariantCulture)),
            cancellationToken, since);
        var feedback = await database.QueryAsync("SELECT document_id, helpful FROM feedback WHERE created_utc >= $from;",
            r => (Document: r.NullableString(0) ?? "", Helpful: r.Int(1) == 1), cancellationToken, since);
        var answered = questions.Count(q => q.Answered);
        return new InsightsReport(from, to,
            new QuestionCounts(questions.Count, answered, questions.Count - answered, feedback.Count(f => f.Helpful), feedback.Count(f => !f.Helpful)),
            questions.GroupBy(q => q.Language).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            ByGroup(questions),
            questions.GroupBy(q => DateOnly.FromDateTime(q.Asked.UtcDateTime)).OrderBy(g => g.Key)
                .Select(g => new DayQuestions(g.Key, g.Count(q => q.Answered), g.Count(q => !q.Answered))).ToList(),
            Topics(questions),
            feedback.Where(f => f.Document.Length > 0).GroupBy(f => f.Document)
                .Select(g => new PaperFeedback(g.Key, g.Count(f => !f.Helpful), g.Count(f => f.Helpful)))
                .Where(p => p.NotHelpful > 0).OrderByDescending(p => p.NotHelpful).ThenBy(p => p.DocumentId, StringComparer.Ordinal).ToList(),
            await PeersAsync(since, to, cancellationToken),
            await AnnouncementsAsync(since, cancellationToken));
    }

    private List<GroupQuestions> ByGroup(List<Row> questions) =>
        questions.SelectMany(q => q.Groups.Select(g => (Group: g, q.Answered))).GroupBy(x => x.Group)
            .Select(g => new GroupQuestions(g.Key, Name(g.Key), g.Count(), g.Count(x => x.Answered), g.Count(x => !x.Answered)))
            .OrderByDescending(g => g.Asked).ThenBy(g => g.Id, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Unanswered questions with the same key terms. A member counts once per salt period (hashes of two periods cannot be
    /// linked), so the number of members is the most seen in one period: never more than there were.
    /// </summary>
    private List<UnansweredTopic> Topics(List<Row> questions) =>
        questions.Where(q => !q.Answered && q.Terms.Length > 0).GroupBy(q => q.Terms)
            .Select(g => new UnansweredTopic(g.Key.Split(' '), g.GroupBy(q => q.Period).Max(p => p.Select(q => q.Member).Distinct().Count()),
                g.Count(), g.Max(q => q.Asked)))
            .Where(t => t.Members >= options.MinMembersPerTopic)
            .OrderByDescending(t => t.Members).ThenByDescending(t => t.Asked).ThenBy(t => string.Join(' ', t.Terms), StringComparer.Ordinal).ToList();

    private async Task<PeerQuestionCounts> PeersAsync((string, object?) since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var peers = await database.QueryAsync("""
            SELECT q.group_id, q.status, q.created_utc, MIN(a.created_utc) FROM peer_questions q LEFT JOIN peer_answers a ON a.question_id = q.id
            WHERE q.created_utc >= $from GROUP BY q.id, q.group_id, q.status, q.created_utc;
            """, r => (Group: r.GetString(0), Resolved: r.GetString(1) == "Resolved", Hours: r.NullableString(3) is { } first
                ? (DateTimeOffset.Parse(first, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture)).TotalHours
                : (double?)null), cancellationToken, since);
        return new PeerQuestionCounts(peers.Count, peers.Count(p => p.Hours is not null), peers.Count(p => p.Resolved), Median(peers.Select(p => p.Hours)),
            peers.GroupBy(p => p.Group).Select(g => new GroupPeerQuestions(g.Key, Name(g.Key), g.Count(), g.Count(p => p.Hours is null), Median(g.Select(p => p.Hours))))
                .OrderByDescending(g => g.Unanswered).ThenBy(g => g.Id, StringComparer.Ordinal).ToList());
    }

    private async Task<List<AnnouncementReach>> AnnouncementsAsync((string, object?) since, CancellationToken cancellationToken)
    {
        var reach = await database.QueryAsync("""
            SELECT a.id, a.json,
                (SELECT COUNT(*) FROM deliveries d WHERE d.announcement_id = a.id AND d.kind = 'announce' AND d.status = 'Delivered'),
                (SELECT COUNT(*) FROM deliveries d WHERE d.announcement_id = a.id AND d.kind = 'announce' AND d.status = 'Failed'),
                (SELECT COUNT(*) FROM interested i WHERE i.announcement_id = a.id)
            FROM announcements a WHERE a.status <> 'Draft' AND a.updated_utc >= $from ORDER BY a.created_utc DESC;
            """, r => new AnnouncementReach(r.GetString(0), JsonNode.Parse(r.GetString(1))?["title"]?.GetValue<string>() ?? "", r.Int(2), r.Int(3), r.Int(4)),
            cancellationToken, since);
        return reach;
    }

    private string Name(string groupId) => groups.Find(groupId)?.Name ?? groupId;

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        if (sorted.Count == 0) return null;
        var middle = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, 1);
    }

    private sealed record Row(DateTimeOffset Asked, string Language, string[] Groups, bool Answered, string Terms, string Member, long Period);
}
