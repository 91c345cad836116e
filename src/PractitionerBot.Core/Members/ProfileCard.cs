using System.Text.Json.Nodes;
using PractitionerBot.Cards;
using PractitionerBot.Conversations;

namespace PractitionerBot.Members;

/// <summary>The member's profile card, with its edit and forget buttons.</summary>
internal static class ProfileCard
{
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

    public static string Markdown(ProfileReply p) =>
        $"**{p.Title}**\n\n" + string.Join('\n', p.Fields.Select(f => $"- {f.Label}: {MemberText.Escape(f.Value)}")) + $"\n\n_{p.Note}_";
}
