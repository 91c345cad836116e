using Microsoft.Extensions.Logging.Abstractions;
using PractitionerBot.Insights;
using PractitionerBot.Knowledge;
using PractitionerBot.Members;
using PractitionerBot.Privacy;
using PractitionerBot.Storage;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Tests.Storage;

/// <summary>The insights' question records on each provider: retention, erasure across salt periods, the report.</summary>
public abstract partial class StorageSuite
{
    private static readonly InsightsOptions DailySalts = new() { SaltRotationDays = 1 };

    private async Task AskAsync(string userId, string question, bool answered = false)
    {
        var insights = new QuestionInsights(Db, new MemberHash(Db, DailySalts, Clock), Clock, NullLogger<QuestionInsights>.Instance);
        var local = WorkingGroupDirectory.Load(RepoPaths.WorkingGroups).Find("local")!;
        await insights.RecordAsync(UserKey.For("msteams", userId), null, question, "en",
            KnowledgeAnswer.Empty(question, KnowledgeStatus.Ok) with { IsConfident = answered, Confidence = answered ? 0.8 : 0.2 },
            new RoutingResult(question, [new GroupScore(local, 1, "test")], false, true), default);
    }

    private Task<InsightsReport> ReportAsync(int days = 30) =>
        new InsightsQueries(Db, WorkingGroupDirectory.Load(RepoPaths.WorkingGroups), DailySalts, Clock).BuildAsync(days, default);

    [StorageFact]
    public async Task Insights_TopicShowsOnlyOnceThreeMembersAskedIt()
    {
        await AskAsync("29:a", "Lasagne recipe?");
        await AskAsync("29:a", "Lasagne recipe?");
        await AskAsync("29:b", "lasagne recipe");
        Assert.Empty((await ReportAsync()).UnansweredTopics);
        await AskAsync("29:c", "A LASAGNE recipe, anyone?");
        var topic = Assert.Single((await ReportAsync()).UnansweredTopics);
        Assert.Equal(["lasagne", "recipe"], topic.Terms);
        Assert.Equal(3, topic.Members);
        Assert.Equal(4, topic.Asked);
    }

    [StorageFact]
    public async Task Insights_AMemberInTwoSaltPeriodsIsNeverCountedTwice()
    {
        await AskAsync("29:a", "lasagne recipe");
        await AskAsync("29:b", "lasagne recipe");
        Clock.Advance(TimeSpan.FromDays(1));
        await AskAsync("29:a", "lasagne recipe");
        Assert.Empty((await ReportAsync()).UnansweredTopics); // two members, though three hashes
    }

    [StorageFact]
    public async Task Insights_ForgetMeRemovesTheMembersRecordsFromEverySaltPeriod()
    {
        await AskAsync("29:leaver", "lasagne recipe");
        await AskAsync("29:stayer", "lasagne recipe");
        Clock.Advance(TimeSpan.FromDays(2));
        await AskAsync("29:leaver", "bicycle chain", answered: true);
        Assert.Equal(3, (await ReportAsync()).Questions.Asked);

        await new MemberErasure(Db, Clock, NullLogger<MemberErasure>.Instance).EraseAsync(UserKey.For("msteams", "29:leaver"), default);

        var report = await ReportAsync();
        Assert.Equal(1, report.Questions.Asked);
        Assert.Equal(0, report.Questions.Answered);
    }

    [StorageFact]
    public async Task Insights_RetentionDeletesOldRecordsAndTheSaltsNoRecordUses()
    {
        await AskAsync("29:a", "lasagne recipe");
        Clock.Advance(TimeSpan.FromDays(20));
        await AskAsync("29:a", "bicycle chain");
        var purge = new RetentionPurge(Db, new RetentionOptions { InsightsDays = 15 }, Clock, NullLogger<RetentionPurge>.Instance);

        Assert.Equal(1, (await purge.RunAsync(default)).InsightQuestions);
        Assert.Equal(1, (await ReportAsync(365)).Questions.Asked);
        Assert.Equal(1, (await Db.QueryAsync("SELECT COUNT(*) FROM insight_salts;", r => r.Int(0), default))[0]);
        Assert.Equal(0, (await purge.RunAsync(default)).InsightQuestions);
    }
}
