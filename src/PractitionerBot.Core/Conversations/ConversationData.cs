namespace PractitionerBot.Conversations;

/// <summary>
/// What the bot remembers about a conversation between turns (stored by the channel adapter). Group chats and
/// channel threads are shared: each member has their own slot, so one member's message is never taken as
/// another's answer.
/// </summary>
public sealed class ConversationData
{
    /// <summary>Each member's state in this conversation, by their channel user id.</summary>
    public Dictionary<string, MemberState> Members { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The member's slot, made on first use.</summary>
    public MemberState For(string userId)
    {
        if (!Members.TryGetValue(userId, out var member)) Members[userId] = member = new MemberState();
        return member;
    }

    /// <summary>Set when a member asked to be forgotten: the adapter removes their slot, and the stored state once it is empty.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public bool EraseRequested { get; set; }

    /// <summary>Removes a member's slot (after "forget me"); true when nobody else has state here.</summary>
    public bool Forget(string userId)
    {
        Members.Remove(userId);
        return Members.Count == 0;
    }
}

/// <summary>One member's state in one conversation: the flows they are in, innermost last.</summary>
public sealed class MemberState
{
    public List<DialogState> Flows { get; set; } = [];

    [Newtonsoft.Json.JsonIgnore]
    public DialogState? Current => Flows.Count > 0 ? Flows[^1] : null;

    [Newtonsoft.Json.JsonIgnore]
    public bool InFlow => Flows.Count > 0;
}
