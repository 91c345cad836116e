using System.Text.Json.Nodes;
using PractitionerBot.Answers;
using PractitionerBot.Chat.CardActions;
using PractitionerBot.Chat.Commands;
using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Localization;
using PractitionerBot.Members;

namespace PractitionerBot.Chat;

/// <summary>
/// Decides what the bot replies to a message. In a flow, the flow takes its answer; anything else (a command, a card
/// button, a question) is handled as if no flow were running, and then the flow's question is asked again below.
/// </summary>
public sealed class ChatService(ConversationRegistry registry, MemberLanguage languages, DialogEngine dialogs, CommandRouter commands,
    CardActionRouter cardActions, QuestionAnswerer answers, BotTexts texts)
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, ConversationData conversation, CancellationToken cancellationToken)
    {
        await registry.RememberAsync(message, cancellationToken);
        var chosen = await languages.ChosenAsync(message, cancellationToken);
        var context = new DialogContext(message, conversation, BotTexts.Resolve(chosen, message.Locale)) { ChosenLanguage = chosen };
        var replies = await RepliesAsync(context, cancellationToken);
        // Cards render their labels in the member's language; a flow may just have set a new one.
        var t = texts.In(context.Language);
        return replies.Select(r => r.Texts is null ? r with { Texts = t } : r).ToList();
    }

    private async Task<IReadOnlyList<Reply>> RepliesAsync(DialogContext context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var value = message.Value is { Count: > 0 } v ? v : null;
        var flow = context.Member.Current;
        if (flow is not null && (value is null || value.ContainsKey("dialog")))
        {
            var turn = await dialogs.ContinueAsync(context, message.Text, value, cancellationToken);
            if (turn.IsAnswer) return turn.Replies;
        }
        var replies = await OutsideFlowAsync(context, value, cancellationToken);
        // The flow goes on where it was, unless what the member asked for changed it (another flow, "forget me").
        if (flow is not null && ReferenceEquals(context.Member.Current, flow) && dialogs.Resume(context) is { } prompt) return [.. replies, prompt];
        return replies;
    }

    private async Task<IReadOnlyList<Reply>> OutsideFlowAsync(DialogContext context, JsonObject? value, CancellationToken cancellationToken)
    {
        var commandContext = new CommandContext(context, texts.In(context.Language));
        if (value is not null) return await cardActions.RunAsync(commandContext, value, cancellationToken);
        var text = (context.Message.Text ?? "").Trim();
        if (text.Length == 0) return [new TextReply(commandContext.Texts["emptyMessage"])];
        if (commands.Table.Match(text) is { } command) return await commands.RunAsync(commandContext, command, cancellationToken);
        return [await answers.AnswerAsync(context.Message, text, context.ChosenLanguage, cancellationToken)];
    }
}
