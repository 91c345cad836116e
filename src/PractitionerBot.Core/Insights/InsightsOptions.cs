using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.Insights;

/// <summary>Configuration section "Insights": how questions are kept for the coordinators' insights.</summary>
public sealed class InsightsOptions
{
    public const string Section = "Insights";

    /// <summary>The salt that turns a member into a hash is replaced this often; hashes of different periods cannot be linked.</summary>
    [Range(1, 365)] public int SaltRotationDays { get; set; } = 30;

    /// <summary>An unanswered topic is shown only once at least this many different members asked it.</summary>
    [Range(3, 1000)] public int MinMembersPerTopic { get; set; } = 3;
}
