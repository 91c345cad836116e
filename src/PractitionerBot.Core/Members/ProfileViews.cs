using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Localization;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Members;

/// <summary>The member's profile as they see it.</summary>
public sealed record ProfileReply(string Title, IReadOnlyList<(string Label, string Value)> Fields, string Note, string EditLabel, string ForgetLabel) : Reply
{
    public override Cards.AdaptiveCard ToCard() => ProfileCard.Profile(this);

    public override string ToMarkdown() => ProfileCard.Markdown(this);
}

public sealed class ProfileViews(ProfileStore profiles, FollowStore follows, IWorkingGroupDirectory groups, FlowCatalog catalog, BotTexts texts)
{
    public const string OnboardingFlow = "onboarding";

    public BotTexts Texts => texts;

    public async Task<Reply> ProfileAsync(IncomingMessage message, string language, CancellationToken cancellationToken)
    {
        var t = texts.In(language);
        var key = UserKey.For(message.ChannelId, message.UserId);
        if (await profiles.GetAsync(key, cancellationToken) is not { } profile) return new TextReply(t["profileNone"]);
        var following = await follows.GroupsAsync(key, cancellationToken);
        string Title(string store, string? value) => value is null ? t["profileNotGiven"] : catalog.TitleOf(OnboardingFlow, store, value, language);
        var fields = new List<(string, string)>
        {
            (t["profileRole"], profile.RoleDescription ?? Title("role", profile.Role)),
            (t["profileCountry"], Title("country", profile.Country)),
            (t["profileCity"], profile.City ?? t["profileNotGiven"]),
            (t["profileTopics"], profile.Topics.Count == 0 ? t["profileNotGiven"] : string.Join(", ", profile.Topics.Select(x => Title("topics", x)))),
            (t["profileLanguage"], Title("language", profile.Language)),
            (t["profileFollowing"], following.Count == 0 ? t["profileNotGiven"] : string.Join(", ", following.Select(g => groups.Find(g)?.NameIn(language) ?? g))),
        };
        return new ProfileReply(t["profileTitle"], fields, t["profileStored"], t["profileEdit"], t["profileForget"]);
    }
}
