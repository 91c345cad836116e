using PractitionerBot.Cards;
using PractitionerBot.Conversations;

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
    PromptLabels Labels) : Reply
{
    /// <summary>"Back to setting up your profile:" when the step is asked again after something else.</summary>
    public string? LeadIn { get; init; }

    public override AdaptiveCard ToCard() => PromptCard.Prompt(this);

    public override string ToMarkdown() => PromptCard.Markdown(this);
}

public sealed record PromptChoice(string Value, string Title);

/// <summary>Button labels, and the word a member types to skip (for channels without buttons).</summary>
public sealed record PromptLabels(string Next, string Skip, string Yes, string No, string SkipWord);

/// <summary>Something a flow step asks the bot to do ("recommendGroups", "saveProfile").</summary>
public interface IDialogAction
{
    string Name { get; }

    Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken);
}

/// <summary>The turn a flow runs in: the member's own flows, in a conversation that may be shared.</summary>
public sealed class DialogContext(IncomingMessage message, ConversationData conversation, string language)
{
    public IncomingMessage Message { get; } = message;
    public ConversationData Conversation { get; } = conversation;
    public MemberState Member { get; } = conversation.For(message.UserId);
    public string Language { get; set; } = language;

    /// <summary>The language the member chose in their profile when the turn began, if any (an answer otherwise speaks the question's).</summary>
    public string? ChosenLanguage { get; init; }

    /// <summary>Set by an action to leave every flow and start this one when the current flow ends.</summary>
    public string? SwitchTo { get; set; }
}
