namespace PractitionerBot.Chat;

/// <summary>What the bot remembers about a conversation between turns (stored by the channel adapter).</summary>
public sealed class ConversationData
{
    /// <summary>What the bot asked for and expects in the next message, if anything.</summary>
    public string? Awaiting { get; set; }
}
