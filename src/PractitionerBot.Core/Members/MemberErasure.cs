using Microsoft.Extensions.Logging;
using PractitionerBot.Storage;

namespace PractitionerBot.Members;

/// <summary>What an erasure touched: the rows, and the peer questions whose channel cards still show the member's name.</summary>
public sealed record ErasureResult(int Rows, IReadOnlyList<string> PeerQuestionIds);

/// <summary>
/// "Forget me": deletes the member's profile, follows, consent, feedback, outbox rows (announcements and welcomes), chat reference, interest marks and question records, and anonymises the
/// questions they put to peers and the answers they gave (the text stays for the group, without
/// name, key or a way to reach them). Their open questions are closed: nobody could resolve them any more, and
/// closed questions are deleted by retention. Records that an erasure happened, without who.
/// </summary>
public sealed partial class MemberErasure(Database database, TimeProvider time, ILogger<MemberErasure> log)
{
    public async Task<ErasureResult> EraseAsync(string userKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var asked = new List<string>();
        await using (var select = connection.Command(transaction, "SELECT id FROM peer_questions WHERE asker_key = $k;", ("$k", userKey)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) asked.Add(reader.GetString(0));
        var rows = 0;
        await using (var close = connection.Command(transaction, """
            UPDATE peer_questions SET asker_key = 'erased', asker_name = NULL, asker_ref = NULL, status = 'Resolved',
                updated_utc = CASE WHEN status = 'Resolved' THEN updated_utc ELSE $now END
            WHERE asker_key = $k;
            """, ("$k", userKey), ("$now", time.Utc())))
            rows += await close.ExecuteNonQueryAsync(cancellationToken);
        foreach (var sql in new[]
                 {
                     "DELETE FROM profiles WHERE user_key = $k;",
                     "DELETE FROM follows WHERE user_key = $k;",
                     "DELETE FROM feedback WHERE user_key = $k;",
                     "UPDATE peer_answers SET answerer_key = 'erased', answerer_name = NULL WHERE answerer_key = $k;",
                     "DELETE FROM deliveries WHERE user_key = $k;",
                     "DELETE FROM conversations WHERE user_key = $k;",
                     "DELETE FROM interested WHERE user_key = $k;",
                     "DELETE FROM welcomes WHERE user_key = $k;",
                 })
        {
            await using var command = connection.Command(sql, ("$k", userKey));
            command.Transaction = transaction;
            rows += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        rows += await Insights.MemberHash.EraseAsync(connection, transaction, userKey, cancellationToken);
        await using (var record = connection.Command("INSERT INTO erasures (erased_utc, rows_erased) VALUES ($t, $n);", ("$t", time.Utc()), ("$n", rows)))
        {
            record.Transaction = transaction;
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogErased(log, rows);
        return new ErasureResult(rows, asked);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "A member's data was erased on request ({Rows} rows)")]
    private static partial void LogErased(ILogger logger, int rows);
}
