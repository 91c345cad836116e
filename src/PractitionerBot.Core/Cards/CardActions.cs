using System.Text.Json.Nodes;

namespace PractitionerBot.Cards;

public abstract record CardAction(string Title)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type, ["title"] = Title };
        Write(json);
        return json;
    }

    protected abstract string Type { get; }

    protected abstract void Write(JsonObject json);
}

public sealed record OpenUrlAction(string Title, Uri Url) : CardAction(Title)
{
    protected override string Type => "Action.OpenUrl";

    protected override void Write(JsonObject json) => json["url"] = Url.AbsoluteUri;
}

/// <summary>Sends <paramref name="Data"/> back to the bot as a message with a value.</summary>
public sealed record SubmitAction(string Title, JsonObject Data) : CardAction(Title)
{
    protected override string Type => "Action.Submit";

    protected override void Write(JsonObject json) => json["data"] = Data.DeepClone();
}

/// <summary>Universal action: an invoke the bot answers with a card that replaces this one.</summary>
public sealed record ExecuteAction(string Title, string Verb, JsonObject Data) : CardAction(Title)
{
    protected override string Type => "Action.Execute";

    protected override void Write(JsonObject json)
    {
        json["verb"] = Verb;
        json["data"] = Data.DeepClone();
    }
}

public sealed record ShowCardAction(string Title, AdaptiveCard Card) : CardAction(Title)
{
    protected override string Type => "Action.ShowCard";

    protected override void Write(JsonObject json)
    {
        var card = Card.ToJson();
        card.Remove("$schema");
        json["card"] = card;
    }
}
