using Microsoft.Extensions.Logging;
using PractitionerBot.Knowledge;
using PractitionerBot.Storage;
using PractitionerBot.Telemetry;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Insights;

/// <summary>
/// Keeps, for each question to the papers, only what the coordinators' insights need: when, in which language, for
/// which working groups, answered or not, how confident, and its key terms without names, e-mail addresses or phone
/// numbers. Never the text, never who asked (a salted, rotating hash: see <see cref="MemberHash"/>).
/// </summary>
public sealed partial class QuestionInsights(Database database, MemberHash members, TimeProvider time, ILogger<QuestionInsights> log)
{
    /// <summary>Records a question; <paramref name="askerName"/> only to remove it from the key terms.</summary>
    public async Task RecordAsync(string userKey, string? askerName, string question, string language, KnowledgeAnswer answer, RoutingResult routing,
        CancellationToken cancellationToken)
    {
        BotTelemetry.Answered(answer.IsConfident ? "answered" : "abstained");
        var groups = routing.TwoFit ? routing.Ranked.Take(2).Select(r => r.Group.Id) : [routing.Best.Group.Id];
        try
        {
            var (period, hash) = await members.OfAsync(userKey, cancellationToken);
            await database.ExecuteAsync("""
                INSERT INTO insight_questions (asked_utc, language, working_groups, answered, confidence, terms, member_hash, salt_period)
                VALUES ($t, $l, $g, $a, $c, $terms, $h, $p);
                """, cancellationToken, ("$t", time.Utc()), ("$l", language), ("$g", string.Join(' ', groups)), ("$a", answer.IsConfident ? 1 : 0),
                ("$c", Math.Round(answer.Confidence, 3)), ("$terms", string.Join(' ', KeyTerms.Of(question, askerName))), ("$h", hash), ("$p", period));
        }
        catch (Exception ex) when (Database.IsUnavailable(ex))
        {
            // The member still gets the answer: insights are worth less than the turn.
            LogNotRecorded(log, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "A question could not be recorded for insights: {ErrorType}")]
    private static partial void LogNotRecorded(ILogger logger, string errorType);
}
