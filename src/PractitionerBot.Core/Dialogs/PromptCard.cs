using System.Text.Json.Nodes;
using PractitionerBot.Chat;
using PractitionerBot.Dialogs;
using PractitionerBot.Members;

namespace PractitionerBot.Cards;

/// <summary>Cards for onboarding and the member's profile.</summary>
internal static class MemberCards
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

    public static AdaptiveCard Profile(ProfileReply p) => new()
    {
        Body =
        [
            new TextBlock(p.Title) { Size = TextSize.Medium, Weight = TextWeight.Bolder, Heading = true },
            new FactSet(p.Fields.Select(f => new Fact(f.Label, MemberText.Escape(f.Value))).ToList()),
            new TextBlock(p.Note) { Size = TextSize.Small, IsSubtle = true },
        ],
        Actions =
        [
            new SubmitAction(p.EditLabel, new JsonObject { ["action"] = "onboard" }),
            new SubmitAction(p.ForgetLabel, new JsonObject { ["action"] = "forgetMe" }),
        ],
        FallbackText = p.Title,
    };

    private static JsonObject With(JsonObject data, string answer)
    {
        var copy = (JsonObject)data.DeepClone();
        copy["answer"] = answer;
        return copy;
    }
}
