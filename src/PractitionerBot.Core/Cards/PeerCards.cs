using System.Globalization;
using System.Text.Json.Nodes;
using PractitionerBot.Chat;
using PractitionerBot.PeerExchange;

namespace PractitionerBot.Cards;

/// <summary>Cards for routing and peer exchange: recommendations, the ask form, the channel question, answers.</summary>
internal static class PeerCards
{
    /// <summary>Action data carries the question so the form can be prefilled; long questions are cut to fit a card.</summary>
    private const int MaxQuestionInData = 4_000;

    public static AdaptiveCard Recommendation(RecommendationReply reply)
    {
        var body = new List<CardElement> { new TextBlock(reply.Intro) { Size = TextSize.Medium, Heading = true } };
        body.AddRange(reply.Groups.Select(g => GroupBlock(g, reply.Question, reply)));
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new SubmitAction(reply.Label("groupsAllButton", "All ten groups"), new JsonObject { ["action"] = "groups" })],
            FallbackText = MarkdownRenderer.Render(reply),
        };
    }

    public static Container GroupBlock(GroupRecommendation r, string? question, Reply reply) => new(
    [
        new TextBlock($"**{r.Group.Name}** ({r.Group.ShortName})"),
        new TextBlock(Capitalise(r.Reason) + ".") { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.None },
        new ActionSet(
        [
            r.Followed
                ? new SubmitAction(reply.Label("unfollowButton", "Unfollow"), new JsonObject { ["action"] = "unfollow", ["group"] = r.Group.Id })
                : new SubmitAction(reply.Texts?.Get("followButton", ("group", r.Group.ShortName)) ?? $"Follow {r.Group.ShortName}",
                    new JsonObject { ["action"] = "follow", ["group"] = r.Group.Id }),
            AskPeersAction(r.Group, question, reply),
        ]),
    ])
    { Separator = true, Spacing = Spacing.Medium };

    public static SubmitAction AskPeersAction(GroupLine group, string? question, Reply reply) =>
        new(reply.Texts?.Get("askPeersButton", ("group", group.ShortName)) ?? $"Ask the {group.ShortName} peers", new JsonObject
    {
        ["action"] = "askPeers",
        ["group"] = group.Id,
        ["question"] = question is null ? "" : question.Length > MaxQuestionInData ? question[..MaxQuestionInData] : question,
    });

    public static AdaptiveCard AskForm(AskPeersFormReply form)
    {
        var body = new List<CardElement>
        {
            new TextBlock($"Ask the {form.Group.Name} peers") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Heading = true },
            new TextBlock($"Your question will be posted in the {form.Group.Name} channel, where practitioners can answer it. " +
                          "Answers come back to you here. Leave out names and details that identify a person in a case.") { IsSubtle = true },
        };
        if (form.Problem is not null) body.Add(new TextBlock(form.Problem) { Color = TextColor.Attention });
        body.Add(new InputText("question")
        {
            Label = "Your question",
            Value = form.Question,
            IsMultiline = true,
            MaxLength = form.MaxLength,
            IsRequired = true,
            ErrorMessage = "Please write your question.",
        });
        body.Add(new InputToggle("anonymous", "Post without my name") { Value = false });
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new SubmitAction($"Post to the {form.Group.ShortName} channel", new JsonObject { ["action"] = "postPeerQuestion", ["group"] = form.Group.Id })],
            FallbackText = $"Ask the {form.Group.Name} peers: reply in Teams to post your question.",
        };
    }

    public static AdaptiveCard ChannelQuestion(PeerQuestionReply reply)
    {
        var q = reply.Question;
        var status = q.Status switch
        {
            PeerQuestionStatus.Resolved => $"Resolved · {Answers(q.Answers)}",
            PeerQuestionStatus.Answered => $"Open · {Answers(q.Answers)}",
            _ => "Open · no answers yet",
        };
        var body = new List<CardElement>
        {
            new TextBlock($"Question for the {q.Group.Name} peers") { Size = TextSize.Small, IsSubtle = true, Wrap = false },
            new TextBlock(q.Text) { Spacing = Spacing.Small },
            new FactSet([new Fact("Asked by", q.AskedBy), new Fact("Asked on", q.Created.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)), new Fact("Status", status)]),
        };
        if (reply.Notice is not null) body.Add(new TextBlock(reply.Notice) { Color = TextColor.Accent, Weight = TextWeight.Bolder });
        var actions = new List<CardAction>();
        if (q.Status == PeerQuestionStatus.Resolved)
            body.Add(new TextBlock("The person who asked marked this resolved; answers are closed.") { IsSubtle = true });
        else
        {
            body.Add(new InputText("answer") { Label = "Your answer", IsMultiline = true, MaxLength = reply.MaxAnswerLength, Placeholder = "Share what worked for you" });
            actions.Add(new ExecuteAction("Send answer", "peerAnswer", new JsonObject { ["questionId"] = q.Id }));
        }
        return new AdaptiveCard { Body = body, Actions = actions, FallbackText = $"Question for the {q.Group.Name} peers: {q.Text}" };
    }

    public static AdaptiveCard AnswerToAsker(PeerAnswerReply reply) => new()
    {
        Body =
        [
            new TextBlock($"{reply.AnswererName} answered your question to the {reply.Group.Name} peers") { Weight = TextWeight.Bolder, Heading = true },
            new TextBlock(reply.Answer) { Spacing = Spacing.Small },
            new TextBlock($"Your question: {Shorten(reply.QuestionText, 300)}") { Size = TextSize.Small, IsSubtle = true, Separator = true },
        ],
        Actions = [new SubmitAction("Mark resolved", new JsonObject { ["action"] = "resolvePeerQuestion", ["questionId"] = reply.QuestionId })],
        FallbackText = $"{reply.AnswererName} answered: {reply.Answer}",
    };

    private static string Answers(int n) => n == 1 ? "1 answer" : $"{n} answers";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
