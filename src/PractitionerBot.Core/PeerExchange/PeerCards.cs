using System.Text.Json.Nodes;
using PractitionerBot.Cards;
using PractitionerBot.Conversations;

namespace PractitionerBot.PeerExchange;

/// <summary>Cards for peer exchange: the "ask the peers" button, the ask form, the channel question, answers.</summary>
internal static class PeerCards
{
    /// <summary>Action data carries the question so the form can be prefilled; long questions are cut to fit a card.</summary>
    private const int MaxQuestionInData = 4_000;

    public static SubmitAction AskPeersAction(GroupLine group, string? question, Reply reply) =>
        new(reply.Texts?.Get("askPeersButton", ("group", group.ShortName)) ?? $"Ask the {group.ShortName} peers", new JsonObject
    {
        ["action"] = "askPeers",
        ["group"] = group.Id,
        ["question"] = question is null ? "" : question.Length > MaxQuestionInData ? question[..MaxQuestionInData] : question,
    });

    public static AdaptiveCard AskForm(AskPeersFormReply form)
    {
        var t = form.T;
        var group = ("group", form.Group.Name);
        var body = new List<CardElement>
        {
            new TextBlock(t.Get("peerAskTitle", group)) { Size = TextSize.Medium, Weight = TextWeight.Bolder, Heading = true },
            new TextBlock(t.Get("peerAskIntro", group)) { IsSubtle = true },
        };
        if (form.Problem is not null) body.Add(new TextBlock(form.Problem) { Color = TextColor.Attention });
        body.Add(new InputText("question")
        {
            Label = t["peerAskQuestionLabel"],
            Value = form.Question,
            IsMultiline = true,
            MaxLength = form.MaxLength,
            IsRequired = true,
            ErrorMessage = t["peerAskQuestionError"],
        });
        body.Add(new InputToggle("anonymous", t["peerAskAnonymous"]) { Value = false });
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new SubmitAction(t.Get("peerAskPost", ("group", form.Group.ShortName)), new JsonObject { ["action"] = "postPeerQuestion", ["group"] = form.Group.Id })],
            FallbackText = t.Get("peerAskFallback", group),
        };
    }

    public static AdaptiveCard ChannelQuestion(PeerQuestionReply reply)
    {
        var t = reply.T;
        var q = reply.Question;
        var status = q.Status switch
        {
            PeerQuestionStatus.Resolved => t.Get("peerStatusResolved", ("answers", Answers(q.Answers, t))),
            PeerQuestionStatus.Answered => t.Get("peerStatusOpen", ("answers", Answers(q.Answers, t))),
            _ => t["peerStatusNoAnswers"],
        };
        var body = new List<CardElement>
        {
            new TextBlock(t.Get("peerChannelTitle", ("group", q.Group.Name))) { Size = TextSize.Small, IsSubtle = true, Wrap = false },
            new TextBlock(MemberText.Escape(q.Text)) { Spacing = Spacing.Small },
            new FactSet([new Fact(t["peerAskedBy"], MemberText.Escape(q.AskedBy)), new Fact(t["peerAskedOn"], t.Date(q.Created.DateTime)), new Fact(t["peerStatus"], status)]),
        };
        if (reply.Notice is not null) body.Add(new TextBlock(reply.Notice) { Color = TextColor.Accent, Weight = TextWeight.Bolder });
        var actions = new List<CardAction>();
        if (q.Status == PeerQuestionStatus.Resolved)
            body.Add(new TextBlock(t["peerChannelResolvedNote"]) { IsSubtle = true });
        else
        {
            body.Add(new InputText("answer") { Label = t["peerAnswerLabel"], IsMultiline = true, MaxLength = reply.MaxAnswerLength, Placeholder = t["peerAnswerPlaceholder"] });
            actions.Add(new ExecuteAction(t["peerSendAnswer"], "peerAnswer", new JsonObject { ["questionId"] = q.Id }));
        }
        return new AdaptiveCard { Body = body, Actions = actions, FallbackText = t.Get("peerChannelFallback", ("group", q.Group.Name), ("question", MemberText.Escape(q.Text))) };
    }

    /// <summary>
    /// The heading is the bot's own words and the answerer's name sits in a labelled fact, both above the answer,
    /// which comes framed on its own: nothing in an answer can pass for the heading or for who wrote it.
    /// </summary>
    public static AdaptiveCard AnswerToAsker(PeerAnswerReply reply)
    {
        var t = reply.T;
        return new()
        {
            Body =
            [
                new TextBlock(t.Get("peerAnswerHeading", ("group", reply.Group.Name))) { Weight = TextWeight.Bolder, Heading = true },
                new FactSet([new Fact(t["peerAnswerFrom"], MemberText.Escape(reply.AnswererName))]) { Spacing = Spacing.Small },
                new Container([new TextBlock(MemberText.Escape(reply.Answer))]) { Style = ContainerStyle.Emphasis, Spacing = Spacing.Small },
                new TextBlock(t.Get("peerYourQuestion", ("question", MemberText.Escape(reply.QuestionText, 300)))) { Size = TextSize.Small, IsSubtle = true, Separator = true },
            ],
            Actions = [new SubmitAction(t["peerMarkResolved"], new JsonObject { ["action"] = "resolvePeerQuestion", ["questionId"] = reply.QuestionId })],
            FallbackText = t.Get("peerAnswerFallback", ("name", MemberText.Escape(reply.AnswererName)), ("answer", MemberText.Escape(reply.Answer))),
        };
    }

    internal static string Answers(int n, Localization.LocalTexts t) =>
        n == 1 ? t["peerAnswersOne"] : t.Get("peerAnswersMany", ("count", n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
