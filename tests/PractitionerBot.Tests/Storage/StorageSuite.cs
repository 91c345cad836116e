using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PractitionerBot.Announcements;
using PractitionerBot.Bot;
using PractitionerBot.Feedback;
using PractitionerBot.Members;
using PractitionerBot.Onboarding;
using PractitionerBot.PeerExchange;
using PractitionerBot.Privacy;
using PractitionerBot.Storage;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Tests.Storage;

/// <summary>
/// What every state store promises, written once and run against each provider (<see cref="SqliteStorageTests"/>,
/// <see cref="PostgresStorageTests"/>): Bot Framework state with ETags, the outbox and its leases, one-time
/// transitions, migrations and erasure.
/// </summary>
public abstract partial class StorageSuite : IAsyncLifetime
{
    private static readonly WorkingGroupDirectory Groups = WorkingGroupDirectory.Load(RepoPaths.WorkingGroups);

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 5, 1, 9, 0, 0, TimeSpan.Zero));

    protected Database Db { get; private set; } = null!;

    /// <summary>Opens the suite's database (a fresh one on the first call; the same one again after).</summary>
    protected abstract Task<Database> OpenAsync();

    /// <summary>Every text column of every table, to look for a member's key after erasure.</summary>
    protected abstract Task<List<(string Table, string Column)>> TextColumnsAsync();

    public async Task InitializeAsync() => Db = await OpenAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public sealed class Item : IStoreItem
    {
        public string? Name { get; set; }
        public int Count { get; set; }
        public string? ETag { get; set; }
    }

    private SqlStorage State => new(Db, TimeProvider.System);

    [StorageFact]
    public async Task Write_ThenRead_RoundTripsTypedItemsWithAnETag()
    {
        await State.WriteAsync(new Dictionary<string, object> { ["a"] = new Item { Name = "x", Count = 2 } });
        var read = await State.ReadAsync(["a", "missing"]);
        var item = Assert.IsType<Item>(Assert.Single(read).Value);
        Assert.Equal(2, item.Count);
        Assert.False(string.IsNullOrEmpty(item.ETag));
    }

    [StorageFact]
    public async Task Write_WithAStaleETag_FailsAndKeepsTheNewerValue()
    {
        await State.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 1 } });
        var first = (Item)(await State.ReadAsync(["k"]))["k"];
        var second = (Item)(await State.ReadAsync(["k"]))["k"];
        first.Count = 10;
        await State.WriteAsync(new Dictionary<string, object> { ["k"] = first });
        second.Count = 20;
        await Assert.ThrowsAsync<InvalidOperationException>(() => State.WriteAsync(new Dictionary<string, object> { ["k"] = second }));
        Assert.Equal(10, ((Item)(await State.ReadAsync(["k"]))["k"]).Count);
    }

    [StorageFact]
    public async Task Write_WithWildcardOrNoETag_Overwrites()
    {
        await State.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 1 } });
        await State.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 2, ETag = "*" } });
        await State.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 3 } });
        Assert.Equal(3, ((Item)(await State.ReadAsync(["k"]))["k"]).Count);
    }

    [StorageFact]
    public async Task Delete_RemovesTheItem()
    {
        await State.WriteAsync(new Dictionary<string, object> { ["k"] = new Item() });
        await State.DeleteAsync(["k"]);
        Assert.Empty(await State.ReadAsync(["k"]));
    }

    [StorageFact]
    public async Task Write_ConcurrentWritersWithOneETag_OnlyOneWins()
    {
        await State.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 0 } });
        var etag = ((Item)(await State.ReadAsync(["k"]))["k"]).ETag;
        var attempts = Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await new SqlStorage(Db, TimeProvider.System).WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = i, ETag = etag } });
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));
        Assert.Equal(1, (await Task.WhenAll(attempts)).Count(r => r));
    }

    [StorageFact]
    public async Task Open_AgainOnAMigratedDatabase_KeepsTheDataAndTheVersion()
    {
        await new FollowStore(Db, Clock).FollowAsync("member-1", "local", default);
        var again = await OpenAsync();
        Assert.Equal(Db.SchemaVersion, again.SchemaVersion);
        Assert.Equal(["local"], await new FollowStore(again, Clock).GroupsAsync("member-1", default));
    }

    [StorageFact]
    public async Task Enqueue_TheSameRecipientTwice_WritesOneRow()
    {
        var outbox = new DeliveryStore(Db, Clock);
        Assert.Equal(2, await outbox.EnqueueAsync("a1", "announce", Recipients(2), default));
        Assert.Equal(1, await outbox.EnqueueAsync("a1", "announce", Recipients(3), default));
        Assert.Equal(3, (await outbox.CountsAsync("a1", default)).Pending);
    }

    [StorageFact]
    public async Task Claim_LeasedRows_AreNotClaimedAgainUntilTheLeaseRunsOut()
    {
        var outbox = new DeliveryStore(Db, Clock);
        await outbox.EnqueueAsync("a1", "announce", Recipients(3), default);
        var first = await outbox.ClaimAsync(10, TimeSpan.FromSeconds(60), default);
        Assert.Equal(3, first.Count);
        Assert.Equal(first.Select(d => d.Id).Order(), first.Select(d => d.Id));
        Assert.Empty(await outbox.ClaimAsync(10, TimeSpan.FromSeconds(60), default));
        await outbox.DeliveredAsync(first[0].Id, "activity-1", default);

        Clock.Advance(TimeSpan.FromSeconds(61)); // the instance that claimed them died
        var again = await outbox.ClaimAsync(10, TimeSpan.FromSeconds(60), default);
        Assert.Equal(first.Skip(1).Select(d => d.Id), again.Select(d => d.Id));
    }

    [StorageFact]
    public async Task Claim_ByFourDispatchersAtOnce_NeverHandsARowToTwo()
    {
        await new DeliveryStore(Db, Clock).EnqueueAsync("a1", "announce", Recipients(400), default);
        var claimers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var outbox = new DeliveryStore(Db, Clock);
            var mine = new List<long>();
            while ((await outbox.ClaimAsync(7, TimeSpan.FromMinutes(5), default)) is { Count: > 0 } batch) mine.AddRange(batch.Select(d => d.Id));
            return mine;
        }));
        var claimed = (await Task.WhenAll(claimers)).SelectMany(ids => ids).ToList();
        Assert.Equal(400, claimed.Count);
        Assert.Equal(400, claimed.Distinct().Count());
    }

    [StorageFact]
    public async Task EnqueueWelcomes_SameTeamTwiceAndMembersWithAProfileOrAWelcome_WritesOneRowPerNewMember()
    {
        var welcomes = new WelcomeStore(Db, Clock);
        await new ProfileStore(Db, Clock).SaveAsync(new MemberProfile("member-0001", "teacher", null, "BE", null, [], "en", Clock.GetUtcNow(), "{}"), default);
        Assert.Equal(2, await welcomes.EnqueueAsync("team-a", WelcomeRecipients(3), default)); // member-0001 has a profile
        Assert.Equal(1, await welcomes.EnqueueAsync("team-a", WelcomeRecipients(4), default)); // the same activity again, one member more
        var claimed = await welcomes.ClaimAsync(10, TimeSpan.FromSeconds(60), default);
        Assert.Equal(3, claimed.Count);
        await welcomes.DoneAsync(claimed[0].Id, WelcomeStatus.Delivered, null, default);

        // Another team: the member welcomed already is left out; the two still being welcomed get a row each, skipped when sent.
        Assert.Equal(2, await welcomes.EnqueueAsync("team-b", WelcomeRecipients(4), default));
        Assert.Equal(new WelcomeCounts(2, 1, 0, 0, 0), await welcomes.CountsAsync("team-a", default));
    }

    [StorageFact]
    public async Task ClaimWelcomes_LeasedRows_ComeBackWithTheirProgressOnlyAfterTheLease()
    {
        var welcomes = new WelcomeStore(Db, Clock);
        await welcomes.EnqueueAsync("team-a", WelcomeRecipients(3), default);
        var first = await welcomes.ClaimAsync(10, TimeSpan.FromSeconds(60), default);
        Assert.Equal(3, first.Count);
        Assert.Empty(await welcomes.ClaimAsync(10, TimeSpan.FromSeconds(60), default));
        await welcomes.PartSentAsync(first[1].Id, 1, default);
        await welcomes.RetryAsync(first[2].Id, Clock.GetUtcNow() + TimeSpan.FromSeconds(120), "throttled", failed: false, default);

        Clock.Advance(TimeSpan.FromSeconds(61)); // the instance that claimed them died
        var again = await welcomes.ClaimAsync(10, TimeSpan.FromSeconds(60), default);
        Assert.Equal(first.Take(2).Select(w => w.Id), again.Select(w => w.Id));
        Assert.Equal([0, 1], again.Select(w => w.PartsSent));
        foreach (var w in again) await welcomes.DoneAsync(w.Id, WelcomeStatus.Delivered, null, default);
        Clock.Advance(TimeSpan.FromSeconds(60)); // the throttled one is due
        Assert.Equal(first[2].Id, Assert.Single(await welcomes.ClaimAsync(10, TimeSpan.FromSeconds(60), default)).Id);
    }

    [StorageFact]
    public async Task ClaimWelcomes_ByFourDispatchersAtOnce_NeverHandsARowToTwo()
    {
        await new WelcomeStore(Db, Clock).EnqueueAsync("team-a", WelcomeRecipients(300), default);
        var claimers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var welcomes = new WelcomeStore(Db, Clock);
            var mine = new List<long>();
            while ((await welcomes.ClaimAsync(7, TimeSpan.FromMinutes(5), default)) is { Count: > 0 } batch) mine.AddRange(batch.Select(w => w.Id));
            return mine;
        }));
        var claimed = (await Task.WhenAll(claimers)).SelectMany(ids => ids).ToList();
        Assert.Equal(300, claimed.Count);
        Assert.Equal(300, claimed.Distinct().Count());
    }

    private static List<WelcomeRecipient> WelcomeRecipients(int count) =>
        Enumerable.Range(0, count).Select(i => new WelcomeRecipient($"member-{i:D4}", Welcome.Member, "{\"user\":{\"id\":\"29:m" + i + "\"}}")).ToList();

    [StorageFact]
    public async Task Housekeep_ByTwoInstancesAtOnce_StartsTheScheduledAnnouncementOnce()
    {
        var follows = new FollowStore(Db, Clock);
        var registry = new ConversationRegistry(Db, Clock);
        foreach (var (conversation, reference, user) in Recipients(25))
        {
            await follows.FollowAsync(user!, "local", default);
            await registry.RememberAsync(user!, conversation, reference, default);
        }
        var store = new AnnouncementStore(Db, Clock);
        var scheduled = Announcement() with { Status = AnnouncementStatus.Scheduled, PublishAt = Clock.GetUtcNow().AddMinutes(-1) };
        await store.InsertAsync(scheduled, default);

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Scheduler().HousekeepAsync(default))));

        Assert.Equal(AnnouncementStatus.Sending, (await store.GetAsync(scheduled.Id, default))!.Status);
        Assert.Equal(25, (await new DeliveryStore(Db, Clock).CountsAsync(scheduled.Id, default)).Pending);
    }

    [StorageFact]
    public async Task Replace_ConcurrentlyFromTheSameStatus_OnlyOneWins()
    {
        var store = new AnnouncementStore(Db, Clock);
        var draft = Announcement();
        await store.InsertAsync(draft, default);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            new AnnouncementStore(Db, Clock).ReplaceAsync(draft with { Status = AnnouncementStatus.Sending }, AnnouncementStatus.Draft, default))));
        Assert.Equal(1, results.Count(r => r));
    }

    [StorageFact]
    public async Task Link_ByCoordinatorsAtOnce_LeavesOneLinkPerGroupAndPerChannel()
    {
        var links = new ChannelLinkStore(Db, Clock);
        var others = Groups.All.Select(g => g.Id).Where(id => id != "local").Take(4).ToList();
        // Eight links at once: four channels for Local, and one other channel for four other groups.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => i < 4
            ? links.LinkAsync(new ChannelLink("local", $"19:channel-{i}", null, "{}"), $"coordinator-{i}", default)
            : links.LinkAsync(new ChannelLink(others[i - 4], "19:channel-shared", null, "{}"), $"coordinator-{i}", default))));
        var all = await links.AllAsync(default);
        Assert.Equal(all.Count, all.Select(l => l.GroupId).Distinct().Count());
        Assert.Equal(all.Count, all.Select(l => l.ConversationId).Distinct().Count());
        Assert.Contains(await links.ForChannelAsync("19:channel-shared", default), others);
        Assert.Equal("local", Assert.Single(all, l => l.ConversationId.StartsWith("19:channel-", StringComparison.Ordinal) && l.ConversationId != "19:channel-shared").GroupId);
    }

    [StorageFact]
    public async Task AddAnswer_AfterTheAskerResolved_IsRefused()
    {
        var questions = new PeerQuestionStore(Db, Clock);
        var question = await questions.CreateAsync("local", "asker", "Asker", null, "How do we start?", default);
        Assert.Equal(AnswerOutcome.Added, await questions.AddAnswerAsync(new PeerAnswer(question.Id, "peer", "Peer", "Like this."), default));
        Assert.True(await questions.ResolveAsync(question.Id, "asker", default));
        Assert.Equal(AnswerOutcome.QuestionResolved, await questions.AddAnswerAsync(new PeerAnswer(question.Id, "peer", "Peer", "Late."), default));
        Assert.Equal(1, (await questions.GetAsync(question.Id, default))!.Answers);
        Assert.True(await questions.MarkRemindedAsync(question.Id, default));
        Assert.False(await questions.MarkRemindedAsync(question.Id, default));
    }

    [StorageFact]
    public async Task Feedback_Summary_CountsHelpfulAndNot()
    {
        var feedback = new FeedbackStore(Db, Clock);
        await feedback.RecordAsync(new FeedbackEntry("m1", "doc", "p1", true, null), default);
        await feedback.RecordAsync(new FeedbackEntry("m1", "doc", "p2", true, null), default);
        await feedback.RecordAsync(new FeedbackEntry("m2", "doc", "p1", false, null), default);
        Assert.Equal(new FeedbackSummary(2, 1), await feedback.SummaryAsync(default));
    }

    [StorageFact]
    public async Task Retention_DeletesOldFeedbackAndOldResolvedQuestionsOnly()
    {
        var feedback = new FeedbackStore(Db, Clock);
        var questions = new PeerQuestionStore(Db, Clock);
        await feedback.RecordAsync(new FeedbackEntry("m1", "doc", "p1", true, "old"), default);
        var resolved = await questions.CreateAsync("local", "asker", null, null, "Resolved long ago", default);
        await questions.AddAnswerAsync(new PeerAnswer(resolved.Id, "peer", null, "An answer"), default);
        await questions.ResolveAsync(resolved.Id, "asker", default);
        var open = await questions.CreateAsync("local", "asker", null, null, "Still open", default);
        Clock.Advance(TimeSpan.FromDays(20));
        await feedback.RecordAsync(new FeedbackEntry("m2", "doc", "p1", false, "recent"), default);
        var recent = await questions.CreateAsync("local", "asker", null, null, "Resolved recently", default);
        await questions.ResolveAsync(recent.Id, "asker", default);

        var purge = new RetentionPurge(Db, new RetentionOptions { FeedbackDays = 15, ResolvedPeerQuestionDays = 10 }, Clock,
            NullLogger<RetentionPurge>.Instance);
        Assert.Equal(new RetentionResult(1, 1, 1), await purge.RunAsync(default));
        Assert.Equal(new FeedbackSummary(0, 1), await feedback.SummaryAsync(default));
        Assert.Null(await questions.GetAsync(resolved.Id, default));
        Assert.NotNull(await questions.GetAsync(open.Id, default));
        Assert.NotNull(await questions.GetAsync(recent.Id, default));
        Assert.Equal(new RetentionResult(0, 0, 0), await purge.RunAsync(default));
    }

    [StorageFact]
    public async Task Erase_LeavesTheMembersKeyInNoTable()
    {
        const string key = "erase-me-0123456789abcdef";
        Assert.Equal(1, await new WelcomeStore(Db, Clock).EnqueueAsync("team-a", [new WelcomeRecipient(key, Welcome.Member, "{}")], default));
        await new ProfileStore(Db, Clock).SaveAsync(new MemberProfile(key, "teacher", null, "BE", "Gent", ["schools"], "en", Clock.GetUtcNow(), "{}"), default);
        await new FollowStore(Db, Clock).FollowAsync(key, "local", default);
        await new FeedbackStore(Db, Clock).RecordAsync(new FeedbackEntry(key, "doc", "p", true, "q"), default);
        await new ConversationRegistry(Db, Clock).RememberAsync(key, "a:personal-erase", "{}", default);
        var questions = new PeerQuestionStore(Db, Clock);
        var asked = await questions.CreateAsync("local", key, "Name", "{}", "A question", default);
        var other = await questions.CreateAsync("local", "someone-else", null, null, "Another", default);
        await questions.AddAnswerAsync(new PeerAnswer(other.Id, key, "Name", "An answer"), default);
        await new DeliveryStore(Db, Clock).EnqueueAsync("a1", "announce", [("a:personal-erase", "{}", key)], default);
        await new AnnouncementStore(Db, Clock).MarkInterestedAsync("a1", key, default);

        await new MemberErasure(Db, Clock, NullLogger<MemberErasure>.Instance).EraseAsync(key, default);

        var found = new List<string>();
        foreach (var (table, column) in await TextColumnsAsync())
            if ((await Db.QueryAsync($"SELECT COUNT(*) FROM {table} WHERE {column} LIKE $k;", r => r.Int(0), default, ("$k", $"%{key}%")))[0] > 0)
                found.Add($"{table}.{column}");
        Assert.Empty(found);
        Assert.Equal("A question", (await questions.GetAsync(asked.Id, default))!.Text); // kept for the group, anonymised
        Assert.Equal(PeerQuestionStatus.Resolved, (await questions.GetAsync(asked.Id, default))!.Status); // closed, so retention removes it
    }

    protected static List<(string ConversationId, string Reference, string? UserKey)> Recipients(int count) =>
        Enumerable.Range(0, count).Select(i => ($"a:personal-{i:D4}", "{\"conversation\":{\"id\":\"a:personal-" + i + "\"}}", (string?)$"member-{i:D4}")).ToList();

    private Announcement Announcement() => new AnnouncementValidator(Groups, Clock).Validate(new AnnouncementRequest
    {
        Kind = "event", Title = "RAN LOCAL meeting", WorkingGroups = ["local"], Audience = new Audience(Channels: false, Followers: true),
        EventType = "meeting", StartsAt = "2031-03-10T09:30", EndsAt = "2031-03-10T16:00", TimeZone = "Europe/Brussels", Location = "Brussels",
    }, Guid.NewGuid().ToString("N")[..12]).Announcement!;

    private AnnouncementScheduler Scheduler() => new(new AnnouncementStore(Db, Clock), new DeliveryStore(Db, Clock), new ChannelLinkStore(Db, Clock),
        new ConversationRegistry(Db, Clock), new OutboxSignal(Clock), new AnnouncementOptions(), Clock, NullLogger<AnnouncementScheduler>.Instance);
}
