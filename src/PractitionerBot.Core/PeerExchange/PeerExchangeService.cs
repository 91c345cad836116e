using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Chat;
using PractitionerBot.Members;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.PeerExchange;

/// <summary>
/// Questions to a working group's peers: linking a group's channel, posting a question there as a
/// card, taking answers from the card, delivering them to the asker, resolving, and reminding.
/// </summary>
public sealed partial class PeerExchangeService(
    IWorkingGroupDirectory groups,
    ChannelLinkStore links,
    PeerQuestionStore questions,
    IMessenger messenger,
    PeerExchangeOptions options,
    RoleOptions roles,
    TimeProvider time,
    ILogger<PeerExchangeService> log)
{
    public async Task<Reply> LinkAsync(IncomingMessage message, string argument, CancellationToken cancellationToken)
    {
        if (message.ConversationType != "channel")
            return new TextReply("Linking works in a Teams channel: mention me there with **link GROUP-ID**.");
        if (!roles.IsCoordinator(message.AadObjectId))
            return new TextReply("Only coordinators can link a channel to a working group.");
        if (groups.Find(argument) is not { } group)
            return new TextReply(UnknownGroup(argument));
        var reference = message.ConversationReference ?? throw new InvalidOperationException("channel messages carry a conversation reference");
        await links.LinkAsync(new ChannelLink(group.Id, message.ConversationId, message.TeamId, reference),
            UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        LogLinked(log, group.Id);
        return new TextReply($"This channel is now the **{group.Name}** channel. Questions that members put to the {group.Name} peers will be posted here as cards; answer them right in the card.");
    }

    public async Task<Reply> UnlinkAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (message.ConversationType != "channel") return new TextReply("Unlinking works in a Teams channel that is linked to a working group.");
        if (!roles.IsCoordinator(message.AadObjectId)) return new TextReply("Only coordinators can unlink a channel.");
        var group = await links.UnlinkAsync(message.ConversationId, cancellationToken);
        return group is null
            ? new TextReply("This channel is not linked to a working group.")
            : new TextReply($"This channel is no longer the **{groups.Find(group)?.Name ?? group}** channel.");
    }

    public Reply StartAsk(string groupId, string? question)
    {
        if (groups.Find(groupId) is not { } group) return new TextReply(UnknownGroup(groupId));
        return new AskPeersFormReply(Line(group), Truncate(question ?? "", options.MaxQuestionLength), options.MaxQuestionLength);
    }

    public async Task<Reply> PostAsync(IncomingMessage message, string groupId, string? text, bool anonymous, CancellationToken cancellationToken)
    {
        if (groups.Find(groupId) is not { } group) return new TextReply(UnknownGroup(groupId));
        text = (text ?? "").Trim();
        if (text.Length == 0)
            return new AskPeersFormReply(Line(group), "", options.MaxQuestionLength, "Please write your question before posting it.");
        if (text.Length > options.MaxQuestionLength)
            return new AskPeersFormReply(Line(group), text[..options.MaxQuestionLength], options.MaxQuestionLength,
                $"Your question has {text.Length:N0} characters; the limit is {options.MaxQuestionLength:N0}. I kept the first {options.MaxQuestionLength:N0}: please shorten it and post again.");
        if (message.ConversationType != "personal" || message.ConversationReference is null)
            return new TextReply("Please ask the peers from our personal chat, so that their answers can reach you privately.");
        if (await links.ForGroupAsync(group.Id, cancellationToken) is not { } link)
            return new TextReply($"The **{group.Name}** group has no Teams channel linked yet, so I cannot post your question. " +
                                 $"A coordinator can link one by mentioning me in the group's channel with **link {group.Id}**. Your question was not stored.");

        var question = await questions.CreateAsync(group.Id, UserKey.For(message.ChannelId, message.UserId),
            anonymous ? null : message.UserName, message.ConversationReference, text, cancellationToken);
        var sent = await messenger.SendAsync(link.ConversationReference, ChannelCard(question, group), cancellationToken);
        if (!sent.Sent)
        {
            // Nothing half-stored: a question nobody can see is removed again.
            await questions.DeleteAsync(question.Id, cancellationToken);
            LogPostFailed(log, group.Id, sent.Error ?? "unknown");
            return new TextReply($"I could not post your question in the {group.Name} channel just now ({sent.Error}). Nothing was stored; please try again later.");
        }
        await questions.SetChannelMessageAsync(question.Id, link.ConversationId, sent.ActivityId, cancellationToken);
        LogPosted(log, group.Id, question.Id);
        return new TextReply($"Your question is posted in the **{group.Name}** channel{(anonymous ? " without your name" : "")}. " +
                             "Every answer will reach you here, and you can mark the question resolved when you have what you need.");
    }

    public async Task<InvokeReply> AnswerAsync(IncomingMessage message, JsonObject? data, CancellationToken cancellationToken)
    {
        var questionId = data.String("questionId");
        var text = (data.String("answer") ?? "").Trim();
        if (string.IsNullOrEmpty(questionId)) return InvokeReply.Text("This card is missing the question it belongs to; nothing was saved.");
        if (await questions.GetAsync(questionId, cancellationToken) is not { } question)
            return InvokeReply.Text("This question no longer exists (the asker may have erased their data).");
        var group = groups.Find(question.GroupId)!;
        if (question.Status == PeerQuestionStatus.Resolved)
            return new InvokeReply(ChannelCard(question, group, "This question is resolved: answers are closed."), null);
        if (text.Length == 0) return new InvokeReply(ChannelCard(question, group, "Please write an answer before sending."), null);
        if (text.Length > options.MaxAnswerLength)
            return new InvokeReply(ChannelCard(question, group, $"Answers are limited to {options.MaxAnswerLength:N0} characters; yours has {text.Length:N0}. Nothing was sent."), null);

        var answererName = string.IsNullOrWhiteSpace(message.UserName) ? "A peer" : message.UserName;
        var outcome = await questions.AddAnswerAsync(new PeerAnswer(question.Id, UserKey.For(message.ChannelId, message.UserId), answererName, text), cancellationToken);
        var current = (await questions.GetAsync(question.Id, cancellationToken))!;
        if (outcome == AnswerOutcome.QuestionResolved)
            return new InvokeReply(ChannelCard(current, group, "This question is resolved: answers are closed."), null);
        if (outcome == AnswerOutcome.QuestionNotFound) return InvokeReply.Text("This question no longer exists.");

        var delivered = current.AskerReference is not null
            && (await messenger.SendAsync(current.AskerReference, new PeerAnswerReply(current.Id, Line(group), current.Text, answererName, text), cancellationToken)).Sent;
        LogAnswered(log, group.Id, current.Id, delivered);
        return new InvokeReply(ChannelCard(current, group, delivered
            ? "Thank you: your answer was sent to the person who asked."
            : "Thank you: your answer is saved; it could not be delivered to the asker right now."), null);
    }

    public async Task<Reply> ResolveAsync(IncomingMessage message, string? questionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(questionId) || await questions.GetAsync(questionId, cancellationToken) is not { } question)
            return new TextReply("I could not find that question.");
        if (!await questions.ResolveAsync(question.Id, UserKey.For(message.ChannelId, message.UserId), cancellationToken))
            return new TextReply(question.Status == PeerQuestionStatus.Resolved
                ? "That question is already resolved."
                : "Only the person who asked the question can mark it resolved.");
        var resolved = (await questions.GetAsync(question.Id, cancellationToken))!;
        var group = groups.Find(resolved.GroupId)!;
        if (await links.ForGroupAsync(group.Id, cancellationToken) is { } link && resolved.ChannelActivityId is { } activityId
            && link.ConversationId == resolved.ChannelConversationId)
            await messenger.UpdateAsync(link.ConversationReference, activityId, ChannelCard(resolved, group), cancellationToken);
        return new TextReply($"Marked as resolved. The card in the {group.Name} channel now says so, and no new answers will be taken.");
    }

    /// <summary>One reminder in the channel for each open question nobody has answered after the configured days.</summary>
    public async Task<int> SendRemindersAsync(CancellationToken cancellationToken)
    {
        var due = await questions.DueForReminderAsync(time.GetUtcNow().AddDays(-options.ReminderAfterDays), cancellationToken);
        var sent = 0;
        foreach (var question in due)
        {
            if (groups.Find(question.GroupId) is not { } group || await links.ForGroupAsync(group.Id, cancellationToken) is not { } link) continue;
            if (!await questions.MarkRemindedAsync(question.Id, cancellationToken)) continue;
            var notice = $"Reminder: this question has been waiting {options.ReminderAfterDays} days for an answer. Can anyone help?";
            if ((await messenger.SendAsync(link.ConversationReference, ChannelCard(question, group, notice), cancellationToken)).Sent) sent++;
        }
        return sent;
    }

    public PeerQuestionReply ChannelCard(PeerQuestion q, WorkingGroup group, string? notice = null) =>
        new(new PeerQuestionView(q.Id, Line(group), q.Text, q.AskerName ?? "a practitioner (anonymous)", q.Status, q.Answers, q.Created),
            options.MaxAnswerLength, notice);

    private string UnknownGroup(string id) =>
        $"I do not know a working group '{Truncate(id, 60)}'. The ids are: {string.Join(", ", groups.All.Select(g => g.Id))}.";

    private static GroupLine Line(WorkingGroup g) => new(g.Id, g.Name, g.ShortName, g.Covers);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Channel linked to working group {GroupId}")]
    private static partial void LogLinked(ILogger logger, string groupId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Peer question {QuestionId} posted to {GroupId}")]
    private static partial void LogPosted(ILogger logger, string groupId, string questionId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Peer question for {GroupId} could not be posted: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string groupId, string error);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Answer to peer question {QuestionId} in {GroupId}; delivered to asker: {Delivered}")]
    private static partial void LogAnswered(ILogger logger, string groupId, string questionId, bool delivered);
}
