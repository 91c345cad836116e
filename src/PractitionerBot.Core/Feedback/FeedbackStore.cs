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

public sealed class SqliteFeedbackStore(SqliteDatabase database, TimeProvider time) : IFeedbackStore
{
    public async Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (created_utc, user_key, document_id, passage_id, helpful, question)
            VALUES ($created, $user, $doc, $passage, $helpful, $question);
            """;
        command.Parameters.AddWithValue("$created", time.GetUtcNow().ToString("O"));
        command.Parameters.AddWithValue("$user", entry.UserKey);
        command.Parameters.AddWithValue("$doc", (object?)entry.DocumentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$passage", (object?)entry.PassageId ?? DBNull.Value);
        command.Parameters.AddWithValue("$helpful", entry.Helpful ? 1 : 0);
        command.Parameters.AddWithValue("$question", (object?)entry.Question ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<FeedbackSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM feedback;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new FeedbackSummary(reader.GetInt32(0), reader.GetInt32(1));
    }

    public async Task<int> EraseUserAsync(string userKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM feedback WHERE user_key = $user;";
        command.Parameters.AddWithValue("$user", userKey);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
