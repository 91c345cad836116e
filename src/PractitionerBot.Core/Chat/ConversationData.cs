using PractitionerBot.Dialogs;

namespace PractitionerBot.Chat;

/// <summary>What the bot remembers about a conversation between turns (stored by the channel adapter).</summary>
public sealed class ConversationData
{
    /// <summary>What the bot asked for and expects in the next message, if anything.</summary>
    public string? Awaiting { get; set; }

    /// <summary>The flow the member is in, if any.</summary>
    public DialogState? Dialog { get; set; }

    /// <summary>Set when the member asked to be forgotten: the adapter deletes this conversation's state after the turn.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public bool EraseRequested { get; set; }
}
