using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PractitionerBot.Storage;

namespace PractitionerBot.Privacy;

/// <summary>Configuration section "Retention": how long data that is only kept for a while is kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Answer feedback (helpful or not, and the question it was about) is deleted this many days after it was given.</summary>
    [Range(1, 3650)] public int FeedbackDays { get; set; } = 365;

    /// <summary>A resolved peer question and its answers are deleted this many days after it was resolved.</summary>
    [Range(1, 3650)] public int ResolvedPeerQuestionDays { get; set; } = 180;

    /// <summary>Question records for the coordinators' insights (no text, no asker) are deleted this many days after the question.</summary>
    [Range(1, 3650)] public int InsightsDays { get; set; } = 365;

    /// <summary>How often the purge runs (it also runs at start-up).</summary>
    [Range(1, 168)] public int CheckHours { get; set; } = 24;
}

public sealed record RetentionResult(int Feedback, int PeerQuestions, int PeerAnswers, int InsightQuestions = 0);

/// <summary>Deletes feedback and resolved peer questions older than their retention period.</summary>
public sealed partial class RetentionPurge(Database database, RetentionOptions options, TimeProvider time, ILogger<RetentionPurge> log)
{
    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var feedbackCutoff = (now - TimeSpan.FromDays(options.FeedbackDays)).ToString("O");
        var questionCutoff = (now - TimeSpan.FromDays(options.ResolvedPeerQuestionDays)).ToString("O");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        async Task<int> Delete(string sql, string cutoff)
        {
            await using var command = connection.Command(transaction, sql, ("$cutoff", cutoff));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var feedback = await Delete("DELETE FROM feedback WHERE created_utc < $cutoff;", feedbackCutoff);
        var answers = await Delete("""
            DELETE FROM peer_answers WHERE question_id IN
                (SELECT id FROM peer_questions WHERE status = 'Resolved' AND updated_utc < $cutoff);
            """, questionCutoff);
        var questions = await Delete("DELETE FROM peer_questions WHERE status = 'Resolved' AND updated_utc < $cutoff;", questionCutoff);
        var insights = await Insights.InsightsRetention.PurgeAsync(connection, transaction, now - TimeSpan.FromDays(options.InsightsDays), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (feedback + questions + insights > 0) LogPurged(log, feedback, questions, answers, insights);
        return new RetentionResult(feedback, questions, answers, insights);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Retention purge deleted {Feedback} feedback rows, {Questions} resolved peer questions with {Answers} answers and {Insights} insight records")]
    private static partial void LogPurged(ILogger logger, int feedback, int questions, int answers, int insights);
}

/// <summary>Runs the retention purge at start-up and then every <see cref="RetentionOptions.CheckHours"/> (on <see cref="TimeProvider"/>).</summary>
public sealed partial class RetentionService(RetentionPurge purge, RetentionOptions options, TimeProvider time, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.CheckHours), time);
        do
        {
            try
            {
                await purge.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing is lost by a purge that did not run: the next one catches up.
                LogFailed(log, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Retention purge failed, trying again at the next check: {ErrorType}")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
