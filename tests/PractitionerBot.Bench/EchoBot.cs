using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PractitionerBot.Bench;

/// <summary>
/// The baseline for <c>bench turns</c>: echoes the text. It loads and saves the conversation state
/// like the real handler does, so the storage round trip is part of the baseline too.
/// </summary>
internal sealed class EchoBot(ConversationState conversationState) : ActivityHandler
{
    public const string Prefix = "Echo: ";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        await conversationState.LoadAsync(turnContext, force: false, cancellationToken);
        await turnContext.SendActivityAsync(MessageFactory.Text(Prefix + turnContext.Activity.Text), cancellationToken);
    }
}
