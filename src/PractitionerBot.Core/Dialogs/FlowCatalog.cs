using PractitionerBot.Conversations;

namespace PractitionerBot.Dialogs;

/// <summary>The loaded flows, and the display titles of the answers they store.</summary>
public sealed class FlowCatalog(IReadOnlyDictionary<string, FlowDefinition> flows)
{
    public IReadOnlyDictionary<string, FlowDefinition> Flows => flows;

    /// <summary>The title (in <paramref name="language"/>) of a stored choice value, or the value itself.</summary>
    public string TitleOf(string flowId, string storeKey, string value, string language = "en")
    {
        if (!flows.TryGetValue(flowId, out var flow)) return value;
        var choice = flow.Steps.Values.Where(s => s.Store == storeKey && s.Choices is not null)
            .SelectMany(s => s.Choices!).FirstOrDefault(c => c.Value == value);
        return choice?.Title.In(language) ?? value;
    }

    public string? Title(DialogState state, string storeKey) =>
        state.Answer(storeKey) is { } value ? TitleOf(state.FlowId, storeKey, value) : null;
}
