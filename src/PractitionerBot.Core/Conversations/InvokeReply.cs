namespace PractitionerBot.Conversations;

/// <summary>What an Action.Execute invoke returns: a card that replaces the one clicked, or a short message.</summary>
public sealed record InvokeReply(Reply? Card, string? Message)
{
    public static InvokeReply Text(string message) => new(null, message);
}
