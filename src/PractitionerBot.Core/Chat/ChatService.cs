using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Dialogs;
using PractitionerBot.Feedback;
using PractitionerBot.Knowledge;
using PractitionerBot.Localization;
using PractitionerBot.Members;
using PractitionerBot.PeerExchange;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Chat;

/// <summary>Decides what the bot replies to a message: flows, commands, card actions, or an answer from the papers.</summary>
public sealed partial class ChatService(
    IKnowledgeBase knowledge,
    IWorkingGroupDirectory groups,
    WorkingGroupRouter router,
    IFeedbackStore feedback,
    FollowStore follows,
    PeerExchangeService peers,
    DialogEngine dialogs,
    ProfileStore profiles,
    ProfileViews profileViews,
    MemberErasure erasure,
    ConversationRegistry registry,
    Announcements.AnnouncementService announcements,
    BotTexts texts,
    TurnRateLimiter limiter,
    ChatOptions options,
    ILogger<ChatService> log)
{
    private const string AwaitingSelfDescription = "self-description";
    private const string AwaitingForgetConfirmation = "forget-confirmation";

    private static readonly string[] RecommendPhrases =
    [
        "which group is for me", "which working group is for me", "which group should i join", "what group should i join",
        "which group fits me", "which group", "which working group", "recommend a group", "recommend groups", "recommend",
    ];

    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, ConversationData state, CancellationToken cancellationToken)
    {
        await RememberConversationAsync(message, cancellationToken);
        var language = await LanguageAsync(message, cancellationToken);
        var inFlow = state.Dialog is not null;
        var replies = await RepliesAsync(message, state, language, cancellationToken);
        // Cards render their labels in the member's language; a flow that just ended may have saved a new one.
        var t = texts.In(inFlow && state.Dialog is null ? await LanguageAsync(message, cancellationToken) : language);
        return replies.Select(r => r.Texts is null ? r with { Texts = t } : r).ToList();
    }

    private async Task<IReadOnlyList<Reply>> RepliesAsync(IncomingMessage message, ConversationData state, string language, CancellationToken cancellationToken)
    {
        var t = texts.In(language);
        var text = (message.Text ?? "").Trim();
        var command = Normalize(text);
        var value = message.Value is { Count: > 0 } v ? v : null;

        if (state.Dialog is not null && (value?.ContainsKey("dialog") == true || (value is null && !IsEscape(command))))
            return await dialogs.ContinueAsync(new DialogContext(message, state, language), text, value, cancellationToken);
        if (value is not null) return [await HandleCardActionAsync(message, value, state, t, cancellationToken)];
        if (text.Length == 0) return [new TextReply(t["emptyMessage"])];

        var awaiting = state.Awaiting;
        state.Awaiting = null;
        if (awaiting == AwaitingSelfDescription && !IsCommand(command)) return [await RecommendAsync(message, text, t, cancellationToken)];
        if (awaiting == AwaitingForgetConfirmation)
        {
            var yes = ChoiceMatcher.Match(text, [new("yes", ["yes", "y", "oui", "ja", t["forgetYes"]]), new("no", ["no", "n", "non", "nein", "nee", t["forgetNo"]])]);
            if (yes is not null) return [await ForgetAsync(message, state, yes == "yes", t, cancellationToken)];
        }

        var (verb, argument) = SplitCommand(command);
        switch (command)
        {
            case "help" or "?" or "hi" or "hello" or "start":
                return [new TextReply(t["help"])];
            case "groups" or "working groups" or "list groups":
                return [new GroupListReply(AnswerReplies.GroupLines(groups))];
            case "my groups" or "following":
                return [await FollowingAsync(message, t, cancellationToken)];
            case "unlink":
                return [await peers.UnlinkAsync(message, t, cancellationToken)];
            case "onboard" or "onboarding" or "set up my profile":
                return await dialogs.StartAsync(ProfileViews.OnboardingFlow, new DialogContext(message, state, language), cancellationToken);
            case "profile" or "my profile":
                return [await profileViews.ProfileAsync(message, language, cancellationToken)];
            case "announce":
                return await dialogs.StartAsync("announce", new DialogContext(message, state, language), cancellationToken);
            case "forget me" or "delete my data" or "erase my data":
                state.Awaiting = AwaitingForgetConfirmation;
                return [profileViews.ForgetConfirm(language)];
        }
        switch (verb)
        {
            case "follow" when argument.Length > 0:
                return [await FollowAsync(message, argument, follow: true, t, cancellationToken)];
            case "unfollow" when argument.Length > 0:
                return [await FollowAsync(message, argument, follow: false, t, cancellationToken)];
            case "link" when argument.Length > 0:
                return [await peers.LinkAsync(message, argument, t, cancellationToken)];
            case "link":
                return [new TextReply(t.Get("peerLinkUsage", ("ids", string.Join(", ", groups.All.Select(g => g.Id)))))];
        }
        if (RecommendPhrases.FirstOrDefault(p => command.StartsWith(p, StringComparison.Ordinal)) is { } phrase)
        {
            var about = command[phrase.Length..].Trim(' ', '?', ':', ',', '.', '-');
            if (about.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2) return [await RecommendAsync(message, about, t, cancellationToken)];
            state.Awaiting = AwaitingSelfDescription;
            return [new TextReply(t["describeYourself"])];
        }
        return [await AnswerAsync(message, text, t, cancellationToken)];
    }

    /// <summary>
    /// The per-member turn limit, checked before anything else (before the typing indicator too):
    /// proceed, or answer politely once, or stay quiet.
    /// </summary>
    public (bool Proceed, Reply? Reply) Admit(IncomingMessage message)
    {
        switch (limiter.Check(UserKey.For(message.ChannelId, message.UserId)))
        {
            case TurnRateLimiter.Verdict.Drop:
                return (false, null);
            case TurnRateLimiter.Verdict.WarnOnce:
                LogRateLimited(log);
                return (false, new TextReply(texts.Get("rateLimited", BotTexts.Resolve(null, message.Locale))));
            default:
                return (true, null);
        }
    }

    /// <summary>First contact (personal install, or added to a team): the welcome and onboarding, once.</summary>
    public async Task<IReadOnlyList<Reply>> StartOnboardingAsync(IncomingMessage message, ConversationData state, CancellationToken cancellationToken)
    {
        await RememberConversationAsync(message, cancellationToken);
        if (state.Dialog is not null) return [];
        if (await profiles.GetAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken) is not null) return [];
        return await dialogs.StartAsync(ProfileViews.OnboardingFlow, new DialogContext(message, state, BotTexts.Resolve(null, message.Locale)), cancellationToken);
    }

    /// <summary>The bot was removed from a member's personal scope: nothing more is sent there.</summary>
    public Task UninstalledAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        registry.ForgetAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);

    /// <summary>Keeps where each member can be reached 1:1, for announcements to followers.</summary>
    private Task RememberConversationAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        message.ConversationType == "personal" && message.ConversationReference is { } reference && message.UserId.Length > 0
            ? registry.RememberAsync(UserKey.For(message.ChannelId, message.UserId), message.ConversationId, reference, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Action.Execute from a card (Teams universal actions): the returned card replaces the clicked one.</summary>
    public async Task<InvokeReply> HandleInvokeAsync(IncomingMessage message, string? verb, JsonObject? data, CancellationToken cancellationToken) =>
        verb switch
        {
            "peerAnswer" => await peers.AnswerAsync(message, data, texts.In(await LanguageAsync(message, cancellationToken)), cancellationToken),
            "interested" => await announcements.InterestedAsync(message, data, cancellationToken),
            _ => InvokeReply.Text("This button is not supported any more; please ask your question again."),
        };

    public async Task<Reply> AnswerAsync(IncomingMessage message, string question, LocalTexts t, CancellationToken cancellationToken)
    {
        if (question.Length > options.MaxMessageLength) question = question[..options.MaxMessageLength];
        var answer = knowledge.Ask(question, options.SourcesPerAnswer);
        LogAnswered(log, answer.Status, answer.Hits.Count, Math.Round(answer.Confidence, 2), answer.IsConfident);
        // The answer speaks the language the question was written in, unless the member chose one.
        t = texts.In(await LanguageAsync(message, answer.Language, cancellationToken));
        if (answer.Status != KnowledgeStatus.Ok) return AnswerReplies.From(answer, groups, t) with { Texts = t };
        var routing = router.Route(question, answer: answer);
        if (answer.IsConfident) return AnswerReplies.From(answer, groups, t, Line(routing.Best.Group)) with { Texts = t };
        return new NoAnswerReply(question, await RecommendationsAsync(message, routing, cancellationToken, t)) { Texts = t };
    }

    private Task<string> LanguageAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        LanguageAsync(message, null, cancellationToken);

    private async Task<string> LanguageAsync(IncomingMessage message, string? detected, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        return BotTexts.LanguageOf(profile?.Language, detected, message.Locale);
    }

    private async Task<Reply> RecommendAsync(IncomingMessage message, string about, LocalTexts t, CancellationToken cancellationToken)
    {
        var routing = router.Route(about);
        if (!routing.HasSignal) return new TextReply(t["noSignal"]);
        var intro = routing.TwoFit
            ? t.Get("recommendTwo", ("first", routing.Ranked[0].Group.NameIn(t.Language)), ("second", routing.Ranked[1].Group.NameIn(t.Language)))
            : t.Get("recommendBest", ("group", routing.Best.Group.NameIn(t.Language)));
        return new RecommendationReply(intro, await RecommendationsAsync(message, routing, cancellationToken, t), routing.TwoFit, null);
    }

    private async Task<IReadOnlyList<GroupRecommendation>> RecommendationsAsync(IncomingMessage message, RoutingResult routing,
        CancellationToken cancellationToken, LocalTexts t)
    {
        var followed = await follows.GroupsAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        var shown = routing.Ranked.Take(3).Where((s, i) => i == 0 || s.Score >= 0.1).ToList();
        return shown.Select(s => new GroupRecommendation(Line(s.Group, t.Language), s.Score, s.ReasonIn(t), followed.Contains(s.Group.Id))).ToList();
    }

    private async Task<Reply> FollowAsync(IncomingMessage message, string groupId, bool follow, LocalTexts t, CancellationToken cancellationToken)
    {
        if (groups.Find(groupId) is not { } group)
            return new TextReply(t.Get("unknownGroup", ("id", TextUtil.Truncate(groupId, 60)), ("ids", string.Join(", ", groups.All.Select(g => g.Id)))));
        var key = UserKey.For(message.ChannelId, message.UserId);
        var changed = follow ? await follows.FollowAsync(key, group.Id, cancellationToken) : await follows.UnfollowAsync(key, group.Id, cancellationToken);
        var name = ("group", group.NameIn(t.Language));
        return new TextReply((follow, changed) switch
        {
            (true, true) => t.Get("followDone", name),
            (true, false) => t.Get("followAlready", name),
            (false, true) => t.Get("unfollowDone", name),
            (false, false) => t.Get("unfollowNotFollowing", name),
        });
    }

    private async Task<Reply> FollowingAsync(IncomingMessage message, LocalTexts t, CancellationToken cancellationToken)
    {
        var followed = await follows.GroupsAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        return new TextReply(followed.Count == 0
            ? t["followingNone"]
            : t.Get("followingList", ("groups", string.Join(", ", followed.Select(id => $"**{groups.Find(id)?.NameIn(t.Language) ?? id}**")))));
    }

    private async Task<Reply> ForgetAsync(IncomingMessage message, ConversationData state, bool confirmed, LocalTexts t, CancellationToken cancellationToken)
    {
        if (!confirmed) return new TextReply(t["forgetCancelled"]);
        await erasure.EraseAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        state.Dialog = null;
        state.Awaiting = null;
        state.EraseRequested = true;
        return new TextReply(t["forgetDone"]);
    }

    private async Task<Reply> HandleCardActionAsync(IncomingMessage message, JsonObject value, ConversationData state, LocalTexts t,
        CancellationToken cancellationToken)
    {
        var action = value.String("action", 200);
        switch (action)
        {
            case "feedback" when value["helpful"] is JsonValue h && h.TryGetValue(out bool helpful):
                var entry = new FeedbackEntry(UserKey.For(message.ChannelId, message.UserId),
                    value.String("documentId", 200), value.String("passageId", 200), helpful, value.String("question", 500));
                await feedback.RecordAsync(entry, cancellationToken);
                return new TextReply(t["feedbackThanks"]);
            case "follow" or "unfollow" when value.String("group", 200) is { } group:
                return await FollowAsync(message, group, action == "follow", t, cancellationToken);
            case "groups":
                return new GroupListReply(AnswerReplies.GroupLines(groups));
            case "askPeers" when value.String("group", 200) is { } group:
                return peers.StartAsk(group, value.String("question", 20_000), t);
            case "postPeerQuestion" when value.String("group", 200) is { } group:
                return await peers.PostAsync(message, group, value.String("question", 100_000), IsTrue(value["anonymous"]), t, cancellationToken);
            case "resolvePeerQuestion":
                return await peers.ResolveAsync(message, value.String("questionId", 100), t, cancellationToken);
            case "onboard":
                return (await dialogs.StartAsync(ProfileViews.OnboardingFlow, new DialogContext(message, state, t.Language), cancellationToken)) is { Count: > 0 } replies
                    ? replies[0] : new TextReply(t["help"]);
            case "forgetMe":
                state.Awaiting = AwaitingForgetConfirmation;
                return profileViews.ForgetConfirm(t.Language);
            case "forgetMeConfirmed" or "forgetMeCancelled":
                return await ForgetAsync(message, state, action == "forgetMeConfirmed", t, cancellationToken);
        }
        LogUnknownAction(log, SafeName(action));
        return new TextReply(t["unknownAction"]);
    }

    private static bool IsTrue(JsonNode? node) =>
        node is JsonValue v && ((v.TryGetValue(out bool b) && b) || (v.TryGetValue(out string? s) && s == "true"));

    /// <summary>Commands that leave a flow: the member asked for something else entirely.</summary>
    private static bool IsEscape(string command) => command is "forget me" or "profile" or "my profile";

    private static bool IsCommand(string command) =>
        command is "help" or "groups" or "cancel" or "my groups" or "profile" or "forget me" or "onboard"
        || SplitCommand(command).Verb is "follow" or "unfollow" or "link";

    private static string Normalize(string text) => text.ToLowerInvariant().Trim().TrimEnd('.', '!', '?', ' ');

    private static (string Verb, string Argument) SplitCommand(string command)
    {
        var space = command.IndexOf(' ');
        return space < 0 ? (command, "") : (command[..space], command[(space + 1)..].Trim());
    }

    private static GroupLine Line(WorkingGroup g, string language = "en") => new(g.Id, g.NameIn(language), g.ShortName, g.Covers);

    /// <summary>Card data comes from the client: log it only when it looks like one of our action names.</summary>
    private static string SafeName(string? action) =>
        action is { Length: > 0 and <= 40 } && action.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? action : "(other)";

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Question answered: status {Status}, {HitCount} hits, confidence {Confidence}, confident {Confident}")]
    private static partial void LogAnswered(ILogger logger, KnowledgeStatus status, int hitCount, double confidence, bool confident);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "A member went over the turn rate limit; further turns are dropped until the minute passes")]
    private static partial void LogRateLimited(ILogger logger);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Card action not recognised: {Action}")]
    private static partial void LogUnknownAction(ILogger logger, string action);
}
