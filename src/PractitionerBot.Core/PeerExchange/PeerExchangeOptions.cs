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
