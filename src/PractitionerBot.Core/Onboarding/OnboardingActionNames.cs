namespace PractitionerBot.Onboarding;

/// <summary>The bot actions a flow file may name; checked when flows are loaded.</summary>
public static class DialogActionNames
{
    public static readonly IReadOnlySet<string> All = new HashSet<string> { "recommendGroups", "saveProfile", "showSummary", "announcementGroups", "previewAnnouncement", "publishAnnouncement",
        "recommendFromDescription", "eraseMember", "switchFlow" };
}
