using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.Conversations;

/// <summary>Configuration section "Chat".</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Messages longer than this are cut before they are searched (the reply says so).</summary>
    [Range(100, 100_000)] public int MaxMessageLength { get; set; } = 10_000;

    /// <summary>How many sources an answer shows: the best one and up to two more.</summary>
    [Range(1, 5)] public int SourcesPerAnswer { get; set; } = 3;

    /// <summary>Turns a member may take in any minute; beyond it the bot says so once and then stays quiet.</summary>
    [Range(1, 10_000)] public int TurnsPerMinute { get; set; } = 20;
}
