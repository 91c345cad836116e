using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Members;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Onboarding;

/// <summary>"recommendGroups": routes what the member said about themselves and offers the groups that fit.</summary>
public sealed class RecommendGroupsAction(WorkingGroupRouter router, FlowCatalog catalog) : IDialogAction
{
    public const string ActionName = "recommendGroups";

    public string Name => ActionName;

    public Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken)
    {
        var about = string.Join(". ", new[]
        {
            catalog.Title(state, "role"), state.Answer("roleDescription"),
            string.Join(", ", (state.Answers.GetValueOrDefault("topics") ?? []).Select(t => catalog.TitleOf(state.FlowId, "topics", t))),
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var routing = router.Route(about);
        var recommended = routing.HasSignal
            ? routing.Ranked.Take(3).Where((g, i) => i == 0 || g.Score >= 0.1).ToList()
            : routing.Ranked.ToList();
        state.Dynamic["recommendedGroups"] = recommended
            .Select(g => new DynamicChoice { Value = g.Group.Id, Title = g.Group.NameIn(context.Language) })
            .ToList();
        IReadOnlyList<Reply> replies = routing.HasSignal
            ? [new TextReply(string.Join("\n", recommended.Select(g => $"- **{g.Group.NameIn(context.Language)}** ({g.Group.ShortName}): {g.Reason}")))]
            : [];
        return Task.FromResult(replies);
    }
}

/// <summary>"saveProfile": stores the answers and follows at once, and only with consent (nothing half-saved).</summary>
public sealed class SaveProfileAction(ProfileStore profiles, FollowStore follows, TimeProvider time) : IDialogAction
{
    public const string ActionName = "saveProfile";

    public string Name => ActionName;

    public async Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken)
    {
        if (state.Answer("consent") != "yes") return [];
        var key = UserKey.For(context.Message.ChannelId, context.Message.UserId);
        await profiles.SaveAsync(new MemberProfile(key, state.Answer("role"), state.Answer("roleDescription"), state.Answer("country"),
            state.Answer("city"), state.Answers.GetValueOrDefault("topics") ?? [], state.Answer("language"), time.GetUtcNow(),
            context.Message.ConversationType == "personal" ? context.Message.ConversationReference : null), cancellationToken);
        foreach (var group in state.Answers.GetValueOrDefault("follows") ?? []) await follows.FollowAsync(key, group, cancellationToken);
        return [];
    }
}

/// <summary>"showSummary": the profile card and how to ask a question.</summary>
public sealed class ShowSummaryAction(ProfileViews views) : IDialogAction
{
    public const string ActionName = "showSummary";

    public string Name => ActionName;

    public async Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken) =>
        [await views.ProfileAsync(context.Message, context.Language, cancellationToken), new TextReply(views.Texts.Get("help", context.Language))];
}
