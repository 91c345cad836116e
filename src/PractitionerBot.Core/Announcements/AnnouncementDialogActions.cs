using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Localization;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Announcements;

/// <summary>"announcementGroups": the ten groups as choices for the announce flow.</summary>
public sealed class AnnouncementGroupsAction(IWorkingGroupDirectory groups) : IDialogAction
{
    public const string ActionName = "announcementGroups";

    public string Name => ActionName;

    public Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken)
    {
        state.Dynamic["workingGroups"] = groups.All.Select(g => new DynamicChoice { Value = g.Id, Title = g.NameIn(context.Language) }).ToList();
        return Task.FromResult<IReadOnlyList<Reply>>([]);
    }
}

/// <summary>"previewAnnouncement": saves the answers as a draft (checked like the API checks them) and shows the card.</summary>
public sealed class PreviewAnnouncementAction(AnnouncementService announcements, AnnouncementCards cards, BotTexts texts) : IDialogAction
{
    public const string ActionName = "previewAnnouncement";

    public string Name => ActionName;

    public async Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken)
    {
        var request = new AnnouncementRequest
        {
            Kind = state.Answer("kind"), Title = state.Answer("title"), WorkingGroups = state.Answers.GetValueOrDefault("workingGroups"),
            EventType = state.Answer("eventType"), StartsAt = state.Answer("startsAt"), EndsAt = state.Answer("endsAt"),
            Location = state.Answer("location"), Url = state.Answer("url"), Deadline = state.Answer("deadline"),
            Description = state.Answer("description"), Programme = state.Answer("programme"), Budget = state.Answer("budget"),
            Eligibility = state.Answer("eligibility"),
        };
        var result = await announcements.CreateAsync(request, cancellationToken);
        if (result.Announcement is not { } draft)
        {
            state.Answers["previewOk"] = ["no"];
            var problems = string.Join("\n", (result.Errors ?? new Dictionary<string, string[]>()).SelectMany(e => e.Value.Select(m => $"- **{e.Key}** {m}")));
            // The problems are the API's own messages (English), so a coordinator sees the same wording in Teams, the CLI and the API.
            return [new TextReply(texts.Get("announceInvalid", context.Language, ("problems", problems)))];
        }
        state.Answers["previewOk"] = ["yes"];
        state.Answers["announcementId"] = [draft.Id];
        return [cards.Card(draft, 0, notice: texts.Get("announcementPreview", context.Language), language: context.Language)];
    }
}

/// <summary>"publishAnnouncement": publishes the draft the preview saved.</summary>
public sealed class PublishAnnouncementAction(AnnouncementService announcements, BotTexts texts) : IDialogAction
{
    public const string ActionName = "publishAnnouncement";

    public string Name => ActionName;

    public async Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken)
    {
        // Only a coordinator gets here: the flow's role is checked at every answer (dialogs/announce.yaml).
        var result = await announcements.PublishAsync(state.Answer("announcementId") ?? "", cancellationToken);
        return [new TextReply(result.Announcement is { } a
            ? texts.Get("announcePublished", context.Language, ("status", a.Status.ToString().ToLowerInvariant()), ("id", a.Id))
            : texts.Get("announcePublishFailed", context.Language, ("problem", result.Problem ?? result.Outcome.ToString())))];
    }
}
