using System.Text.Json.Nodes;
using PractitionerBot.Chat;
using PractitionerBot.Localization;

namespace PractitionerBot.Dialogs;

/// <summary>
/// Runs flows from <c>dialogs/</c>: says messages, asks questions, checks answers (re-asking at most
/// twice with the reason, then skipping), follows branches, calls named actions. "help", "skip",
/// "restart" and "cancel" work at every step. The state lives in <see cref="ConversationData"/>.
/// </summary>
public sealed class DialogEngine(IReadOnlyDictionary<string, FlowDefinition> flows, IEnumerable<IDialogAction> actions, BotTexts texts,
    PeerExchange.RoleOptions roles)
{
    public const int MaxRetries = 2;
    private const int DefaultMaxLength = 500;

    private readonly Dictionary<string, IDialogAction> _actions = actions.ToDictionary(a => a.Name);

    public bool Has(string flowId) => flows.ContainsKey(flowId);

    private TextReply? Refusal(FlowDefinition flow, DialogContext context) => flow.Role switch
    {
        null => null,
        "coordinator" when roles.IsCoordinator(context.Message.AadObjectId) => null,
        _ => new TextReply(flow.Refusal!.In(context.Language)),
    };

    public async Task<List<Reply>> StartAsync(string flowId, DialogContext context, CancellationToken cancellationToken)
    {
        var flow = flows[flowId];
        if (Refusal(flow, context) is { } refusal) return [refusal];
        context.Data.Dialog = new DialogState { FlowId = flow.Id, StepId = flow.Start };
        var replies = new List<Reply>();
        await RunAsync(context, replies, cancellationToken);
        return replies;
    }

    public async Task<List<Reply>> ContinueAsync(DialogContext context, string? text, JsonObject? value, CancellationToken cancellationToken)
    {
        var state = context.Data.Dialog!;
        if (!flows.TryGetValue(state.FlowId, out var flow) || !flow.Steps.TryGetValue(state.StepId, out var step))
        {
            context.Data.Dialog = null; // the flow changed under a stored state: start clean rather than guess
            return [new TextReply(Texts(context)["dialogCancelled"])];
        }
        // In a group chat or channel thread the flow is shared: a member without its role is refused, and the flow stays as it was.
        if (Refusal(flow, context) is { } refusal) return [refusal];
        var local = Texts(context);
        var command = ChoiceMatcher.Fold(text ?? "");
        var skipPressed = value?["skip"] is JsonValue s && s.TryGetValue(out bool skip) && skip;
        switch (command)
        {
            case "cancel" or "stop":
                context.Data.Dialog = null;
                return [new TextReply(local["dialogCancelled"])];
            case "restart":
                return await StartAsync(flow.Id, context, cancellationToken);
            case "help" or "?":
                return [new TextReply(local["dialogHelp"]), Prompt(step, state, context, null)];
        }

        var replies = new List<Reply>();
        if (command == "skip" || skipPressed)
        {
            if (!step.Skippable) return [Prompt(step, state, context, local["reasonYesNo"])];
            Advance(state, step, step.Type == "confirm" ? step.No : step.Next);
            await RunAsync(context, replies, cancellationToken);
            return replies;
        }

        var cardStep = value.String("step");
        if (cardStep is not null && cardStep != step.Id)
            return [Prompt(step, state, context, null)]; // a button from an earlier question: ask the current one again

        var input = value.String("answer") ?? text ?? "";
        var (answer, problem) = Parse(step, state, input, local);
        if (problem is not null)
        {
            state.Retries++;
            if (state.Retries > MaxRetries)
            {
                replies.Add(new TextReply(local["dialogSkippedAfterRetries"]));
                Advance(state, step, step.Type == "confirm" ? step.No : step.Next);
                await RunAsync(context, replies, cancellationToken);
                return replies;
            }
            return [Prompt(step, state, context, local.Get("dialogRetry", ("reason", problem)))];
        }

        state.Answers[step.Store!] = answer!;
        if (step.Store == "language" && answer!.Count > 0) context.Language = BotTexts.Resolve(answer[0], null);
        Advance(state, step, step.Type == "confirm" ? (answer![0] == "yes" ? step.Yes : step.No) : step.Next);
        await RunAsync(context, replies, cancellationToken);
        return replies;
    }

    private static void Advance(DialogState state, FlowStep step, string? next)
    {
        state.StepId = next ?? step.Id;
        state.Retries = 0;
    }

    /// <summary>Runs steps that need no answer until one asks a question, or the flow ends.</summary>
    private async Task RunAsync(DialogContext context, List<Reply> replies, CancellationToken cancellationToken)
    {
        var state = context.Data.Dialog!;
        var flow = flows[state.FlowId];
        for (var guard = 0; guard < 100; guard++)
        {
            var step = flow.Steps[state.StepId];
            switch (step.Type)
            {
                case "message":
                    replies.Add(new TextReply(step.Text!.In(context.Language)));
                    Advance(state, step, step.Next);
                    break;
                case "branch":
                    var value = state.Answer(step.On!);
                    Advance(state, step, value is not null && step.Cases!.TryGetValue(value, out var target) ? target : step.Default);
                    break;
                case "action":
                    replies.AddRange(await _actions[step.Action!].RunAsync(context, state, cancellationToken));
                    Advance(state, step, step.Next);
                    break;
                case "end":
                    context.Data.Dialog = null;
                    return;
                default:
                    replies.Add(Prompt(step, state, context, null));
                    return;
            }
        }
        throw new InvalidOperationException($"flow '{flow.Id}' loops without asking anything");
    }

    private (List<string>? Answer, string? Problem) Parse(FlowStep step, DialogState state, string input, LocalTexts local)
    {
        input = input.Trim();
        switch (step.Type)
        {
            case "text":
                var max = step.MaxLength ?? DefaultMaxLength;
                if (input.Length == 0) return (null, local["reasonEmpty"]);
                if (input.Length > max) return (null, local.Get("reasonTooLong", ("length", input.Length.ToString("N0")), ("max", max.ToString("N0"))));
                return step.Format switch
                {
                    "datetime" when !DateTime.TryParse(input, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AllowWhiteSpaces, out _)
                        => (null, $"'{Short(input)}' is not a date and time such as 2031-03-10 09:30"),
                    "url" when !(Uri.TryCreate(input, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
                        => (null, $"'{Short(input)}' is not an https address"),
                    _ => ([input], null),
                };
            case "confirm":
                var yesNo = ChoiceMatcher.Match(input, [
                    new("yes", ["yes", "y", "ok", "agree", "i agree", "sure", "oui", "d'accord", "ja", "einverstanden", "akkoord", local["dialogYes"]]),
                    new("no", ["no", "n", "disagree", "non", "pas d'accord", "nein", "nee", "niet akkoord", local["dialogNo"]])]);
                return yesNo is null ? (null, local["reasonYesNo"]) : ([yesNo], null);
            case "choice":
                if (input.Length == 0) return (null, local["reasonNothingChosen"]);
                var one = ChoiceMatcher.Match(input, Options(step, state));
                return one is null ? (null, local.Get("reasonNotAnOption", ("value", Short(input)))) : ([one], null);
            default: // multichoice
                var options = Options(step, state);
                // The whole text first: a title may itself contain "and" or a comma.
                if (input.Length > 0 && ChoiceMatcher.Match(input, options) is { } whole) return ([whole], null);
                var parts = ChoiceMatcher.SplitMany(input).ToList();
                if (parts.Count == 0) return (null, local["reasonNothingChosen"]);
                var values = new List<string>();
                foreach (var part in parts)
                {
                    if (ChoiceMatcher.Match(part, options) is not { } match) return (null, local.Get("reasonNotAnOption", ("value", Short(part))));
                    if (!values.Contains(match)) values.Add(match);
                }
                return (values, null);
        }
    }

    private static IReadOnlyList<ChoiceMatcher.Option> Options(FlowStep step, DialogState state) =>
        step.ChoicesFrom is { } from
            ? state.Dynamic.GetValueOrDefault(from, []).Select(c => new ChoiceMatcher.Option(c.Value, [c.Value, c.Title])).ToList()
            : step.Choices!.Select(c => new ChoiceMatcher.Option(c.Value, [c.Value, .. c.Title.ByLanguage.Values, .. c.Synonyms])).ToList();

    private DialogPromptReply Prompt(FlowStep step, DialogState state, DialogContext context, string? problem)
    {
        var local = Texts(context);
        var choices = step.Type switch
        {
            "confirm" => [new PromptChoice("yes", local["dialogYes"]), new PromptChoice("no", local["dialogNo"])],
            "choice" or "multichoice" when step.ChoicesFrom is { } from =>
                state.Dynamic.GetValueOrDefault(from, []).Select(c => new PromptChoice(c.Value, c.Title)).ToList(),
            "choice" or "multichoice" => step.Choices!.Select(c => new PromptChoice(c.Value, c.Title.In(context.Language))).ToList(),
            _ => new List<PromptChoice>(),
        };
        return new DialogPromptReply(state.FlowId, step.Id, step.Type, step.Prompt!.In(context.Language), choices,
            step.Type == "text" ? step.MaxLength ?? DefaultMaxLength : null, step.Skippable, problem,
            new PromptLabels(local["dialogNext"], local["dialogSkip"], local["dialogYes"], local["dialogNo"]));
    }

    private LocalTexts Texts(DialogContext context) => texts.In(context.Language);

    private static string Short(string text) => MemberText.Escape(text, 41);
}
