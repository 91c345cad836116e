using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Localization;

namespace PractitionerBot.Chat.Commands;

/// <summary>What a command runs in: the member's message and flows, and texts in their language.</summary>
public sealed record CommandContext(DialogContext Dialog, LocalTexts Texts)
{
    public IncomingMessage Message => Dialog.Message;
}

/// <summary>The handler of one command of <c>dialogs/commands.yaml</c>, bound by its id.</summary>
public interface ICommand
{
    string Id { get; }

    Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken);
}
