using PractitionerBot.Chat;

namespace PractitionerBot.Dialogs;

/// <summary>A question of a flow: a card with the input, or text with numbered options where cards are not shown.</summary>
public sealed record DialogPromptReply(
    string FlowId,
    string StepId,
    string StepType,
    string Prompt,
    IReadOnlyList<PromptChoice> Choices,
    int? MaxLength,
    bool Skippable,
    string? Problem,
    PromptLabels Labels) : Reply;

public sealed record PromptChoice(string Value, string Title);

public sealed record PromptLabels(string Next, string Skip, string Yes, string No);

/// <summary>Something a flow step asks the bot to do ("recommendGroups", "saveProfile").</summary>
public interface IDialogAction
{
    string Name { get; }

    Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken);
}

/// <summary>The turn a flow runs in.</summary>
public sealed class DialogContext(IncomingMessage message, ConversationData data, string language)
{
    public IncomingMessage Message { get; } = message;
    public ConversationData Data { get; } = data;
    public string Language { get; set; } = language;
}
