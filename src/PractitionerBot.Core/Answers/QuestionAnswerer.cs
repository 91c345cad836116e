using Microsoft.Extensions.Logging;
using PractitionerBot.Conversations;
using PractitionerBot.Insights;
using PractitionerBot.Knowledge;
using PractitionerBot.Localization;
using PractitionerBot.Members;
using PractitionerBot.Telemetry;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Answers;

/// <summary>A question to the papers: the answer card with its sources, or "no good answer" with the working groups whose peers may know.</summary>
public sealed partial class QuestionAnswerer(IKnowledgeBase knowledge, IWorkingGroupDirectory groups, WorkingGroupRouter router, FollowStore follows,
    MemberLanguage languages, ChatOptions options, QuestionInsights insights, ILogger<QuestionAnswerer> log)
{
    /// <param name="chosenLanguage">The language of the member's profile, if they chose one; else the answer speaks the question's.</param>
    public async Task<Reply> AnswerAsync(IncomingMessage message, string question, string? chosenLanguage, CancellationToken cancellationToken)
    {
        if (question.Length > options.MaxMessageLength) question = question[..options.MaxMessageLength];
        KnowledgeAnswer answer;
        using (BotTelemetry.Source.StartActivity("search")) answer = knowledge.Ask(question, options.SourcesPerAnswer);
        LogAnswered(log, answer.Status, answer.Hits.Count, Math.Round(answer.Confidence, 2), answer.IsConfident);
        // The answer speaks the language the question was written in, unless the member chose one.
        var t = languages.ForAnswer(chosenLanguage, answer.Language, message.Locale);
        if (answer.Status != KnowledgeStatus.Ok)
        {
            BotTelemetry.Answered(answer.Status == KnowledgeStatus.NoTerms ? "no_terms" : "not_ready");
            return AnswerReplies.From(answer, groups, t) with { Texts = t };
        }
        var routing = router.Route(question, answer: answer);
        await insights.RecordAsync(UserKey.For(message.ChannelId, message.UserId), message.UserName, question, t.Language, answer, routing, cancellationToken);
        if (answer.IsConfident) return AnswerReplies.From(answer, groups, t, Line(routing.Best.Group, t.Language)) with { Texts = t };
        return new NoAnswerReply(question, await RecommendationsAsync(message, routing, t, cancellationToken)) { Texts = t };
    }

    /// <summary>"Which group is for me": the groups that fit a sentence about the member's work, with reasons.</summary>
    public async Task<Reply> RecommendAsync(IncomingMessage message, string about, LocalTexts t, CancellationToken cancellationToken)
    {
        var routing = router.Route(about);
        if (!routing.HasSignal) return new TextReply(t["noSignal"]);
        var intro = routing.TwoFit
            ? t.Get("recommendTwo", ("first", routing.Ranked[0].Group.NameIn(t.Language)), ("second", routing.Ranked[1].Group.NameIn(t.Language)))
            : t.Get("recommendBest", ("group", routing.Best.Group.NameIn(t.Language)));
        return new RecommendationReply(intro, await RecommendationsAsync(message, routing, t, cancellationToken), routing.TwoFit, null);
    }

    private async Task<IReadOnlyList<GroupRecommendation>> RecommendationsAsync(IncomingMessage message, RoutingResult routing, LocalTexts t,
        CancellationToken cancellationToken)
    {
        var followed = await follows.GroupsAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        var shown = routing.Ranked.Take(3).Where((s, i) => i == 0 || s.Score >= 0.1).ToList();
        return shown.Select(s => new GroupRecommendation(Line(s.Group, t.Language), s.Score, s.ReasonIn(t), followed.Contains(s.Group.Id))).ToList();
    }

    private static GroupLine Line(WorkingGroup g, string language) => new(g.Id, g.NameIn(language), g.ShortName, g.Covers);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Question answered: status {Status}, {HitCount} hits, confidence {Confidence}, confident {Confident}")]
    private static partial void LogAnswered(ILogger logger, KnowledgeStatus status, int hitCount, double confidence, bool confident);
}
