using System.Text;
using System.Text.Json.Nodes;
using PractitionerBot.Cards;

namespace PractitionerBot.Dialogs;

/// <summary>A flow's question as a card, and as text with numbered options where cards are not shown.</summary>
internal static class PromptCard
{
    public static AdaptiveCard Prompt(DialogPromptReply p)
    {
        var body = new List<CardElement>();
        if (p.LeadIn is not null) body.Add(new TextBlock(p.LeadIn) { IsSubtle = true, Weight = TextWeight.Bolder });
        body.Add(new TextBlock(p.Prompt));
        if (p.Problem is not null) body.Add(new TextBlock(p.Problem) { Color = TextColor.Attention, Spacing = Spacing.Small });
        var data = new JsonObject { ["dialog"] = p.FlowId, ["step"] = p.StepId };
        var actions = new List<CardAction>();
        switch (p.StepType)
        {
            case "confirm":
                actions.Add(new SubmitAction(p.Labels.Yes, With(data, "yes")));
                actions.Add(new SubmitAction(p.Labels.No, With(data, "no")));
                break;
            case "text":
                body.Add(new InputText("answer") { MaxLength = p.MaxLength, IsMultiline = (p.MaxLength ?? 0) > 200 });
                actions.Add(new SubmitAction(p.Labels.Next, data));
                break;
            default:
                body.Add(new InputChoiceSet("answer", p.Choices.Select(c => new Choice(c.Title, c.Value)).ToList())
                {
                    IsMultiSelect = p.StepType == "multichoice",
                    Expanded = p.Choices.Count <= 8,
                });
                actions.Add(new SubmitAction(p.Labels.Next, data));
                break;
        }
        if (p.Skippable) actions.Add(new SubmitAction(p.Labels.Skip, new JsonObject { ["dialog"] = p.FlowId, ["step"] = p.StepId, ["skip"] = true }));
        return new AdaptiveCard { Body = body, Actions = actions, FallbackText = p.Prompt };
    }

    private static JsonObject With(JsonObject data, string answer)
    {
        var copy = (JsonObject)data.DeepClone();
        copy["answer"] = answer;
        return copy;
    }

    public static string Markdown(DialogPromptReply p)
    {
        var sb = new StringBuilder();
        if (p.LeadIn is not null) sb.Append("**").Append(p.LeadIn).Append("**\n\n");
        if (p.Problem is not null) sb.Append('_').Append(p.Problem).Append("_\n\n");
        sb.Append(p.Prompt);
        if (p.Choices.Count > 0)
            sb.Append("\n\n").Append(string.Join('\n', p.Choices.Select((c, i) => $"{i + 1}. {c.Title}")));
        if (p.Skippable) sb.Append("\n\n").Append(p.T.Get("dialogSkipHint", ("skip", p.Labels.SkipWord)));
        return sb.ToString();
    }
}
