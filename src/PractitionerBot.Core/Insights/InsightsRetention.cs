using System.Data.Common;
using PractitionerBot.Storage;

namespace PractitionerBot.Insights;

/// <summary>Part of the retention purge: question records past <c>Retention:InsightsDays</c>, and the salts no record uses any more.</summary>
internal static class InsightsRetention
{
    public static async Task<int> PurgeAsync(DbConnection connection, DbTransaction transaction, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var questions = connection.Command(transaction, "DELETE FROM insight_questions WHERE asked_utc < $cutoff;", ("$cutoff", cutoff.ToString("O")));
        var deleted = await questions.ExecuteNonQueryAsync(cancellationToken);
        // A salt goes with the last question of its period: then nobody can tell whose hash was whose. The newest salt
        // stays (it is the current period's, which instances cache).
        await using var salts = connection.Command(transaction, """
            DELETE FROM insight_salts WHERE period NOT IN (SELECT DISTINCT salt_period FROM insight_questions)
                AND period < (SELECT MAX(period) FROM insight_salts);
            """);
        await salts.ExecuteNonQueryAsync(cancellationToken);
        return deleted;
    }
}
