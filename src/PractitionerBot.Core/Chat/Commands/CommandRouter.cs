using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;

namespace PractitionerBot.Chat.Commands;

/// <summary>Runs the command a message asks for. Every command of the table has exactly one handler, checked at start-up.</summary>
public sealed class CommandRouter
{
    private readonly Dictionary<string, ICommand> _handlers;

    public CommandRouter(CommandTable table, IEnumerable<ICommand> handlers)
    {
        Table = table;
        _handlers = [];
        foreach (var handler in handlers)
            if (!_handlers.TryAdd(handler.Id, handler)) throw new InvalidDataException($"{CommandTable.File}: two handlers for command '{handler.Id}'");
        if (table.Commands.FirstOrDefault(c => !_handlers.ContainsKey(c.Id)) is { } orphan)
            throw new InvalidDataException($"{CommandTable.File}: command '{orphan.Id}' has no handler in the bot (known: {string.Join(", ", _handlers.Keys.Order())})");
        if (_handlers.Keys.FirstOrDefault(id => table.Commands.All(c => c.Id != id)) is { } missing)
            throw new InvalidDataException($"{CommandTable.File}: command '{missing}' is missing (the bot has a handler for it)");
    }

    public CommandTable Table { get; }

    public Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, CommandMatch match, CancellationToken cancellationToken) =>
        _handlers[match.Command.Id].RunAsync(context, match.Argument, cancellationToken);
}
