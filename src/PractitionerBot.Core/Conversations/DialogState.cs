namespace PractitionerBot.Conversations;

/// <summary>Where a member is in a flow; stored with the conversation, so it survives a restart.</summary>
public sealed class DialogState
{
    public string FlowId { get; set; } = "";
    public string StepId { get; set; } = "";

    /// <summary>Answers by the step's <c>store</c> key; a multiple choice keeps several values.</summary>
    public Dictionary<string, List<string>> Answers { get; set; } = [];

    /// <summary>Failed attempts at the current step.</summary>
    public int Retries { get; set; }

    /// <summary>Choices computed by actions (e.g. the recommended groups), by name.</summary>
    public Dictionary<string, List<DynamicChoice>> Dynamic { get; set; } = [];

    public string? Answer(string key) => Answers.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;
}

public sealed class DynamicChoice
{
    public string Value { get; set; } = "";
    public string Title { get; set; } = "";
}
