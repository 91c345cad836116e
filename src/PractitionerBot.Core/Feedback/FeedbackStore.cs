using PractitionerBot.Storage;

namespace PractitionerBot.Feedback;

/// <summary>"Helpful" / "Not helpful" on an answer. The user is kept only as a one-way key, for erasure.</summary>
public sealed record FeedbackEntry(string UserKey, string? DocumentId, string? PassageId, bool Helpful, string? Question);

public sealed record FeedbackSummary(int Helpful, int NotHelpful);

public interface IFeedbackStore
{
    Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken);

    Task<FeedbackSummary> SummaryAsync(CancellationToken cancellationToken);

    Task<int> EraseUserAsync(string userKey, CancellationToken cancellationToken);
}

/// <summary>Feedback in the bot's database, SQLite or PostgreSQL alike (<see cref="Database"/> hides the difference).</summary>
public sealed class FeedbackStore(Database database, TimeProvider time) : IFeedbackStore
{
    public Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            INSERT INTO feedback (created_utc, user_key, document_id, passage_id, helpful, question)
            VALUES ($created, $user, $doc, $passage, $helpful, $question);
            """, cancellationToken, ("$created", time.Utc()), ("$user", entry.UserKey), ("$doc", entry.DocumentId),
            ("$passage", entry.PassageId), ("$helpful", entry.Helpful ? 1 : 0), ("$question", entry.Question));

    public async Task<FeedbackSummary> SummaryAsync(CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM feedback;",
            r => new FeedbackSummary(r.Int(0), r.Int(1)), cancellationToken))[0];

    public Task<int> EraseUserAsync(string userKey, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM feedback WHERE user_key = $user;", cancellationToken, ("$user", userKey));
}
