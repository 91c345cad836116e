using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Feedback;
using PractitionerBot.Knowledge;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Chat;

/// <summary>Decides what the bot replies to a message: commands, card actions, or an answer from the papers.</summary>
public sealed partial class ChatService(
    IKnowledgeBase knowledge,
    IWorkingGroupDirectory groups,
    IFeedbackStore feedback,
    ChatOptions options,
    ILogger<ChatService> log)
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (message.Value is { Count: > 0 } value) return [await HandleCardActionAsync(message, value, cancellationToken)];

        var text = (message.Text ?? "").Trim();
        if (text.Length == 0) return [new TextReply(Texts.EmptyMessage)];

        switch (Command(text))
        {
            case "help" or "?" or "hi" or "hello" or "start":
                return [new TextReply(Texts.Help)];
            case "groups" or "working groups" or "list groups":
                return [new GroupListReply(AnswerReplies.GroupLines(groups))];
        }
        return [Answer(text)];
    }

    public Reply Answer(string question)
    {
        if (question.Length > options.MaxMessageLength) question = question[..options.MaxMessageLength];
        var answer = knowledge.Ask(question, options.SourcesPerAnswer);
        LogAnswered(log, answer.Status, answer.Hits.Count, Math.Round(answer.Confidence, 2), answer.IsConfident);
        return AnswerReplies.From(answer, groups);
    }

    private async Task<Reply> HandleCardActionAsync(IncomingMessage message, JsonObject value, CancellationToken cancellationToken)
    {
        var action = value["action"] is JsonValue a && a.TryGetValue(out string? s) ? s : null;
        if (action == "feedback" && value["helpful"] is JsonValue h && h.TryGetValue(out bool helpful))
        {
            var entry = new FeedbackEntry(
                FeedbackEntry.UserKeyFor(message.ChannelId, message.UserId),
                Str(value, "documentId"), Str(value, "passageId"), helpful, Str(value, "question"));
            await feedback.RecordAsync(entry, cancellationToken);
            return new TextReply(Texts.FeedbackThanks);
        }
        LogUnknownAction(log, SafeName(action));
        return new TextReply(Texts.UnknownAction);
    }

    /// <summary>Card data comes from the client: log it only when it looks like one of our action names.</summary>
    private static string SafeName(string? action) =>
        action is { Length: > 0 and <= 40 } && action.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? action : "(other)";

    private static string? Str(JsonObject value, string key) =>
        value[key] is JsonValue v && v.TryGetValue(out string? s) ? TextUtil.Truncate(s, 500) : null;

    private static string Command(string text) => text.ToLowerInvariant().TrimEnd('.', '!', '?', ' ') is { Length: > 0 } c ? c : text;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Question answered: status {Status}, {HitCount} hits, confidence {Confidence}, confident {Confident}")]
    private static partial void LogAnswered(ILogger logger, KnowledgeStatus status, int hitCount, double confidence, bool confident);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Card action not recognised: {Action}")]
    private static partial void LogUnknownAction(ILogger logger, string action);
}
