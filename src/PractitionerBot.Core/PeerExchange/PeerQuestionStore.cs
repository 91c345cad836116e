using System.Data.Common;
using PractitionerBot.Storage;

namespace PractitionerBot.PeerExchange;

public enum PeerQuestionStatus { Open, Answered, Resolved }

public sealed record PeerQuestion(
    string Id,
    string GroupId,
    string AskerKey,
    string? AskerName,
    string? AskerReference,
    string Text,
    PeerQuestionStatus Status,
    DateTimeOffset Created,
    string? ChannelConversationId,
    string? ChannelActivityId,
    int Answers);

public sealed record PeerAnswer(string QuestionId, string AnswererKey, string? AnswererName, string Text);

public enum AnswerOutcome { Added, QuestionNotFound, QuestionResolved }

/// <summary>Questions put to a working group's peers, and their answers.</summary>
public sealed class PeerQuestionStore(Database database, TimeProvider time)
{
    private const string Columns = """
        q.id, q.group_id, q.asker_key, q.asker_name, q.asker_ref, q.text, q.status, q.created_utc,
        q.channel_conversation_id, q.channel_activity_id, (SELECT COUNT(*) FROM peer_answers a WHERE a.question_id = q.id)
        """;

    public async Task<PeerQuestion> CreateAsync(string groupId, string askerKey, string? askerName, string? askerReference, string text,
        CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var now = time.Utc();
        await database.ExecuteAsync("""
            INSERT INTO peer_questions (id, group_id, asker_key, asker_name, asker_ref, text, status, created_utc, updated_utc)
            VALUES ($id, $g, $k, $n, $r, $text, 'Open', $now, $now);
            """, cancellationToken, ("$id", id), ("$g", groupId), ("$k", askerKey), ("$n", askerName), ("$r", askerReference),
            ("$text", text), ("$now", now));
        return (await GetAsync(id, cancellationToken))!;
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM peer_questions WHERE id = $id;", cancellationToken, ("$id", id));

    public async Task<PeerQuestion?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {Columns} FROM peer_questions q WHERE q.id = $id;", Read, cancellationToken, ("$id", id)))
        .SingleOrDefault();

    public Task SetChannelMessageAsync(string id, string conversationId, string? activityId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE peer_questions SET channel_conversation_id = $c, channel_activity_id = $a WHERE id = $id;",
            cancellationToken, ("$id", id), ("$c", conversationId), ("$a", activityId));

    /// <summary>Adds an answer unless the question is gone or resolved; both checks and the insert are one transaction.</summary>
    public async Task<AnswerOutcome> AddAnswerAsync(PeerAnswer answer, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await using var status = connection.Command($"SELECT status FROM peer_questions WHERE id = $id{database.ForUpdate};", ("$id", answer.QuestionId));
        status.Transaction = transaction;
        var current = await status.ExecuteScalarAsync(cancellationToken) as string;
        if (current is null) return AnswerOutcome.QuestionNotFound;
        if (current == nameof(PeerQuestionStatus.Resolved)) return AnswerOutcome.QuestionResolved;
        var now = time.Utc();
        await using var insert = connection.Command("""
            INSERT INTO peer_answers (question_id, answerer_key, answerer_name, text, created_utc) VALUES ($q, $k, $n, $t, $now);
            UPDATE peer_questions SET status = 'Answered', updated_utc = $now WHERE id = $q;
            """, ("$q", answer.QuestionId), ("$k", answer.AnswererKey), ("$n", answer.AnswererName), ("$t", answer.Text), ("$now", now));
        insert.Transaction = transaction;
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AnswerOutcome.Added;
    }

    /// <summary>Only the asker can resolve; true when the question was open or answered and is now resolved.</summary>
    public async Task<bool> ResolveAsync(string id, string askerKey, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("""
            UPDATE peer_questions SET status = 'Resolved', updated_utc = $now WHERE id = $id AND asker_key = $k AND status <> 'Resolved';
            """, cancellationToken, ("$id", id), ("$k", askerKey), ("$now", time.Utc())) == 1;

    /// <summary>Open questions posted before <paramref name="postedBefore"/>, without answers and not yet reminded.</summary>
    public Task<List<PeerQuestion>> DueForReminderAsync(DateTimeOffset postedBefore, CancellationToken cancellationToken) =>
        database.QueryAsync($"""
            SELECT {Columns} FROM peer_questions q
            WHERE q.status = 'Open' AND q.reminded_utc IS NULL AND q.channel_conversation_id IS NOT NULL AND q.created_utc <= $before
            ORDER BY q.created_utc;
            """, Read, cancellationToken, ("$before", postedBefore.ToString("O")));

    /// <summary>Claims the reminder: true for the one caller that set it.</summary>
    public async Task<bool> MarkRemindedAsync(string id, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("UPDATE peer_questions SET reminded_utc = $now WHERE id = $id AND reminded_utc IS NULL;",
            cancellationToken, ("$id", id), ("$now", time.Utc())) == 1;

    public Task<List<PeerQuestion>> ByAskerAsync(string askerKey, CancellationToken cancellationToken) =>
        database.QueryAsync($"SELECT {Columns} FROM peer_questions q WHERE q.asker_key = $k ORDER BY q.created_utc;", Read,
            cancellationToken, ("$k", askerKey));

    private static PeerQuestion Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3), r.NullableString(4), r.GetString(5),
        Enum.Parse<PeerQuestionStatus>(r.GetString(6)), DateTimeOffset.Parse(r.GetString(7), System.Globalization.CultureInfo.InvariantCulture),
        r.NullableString(8), r.NullableString(9), r.Int(10));
}
