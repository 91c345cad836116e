using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.PeerExchange;

/// <summary>Configuration section "PeerExchange".</summary>
public sealed class PeerExchangeOptions
{
    public const string Section = "PeerExchange";

    [Range(100, 20_000)] public int MaxQuestionLength { get; set; } = 4_000;

    [Range(100, 20_000)] public int MaxAnswerLength { get; set; } = 4_000;

    /// <summary>Answers relayed to one asker in any hour, from all answerers together; beyond it an answer is refused with the reason.</summary>
    [Range(1, 1_000)] public int AnswersPerAskerPerHour { get; set; } = 20;

    /// <summary>Questions one member may post to a group's channel in any hour; beyond it they are asked to wait.</summary>
    [Range(1, 1_000)] public int QuestionsPerMemberPerHour { get; set; } = 10;

    /// <summary>An open question with no answer after this many days gets one reminder in the channel.</summary>
    [Range(1, 365)] public int ReminderAfterDays { get; set; } = 3;

    /// <summary>How often the reminder check runs.</summary>
    [Range(1, 1440)] public int ReminderCheckMinutes { get; set; } = 60;
}

/// <summary>Configuration section "Roles": who may link channels and announce.</summary>
public sealed class RoleOptions
{
    public const string Section = "Roles";

    /// <summary>
    /// AAD object ids of coordinators. Empty: nobody, when the bot authenticates its callers (MicrosoftAppId set);
    /// everyone, only when it runs anonymously on its own machine (local use and trials).
    /// </summary>
    public List<string> Coordinators { get; set; } = [];

    /// <summary>Set by the host from its authentication mode: an empty list opens coordinator commands to everyone only when anonymous.</summary>
    public bool EveryoneWhenEmpty { get; set; }

    public bool IsCoordinator(string? aadObjectId) =>
        Coordinators.Count == 0
            ? EveryoneWhenEmpty
            : aadObjectId is not null && Coordinators.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);
}
