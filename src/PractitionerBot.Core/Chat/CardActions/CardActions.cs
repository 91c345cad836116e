using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Answers;
using PractitionerBot.Chat.Commands;
using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Feedback;
using PractitionerBot.Members;
using PractitionerBot.PeerExchange;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Chat.CardActions;

/// <summary>A button on one of the bot's cards (Action.Submit), by the "action" name in its data.</summary>
public interface ICardAction
{
    IReadOnlyList<string> Names { get; }

    Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string action, JsonObject value, CancellationToken cancellationToken);
}

/// <summary>Runs the card action a submit names; card data comes from the client, so an unknown one gets a polite reply.</summary>
public sealed partial class CardActionRouter(IEnumerable<ICardAction> actions, ILogger<CardActionRouter> log)
{
    private readonly Dictionary<string, ICardAction> _byName = actions.SelectMany(a => a.Names.Select(n => (n, a))).ToDictionary(x => x.n, x => x.a);

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, JsonObject value, CancellationToken cancellationToken)
    {
        var action = value.String("action", 200);
        if (action is not null && _byName.TryGetValue(action, out var handler))
        {
            var replies = await handler.RunAsync(context, action, value, cancellationToken);
            if (replies.Count > 0) return replies;
        }
        LogUnknownAction(log, SafeName(action));
        return [new TextReply(context.Texts["unknownAction"])];
    }

    /// <summary>Card data comes from the client: log it only when it looks like one of our action names.</summary>
    private static string SafeName(string? action) =>
        action is { Length: > 0 and <= 40 } && action.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? action : "(other)";

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Card action not recognised: {Action}")]
    private static partial void LogUnknownAction(ILogger logger, string action);
}

public sealed class FeedbackAction(IFeedbackStore feedback) : ICardAction
{
    public IReadOnlyList<string> Names => ["feedback"];

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string action, JsonObject value, CancellationToken cancellationToken)
    {
        if (value["helpful"] is not JsonValue h || !h.TryGetValue(out bool helpful)) return [];
        var message = context.Message;
        await feedback.RecordAsync(new FeedbackEntry(UserKey.For(message.ChannelId, message.UserId),
            value.String("documentId", 200), value.String("passageId", 200), helpful, value.String("question", 500)), cancellationToken);
        return [new TextReply(context.Texts["feedbackThanks"])];
    }
}

public sealed class FollowAction(FollowService follows) : ICardAction
{
    public IReadOnlyList<string> Names => ["follow", "unfollow"];

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string action, JsonObject value, CancellationToken cancellationToken) =>
        value.String("group", 200) is { } group ? [await follows.FollowAsync(context.Message, group, action == "follow", context.Texts, cancellationToken)] : [];
}

public sealed class GroupsAction(IWorkingGroupDirectory groups) : ICardAction
{
    public IReadOnlyList<string> Names => ["groups"];

    public Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string action, JsonObject value, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reply>>([new GroupListReply(AnswerReplies.GroupLines(groups))]);
}

/// <summary>"Ask the peers", posting the question to the group's channel, and marking it resolved.</summary>
public sealed class PeerQuestionActions(PeerExchangeService peers) : ICardAction
{
    public IReadOnlyList<string> Names => ["askPeers", "postPeerQuestion", "resolvePeerQuestion"];

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string action, JsonObject value, CancellationToken cancellationToken)
    {
        var t = context.Texts;
        return action switch
        {
            "askPeers" when value.String("group", 200) is { } group => [peers.StartAsk(group, value.String("question", 20_000), t)],
            "postPeerQuestion" when value.String("group", 200) is { } group =>
                [await peers.PostAsync(context.Message, group, value.String("question", 100_000), IsTrue(value["anonymous"]), t, cancellationToken)],
            "resolvePeerQuestion" => [await peers.ResolveAsync(context.Message, value.String("questionId", 100), t, cancellationToken)],
            _ => [],
        };
    }

    private static bool IsTrue(JsonNode? node) =>
        node is JsonValue v && ((v.TryGetValue(out bool b) && b) || (v.TryGetValue(out string? s) && s == "true"));
}

/// <summary>The profile card's buttons: edit it (onboarding again) and "forget me".</summary>
public sealed class ProfileActions(DialogEngine dialogs) : ICardAction
{
    public const string ForgetFlow = "forget";

    public IReadOnlyList<string> Names => ["onboard", "forgetMe"];

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string action, JsonObject value, CancellationToken cancellationToken) =>
        await dialogs.StartAsync(action == "onboard" ? ProfileViews.OnboardingFlow : ForgetFlow, context.Dialog, cancellationToken);
}
