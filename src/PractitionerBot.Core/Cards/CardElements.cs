using System.Text.Json.Nodes;

namespace PractitionerBot.Cards;

public abstract record CardElement
{
    public string? Id { get; init; }
    public Spacing Spacing { get; init; }
    public bool Separator { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type };
        json.With("id", Id);
        if (Spacing != Spacing.Default) json["spacing"] = CardJson.Camel(Spacing);
        if (Separator) json["separator"] = true;
        Write(json);
        return json;
    }

    protected abstract string Type { get; }

    protected abstract void Write(JsonObject json);
}

/// <summary>Text; supports the Markdown subset Adaptive Cards renders (bold, italic, lists, links).</summary>
public sealed record TextBlock(string Text) : CardElement
{
    public TextSize Size { get; init; }
    public TextWeight Weight { get; init; }
    public TextColor Color { get; init; }
    public bool IsSubtle { get; init; }
    public bool Wrap { get; init; } = true;
    public int? MaxLines { get; init; }
    public bool Heading { get; init; }

    protected override string Type => "TextBlock";

    protected override void Write(JsonObject json)
    {
        json["text"] = Text;
        if (Wrap) json["wrap"] = true;
        if (Size != TextSize.Default) json["size"] = CardJson.Camel(Size);
        if (Weight != TextWeight.Default) json["weight"] = CardJson.Camel(Weight);
        if (Color != TextColor.Default) json["color"] = CardJson.Camel(Color);
        if (IsSubtle) json["isSubtle"] = true;
        if (MaxLines is { } lines) json["maxLines"] = lines;
        if (Heading) json["style"] = "heading";
    }
}

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public ContainerStyle Style { get; init; }
    public CardAction? SelectAction { get; init; }

    protected override string Type => "Container";

    protected override void Write(JsonObject json)
    {
        json["items"] = new JsonArray(Items.Select(i => (JsonNode)i.ToJson()).ToArray());
        if (Style != ContainerStyle.Default) json["style"] = CardJson.Camel(Style);
        if (SelectAction is not null) json["selectAction"] = SelectAction.ToJson();
    }
}

public sealed record Column(IReadOnlyList<CardElement> Items, string Width = "stretch");

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement
{
    protected override string Type => "ColumnSet";

    protected override void Write(JsonObject json) =>
        json["columns"] = new JsonArray(Columns.Select(c => (JsonNode)new JsonObject
        {
            ["type"] = "Column",
            ["width"] = c.Width,
            ["items"] = new JsonArray(c.Items.Select(i => (JsonNode)i.ToJson()).ToArray()),
        }).ToArray());
}

public sealed record Fact(string Title, string Value);

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement
{
    protected override string Type => "FactSet";

    protected override void Write(JsonObject json) =>
        json["facts"] = new JsonArray(Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value }).ToArray());
}

public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardElement
{
    protected override string Type => "ActionSet";

    protected override void Write(JsonObject json) =>
        json["actions"] = new JsonArray(Actions.Select(a => (JsonNode)a.ToJson()).ToArray());
}

public sealed record InputText(string InputId) : CardElement
{
    public string? Label { get; init; }
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public bool IsMultiline { get; init; }
    public int? MaxLength { get; init; }
    public bool IsRequired { get; init; }
    public string? ErrorMessage { get; init; }

    protected override string Type => "Input.Text";

    protected override void Write(JsonObject json)
    {
        json["id"] = InputId;
        json.With("label", Label).With("placeholder", Placeholder).With("value", Value).With("errorMessage", ErrorMessage);
        if (IsMultiline) json["isMultiline"] = true;
        if (MaxLength is { } max) json["maxLength"] = max;
        if (IsRequired) json["isRequired"] = true;
    }
}

public sealed record Choice(string Title, string Value);

public sealed record InputChoiceSet(string InputId, IReadOnlyList<Choice> Choices) : CardElement
{
    public string? Label { get; init; }
    public string? Value { get; init; }
    public bool IsMultiSelect { get; init; }
    public bool Expanded { get; init; }
    public string? Placeholder { get; init; }

    protected override string Type => "Input.ChoiceSet";

    protected override void Write(JsonObject json)
    {
        json["id"] = InputId;
        json["choices"] = new JsonArray(Choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value }).ToArray());
        json.With("label", Label).With("value", Value).With("placeholder", Placeholder);
        if (IsMultiSelect) json["isMultiSelect"] = true;
        json["style"] = Expanded ? "expanded" : "compact";
    }
}

public sealed record InputToggle(string InputId, string Title) : CardElement
{
    public string? Label { get; init; }
    public bool Value { get; init; }

    protected override string Type => "Input.Toggle";

    protected override void Write(JsonObject json)
    {
        json["id"] = InputId;
        json["title"] = Title;
        json["value"] = Value ? "true" : "false";
        json["valueOn"] = "true";
        json["valueOff"] = "false";
        json.With("label", Label);
    }
}
