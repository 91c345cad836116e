using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Feedback;
using PractitionerBot.Knowledge;
using PractitionerBot.Members;
using PractitionerBot.PeerExchange;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Chat;

/// <summary>Decides what the bot replies to a message: commands, card actions, or an answer from the papers.</summary>
public sealed partial class ChatService(
    IKnowledgeBase knowledge,
    IWorkingGroupDirectory groups,
    WorkingGroupRouter router,
    IFeedbackStore feedback,
    FollowStore follows,
    PeerExchangeService peers,
    ChatOptions options,
    ILogger<ChatService> log)
{
    private const string AwaitingSelfDescription = "self-description";

    private static readonly string[] RecommendPhrases =
    [
        "which group is for me", "which working group is for me", "which group should i join", "what group should i join",
        "which group fits me", "which group", "which working group", "recommend a group", "recommend groups", "recommend",
    ];

    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, ConversationData state, CancellationToken cancellationToken)
    {
        if (message.Value is { Count: > 0 } value) return [await HandleCardActionAsync(message, value, cancellationToken)];

        var text = (message.Text ?? "").Trim();
        if (text.Length == 0) return [new TextReply(Texts.EmptyMessage)];

        if (state.Awaiting == AwaitingSelfDescription)
        {
            state.Awaiting = null;
            if (!IsCommand(text)) return [await RecommendAsync(message, text, cancellationToken)];
        }

        var command = Normalize(text);
        var (verb, argument) = SplitCommand(command);
        switch (command)
        {
            case "help" or "?" or "hi" or "hello" or "start":
                return [new TextReply(Texts.Help)];
            case "groups" or "working groups" or "list groups":
                return [new GroupListReply(AnswerReplies.GroupLines(groups))];
            case "my groups" or "following":
                return [await FollowingAsync(message, cancellationToken)];
            case "unlink":
                return [await peers.UnlinkAsync(message, cancellationToken)];
        }
        switch (verb)
        {
            case "follow" when argument.Length > 0:
                return [await FollowAsync(message, argument, follow: true, cancellationToken)];
            case "unfollow" when argument.Length > 0:
                return [await FollowAsync(message, argument, follow: false, cancellationToken)];
            case "link" when argument.Length > 0:
                return [await peers.LinkAsync(message, argument, cancellationToken)];
            case "link":
                return [new TextReply($"Link this channel to a working group with **link GROUP-ID**. The ids are: {string.Join(", ", groups.All.Select(g => g.Id))}.")];
        }
        if (RecommendPhrases.FirstOrDefault(p => command.StartsWith(p, StringComparison.Ordinal)) is { } phrase)
        {
            var about = command[phrase.Length..].Trim(' ', '?', ':', ',', '.', '-');
            if (about.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2) return [await RecommendAsync(message, about, cancellationToken)];
            state.Awaiting = AwaitingSelfDescription;
            return [new TextReply(Texts.DescribeYourself)];
        }
        return [await AnswerAsync(message, text, cancellationToken)];
    }

    /// <summary>Action.Execute from a card (Teams universal actions): the returned card replaces the clicked one.</summary>
    public async Task<InvokeReply> HandleInvokeAsync(IncomingMessage message, string? verb, JsonObject? data, CancellationToken cancellationToken) =>
        verb switch
        {
            "peerAnswer" => await peers.AnswerAsync(message, data, cancellationToken),
            _ => InvokeReply.Text("This button is not supported any more; please ask your question again."),
        };

    public async Task<Reply> AnswerAsync(IncomingMessage message, string question, CancellationToken cancellationToken)
    {
        if (question.Length > options.MaxMessageLength) question = question[..options.MaxMessageLength];
        var answer = knowledge.Ask(question, options.SourcesPerAnswer);
        LogAnswered(log, answer.Status, answer.Hits.Count, Math.Round(answer.Confidence, 2), answer.IsConfident);
        if (answer.Status != KnowledgeStatus.Ok) return AnswerReplies.From(answer, groups);
        var routing = router.Route(question, answer: answer);
        if (answer.IsConfident) return AnswerReplies.From(answer, groups, Line(routing.Best.Group));
        return new NoAnswerReply(question, await RecommendationsAsync(message, routing, cancellationToken));
    }

    private async Task<Reply> RecommendAsync(IncomingMessage message, string about, CancellationToken cancellationToken)
    {
        var routing = router.Route(about);
        if (!routing.HasSignal) return new TextReply(Texts.NoSignal);
        var intro = routing.TwoFit
            ? $"Two groups fit about equally: **{routing.Ranked[0].Group.Name}** and **{routing.Ranked[1].Group.Name}**."
            : $"The **{routing.Best.Group.Name}** group fits you best.";
        return new RecommendationReply(intro, await RecommendationsAsync(message, routing, cancellationToken), routing.TwoFit, null);
    }

    private async Task<IReadOnlyList<GroupRecommendation>> RecommendationsAsync(IncomingMessage message, RoutingResult routing, CancellationToken cancellationToken)
    {
        var followed = await follows.GroupsAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        var shown = routing.Ranked.Take(3).Where((s, i) => i == 0 || s.Score >= 0.1).ToList();
        return shown.Select(s => new GroupRecommendation(Line(s.Group), s.Score, s.Reason, followed.Contains(s.Group.Id))).ToList();
    }

    private async Task<Reply> FollowAsync(IncomingMessage message, string groupId, bool follow, CancellationToken cancellationToken)
    {
        if (groups.Find(groupId) is not { } group)
            return new TextReply($"I do not know a working group '{TextUtil.Truncate(groupId, 60)}'. The ids are: {string.Join(", ", groups.All.Select(g => g.Id))}.");
        var key = UserKey.For(message.ChannelId, message.UserId);
        var changed = follow ? await follows.FollowAsync(key, group.Id, cancellationToken) : await follows.UnfollowAsync(key, group.Id, cancellationToken);
        return new TextReply((follow, changed) switch
        {
            (true, true) => $"You now follow **{group.Name}**: its events and calls will reach you here.",
            (true, false) => $"You already follow **{group.Name}**.",
            (false, true) => $"You no longer follow **{group.Name}**.",
            (false, false) => $"You were not following **{group.Name}**.",
        });
    }

    private async Task<Reply> FollowingAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var followed = await follows.GroupsAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        return new TextReply(followed.Count == 0
            ? "You do not follow any working group yet. Type **follow GROUP-ID**, or **which group is for me?**"
            : "You follow: " + string.Join(", ", followed.Select(id => $"**{groups.Find(id)?.Name ?? id}**")) + ".");
    }

    private async Task<Reply> HandleCardActionAsync(IncomingMessage message, JsonObject value, CancellationToken cancellationToken)
    {
        var action = Str(value, "action");
        switch (action)
        {
            case "feedback" when value["helpful"] is JsonValue h && h.TryGetValue(out bool helpful):
                var entry = new FeedbackEntry(UserKey.For(message.ChannelId, message.UserId),
                    Str(value, "documentId", 200), Str(value, "passageId", 200), helpful, Str(value, "question", 500));
                await feedback.RecordAsync(entry, cancellationToken);
                return new TextReply(Texts.FeedbackThanks);
            case "follow" or "unfollow" when Str(value, "group") is { } group:
                return await FollowAsync(message, group, action == "follow", cancellationToken);
            case "groups":
                return new GroupListReply(AnswerReplies.GroupLines(groups));
            case "askPeers" when Str(value, "group") is { } group:
                return peers.StartAsk(group, Str(value, "question", 20_000));
            case "postPeerQuestion" when Str(value, "group") is { } group:
                return await peers.PostAsync(message, group, Str(value, "question", 100_000), IsTrue(value["anonymous"]), cancellationToken);
            case "resolvePeerQuestion":
                return await peers.ResolveAsync(message, Str(value, "questionId", 100), cancellationToken);
        }
        LogUnknownAction(log, SafeName(action));
        return new TextReply(Texts.UnknownAction);
    }

    private static bool IsTrue(JsonNode? node) =>
        node is JsonValue v && ((v.TryGetValue(out bool b) && b) || (v.TryGetValue(out string? s) && s == "true"));

    private bool IsCommand(string text)
    {
        var command = Normalize(text);
        return command is "help" or "groups" or "cancel" or "my groups" || SplitCommand(command).Verb is "follow" or "unfollow" or "link";
    }

    private static string Normalize(string text) => text.ToLowerInvariant().Trim().TrimEnd('.', '!', '?', ' ');

    private static (string Verb, string Argument) SplitCommand(string command)
    {
        var space = command.IndexOf(' ');
        return space < 0 ? (command, "") : (command[..space], command[(space + 1)..].Trim());
    }

    private static GroupLine Line(WorkingGroup g) => new(g.Id, g.Name, g.ShortName, g.Covers);

    /// <summary>Card data comes from the client: log it only when it looks like one of our action names.</summary>
    private static string SafeName(string? action) =>
        action is { Length: > 0 and <= 40 } && action.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? action : "(other)";

    private static string? Str(JsonObject value, string key, int max = 200) =>
        value[key] is JsonValue v && v.TryGetValue(out string? s) ? (s.Length > max ? s[..max] : s) : null;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Question answered: status {Status}, {HitCount} hits, confidence {Confidence}, confident {Confident}")]
    private static partial void LogAnswered(ILogger logger, KnowledgeStatus status, int hitCount, double confidence, bool confident);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Card action not recognised: {Action}")]
    private static partial void LogUnknownAction(ILogger logger, string action);
}
