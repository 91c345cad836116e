using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Conversations;
using PractitionerBot.Localization;
using PractitionerBot.Members;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.PeerExchange;

/// <summary>
/// Questions to a working group's peers: posting a question to the group's linked channel as a card, taking answers
/// from the card, delivering them to the asker, and resolving. Linking is <see cref="ChannelLinking"/>; reminders are
/// <see cref="PeerReminders"/>.
/// </summary>
public sealed partial class PeerExchangeService(
    IWorkingGroupDirectory groups,
    ChannelLinkStore links,
    PeerQuestionStore questions,
    IMessenger messenger,
    PeerQuestionCards cards,
    PeerExchangeOptions options,
    RelayLimiter relays,
    ILogger<PeerExchangeService> log)
{
    private LocalTexts InChannel => cards.InChannel;

    public Reply StartAsk(string groupId, string? question, LocalTexts t)
    {
        if (groups.Find(groupId) is not { } group) return new TextReply(cards.UnknownGroup(groupId, t));
        return new AskPeersFormReply(PeerQuestionCards.Line(group, t.Language), Truncate(question ?? "", options.MaxQuestionLength), options.MaxQuestionLength) { Texts = t };
    }

    public async Task<Reply> PostAsync(IncomingMessage message, string groupId, string? text, bool anonymous, LocalTexts t, CancellationToken cancellationToken)
    {
        if (groups.Find(groupId) is not { } group) return new TextReply(cards.UnknownGroup(groupId, t));
        var line = PeerQuestionCards.Line(group, t.Language);
        text = (text ?? "").Trim();
        if (text.Length == 0)
            return new AskPeersFormReply(line, "", options.MaxQuestionLength, t["peerQuestionEmpty"]) { Texts = t };
        if (text.Length > options.MaxQuestionLength)
            return new AskPeersFormReply(line, text[..options.MaxQuestionLength], options.MaxQuestionLength,
                t.Get("peerQuestionTooLong", ("length", t.Number(text.Length)), ("limit", t.Number(options.MaxQuestionLength)))) { Texts = t };
        if (message.ConversationType != "personal" || message.ConversationReference is null)
            return new TextReply(t["peerAskFromPersonalChat"]);
        if (await links.ForGroupAsync(group.Id, cancellationToken) is not { } link)
            return new TextReply(t.Get("peerNoChannel", ("group", line.Name), ("id", group.Id)));
        if (!relays.TryPostTo(link.ConversationId, UserKey.For(message.ChannelId, message.UserId)))
            return new TextReply(t.Get("peerPostLimit", ("group", line.Name), ("limit", t.Number(options.QuestionsPerMemberPerHour))));

        var question = await questions.CreateAsync(group.Id, UserKey.For(message.ChannelId, message.UserId),
            anonymous ? null : message.UserName, message.ConversationReference, text, cancellationToken);
        var sent = await messenger.SendAsync(link.ConversationReference, cards.ChannelCard(question, group), cancellationToken);
        if (!sent.Sent)
        {
            // Nothing half-stored: a question nobody can see is removed again.
            await questions.DeleteAsync(question.Id, cancellationToken);
            LogPostFailed(log, group.Id, sent.Error ?? "unknown");
            return new TextReply(t.Get("peerPostFailed", ("group", line.Name), ("error", sent.Error ?? "")));
        }
        await questions.SetChannelMessageAsync(question.Id, link.ConversationId, sent.ActivityId, cancellationToken);
        LogPosted(log, group.Id, question.Id);
        return new TextReply(t.Get(anonymous ? "peerPostedAnonymously" : "peerPosted", ("group", line.Name)));
    }

    /// <summary>An answer from the channel card. <paramref name="t"/> is the answerer's language, for messages only they see.</summary>
    public async Task<InvokeReply> AnswerAsync(IncomingMessage message, JsonObject? data, LocalTexts t, CancellationToken cancellationToken)
    {
        var questionId = data.String("questionId");
        var text = (data.String("answer") ?? "").Trim();
        if (string.IsNullOrEmpty(questionId)) return InvokeReply.Text(t["peerCardMissingQuestion"]);
        // Only from the question's own channel: from anywhere else the question is as good as unknown (no card, no asker's name).
        if (await questions.GetAsync(questionId, cancellationToken) is not { } question || question.ChannelConversationId != message.ConversationId)
            return InvokeReply.Text(t["peerQuestionGone"]);
        var group = groups.Find(question.GroupId)!;
        var channel = InChannel;
        if (question.Status == PeerQuestionStatus.Resolved)
            return new InvokeReply(cards.ChannelCard(question, group, channel["peerAnswersClosed"]), null);
        if (text.Length == 0) return new InvokeReply(cards.ChannelCard(question, group, channel["peerAnswerEmpty"]), null);
        if (text.Length > options.MaxAnswerLength)
            return new InvokeReply(cards.ChannelCard(question, group,
                channel.Get("peerAnswerTooLong", ("limit", channel.Number(options.MaxAnswerLength)), ("length", channel.Number(text.Length)))), null);

        if (question.AskerReference is not null && !relays.TryRelayTo(question.AskerKey))
            return new InvokeReply(cards.ChannelCard(question, group, channel["peerAnswerAskerBusy"]), null);

        var answererName = string.IsNullOrWhiteSpace(message.UserName) ? null : message.UserName;
        var outcome = await questions.AddAnswerAsync(new PeerAnswer(question.Id, UserKey.For(message.ChannelId, message.UserId),
            answererName ?? channel["peerDefaultAnswerer"], text), cancellationToken);
        var current = (await questions.GetAsync(question.Id, cancellationToken))!;
        if (outcome == AnswerOutcome.QuestionResolved)
            return new InvokeReply(cards.ChannelCard(current, group, channel["peerAnswersClosed"]), null);
        if (outcome == AnswerOutcome.QuestionNotFound) return InvokeReply.Text(t["peerQuestionGone"]);

        var delivered = current.AskerReference is not null
            && (await messenger.SendAsync(current.AskerReference, await cards.AnswerForAskerAsync(current, group, answererName, text, cancellationToken), cancellationToken)).Sent;
        LogAnswered(log, group.Id, current.Id, delivered);
        return new InvokeReply(cards.ChannelCard(current, group, channel[delivered ? "peerAnswerSent" : "peerAnswerSaved"]), null);
    }

    public async Task<Reply> ResolveAsync(IncomingMessage message, string? questionId, LocalTexts t, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(questionId) || await questions.GetAsync(questionId, cancellationToken) is not { } question)
            return new TextReply(t["peerQuestionNotFound"]);
        if (!await questions.ResolveAsync(question.Id, UserKey.For(message.ChannelId, message.UserId), cancellationToken))
            return new TextReply(t[question.Status == PeerQuestionStatus.Resolved ? "peerAlreadyResolved" : "peerOnlyAskerResolves"]);
        var resolved = (await questions.GetAsync(question.Id, cancellationToken))!;
        var group = groups.Find(resolved.GroupId)!;
        await UpdateChannelCardAsync(resolved, group, null, cancellationToken);
        return new TextReply(t.Get("peerResolved", ("group", group.NameIn(t.Language))));
    }

    /// <summary>After "forget me": the channel cards of the member's questions are redrawn without their name, and closed.</summary>
    public async Task AskerErasedAsync(IReadOnlyList<string> questionIds, CancellationToken cancellationToken)
    {
        foreach (var id in questionIds)
            if (await questions.GetAsync(id, cancellationToken) is { } question && groups.Find(question.GroupId) is { } group)
                await UpdateChannelCardAsync(question, group, InChannel["peerAskerErased"], cancellationToken);
    }

    private async Task UpdateChannelCardAsync(PeerQuestion question, WorkingGroup group, string? notice, CancellationToken cancellationToken)
    {
        if (await links.ForGroupAsync(group.Id, cancellationToken) is not { } link || question.ChannelActivityId is not { } activityId
            || link.ConversationId != question.ChannelConversationId) return;
        var updated = await messenger.UpdateAsync(link.ConversationReference, activityId, cards.ChannelCard(question, group, notice), cancellationToken);
        if (!updated.Sent) LogCardUpdateFailed(log, group.Id, question.Id);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Peer question {QuestionId} posted to {GroupId}")]
    private static partial void LogPosted(ILogger logger, string groupId, string questionId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Peer question for {GroupId} could not be posted: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string groupId, string error);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Channel card of peer question {QuestionId} in {GroupId} could not be updated")]
    private static partial void LogCardUpdateFailed(ILogger logger, string groupId, string questionId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Answer to peer question {QuestionId} in {GroupId}; delivered to asker: {Delivered}")]
    private static partial void LogAnswered(ILogger logger, string groupId, string questionId, bool delivered);
}
