using System.Text.Json.Nodes;
using PractitionerBot.Conversations;
using PractitionerBot.Localization;

namespace PractitionerBot.Dialogs;

/// <summary>What a flow made of a message: its replies, or "not an answer to this step" (the member asked something else).</summary>
public sealed record FlowTurn(IReadOnlyList<Reply> Replies, bool IsAnswer)
{
    public static readonly FlowTurn NotAnAnswer = new([], false);
}

/// <summary>
/// Runs flows from <c>dialogs/</c>: says messages, asks questions, checks answers (re-asking at most twice with the reason,
/// then skipping), follows branches, calls named actions. The flow controls (cancel, skip, restart, help, in four languages)
/// work at every step. A message that is no answer to the step (a command, a question) is handed back to the caller, which
/// handles it as if no flow were running and then asks the step again with <see cref="Resume"/>.
/// Each member has a stack of flows: an aside (a confirmation) stacks on what runs and hands back to it when it ends;
/// starting a task while another runs asks whether to leave it first.
/// </summary>
public sealed class DialogEngine(IReadOnlyDictionary<string, FlowDefinition> flows, IEnumerable<IDialogAction> actions, BotTexts texts,
    RoleOptions roles, CommandTable commands)
{
    public const int MaxRetries = 2;
    public const string LeaveFlow = "leave";
    private const int DefaultMaxLength = 500;

    /// <summary>Messages this long are not a pick from a list, whatever their words.</summary>
    private const int ChoiceMaxWords = 6;

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
        var member = context.Member;
        if (flow.Kind == FlowKind.Aside)
        {
            // One aside at a time: a new one replaces the one on top.
            if (member.Current is { } top && KindOf(top) == FlowKind.Aside) member.Flows.RemoveAt(member.Flows.Count - 1);
            member.Flows.Add(new DialogState { FlowId = flow.Id, StepId = flow.Start });
        }
        else
        {
            while (member.Current is { } top && KindOf(top) == FlowKind.Aside) member.Flows.RemoveAt(member.Flows.Count - 1);
            if (member.Current is { } running && flows.TryGetValue(LeaveFlow, out var leave))
                member.Flows.Add(new DialogState { FlowId = leave.Id, StepId = leave.Start, Answers = { ["from"] = [running.FlowId], ["to"] = [flow.Id] } });
            else
            {
                member.Flows.Clear();
                member.Flows.Add(new DialogState { FlowId = flow.Id, StepId = flow.Start });
            }
        }
        var replies = new List<Reply>();
        await RunAsync(context, replies, cancellationToken);
        return replies;
    }

    public async Task<FlowTurn> ContinueAsync(DialogContext context, string? text, JsonObject? value, CancellationToken cancellationToken)
    {
        var member = context.Member;
        var state = member.Current!;
        if (!flows.TryGetValue(state.FlowId, out var flow) || !flow.Steps.TryGetValue(state.StepId, out var step))
        {
            member.Flows.Clear(); // the flow changed under a stored state: start clean rather than guess
            return Handled(new TextReply(Texts(context)["dialogCancelled"]));
        }
        // A coordinator-only flow checks the role at every answer too.
        if (Refusal(flow, context) is { } refusal) return Handled(refusal);
        var local = Texts(context);
        var skipPressed = value?["skip"] is JsonValue s && s.TryGetValue(out bool skip) && skip;
        var fromCard = value?.ContainsKey("answer") == true;
        switch (fromCard ? null : commands.Control(text))
        {
            case FlowControl.Cancel:
                return Handled([.. Cancel(context, flow, local)]);
            case FlowControl.Restart:
                state.StepId = flow.Start;
                state.Retries = 0;
                state.Answers.Clear();
                state.Dynamic.Clear();
                return Handled([.. await RunToPromptAsync(context, cancellationToken)]);
            case FlowControl.Help:
                return Handled(new TextReply(local["dialogHelp"]), Prompt(step, state, context, null));
            case FlowControl.Skip:
                skipPressed = true;
                break;
        }

        if (skipPressed)
        {
            if (!step.Skippable) return Handled(Prompt(step, state, context, local["reasonNotSkippable"]));
            Advance(state, step, step.Type == "confirm" ? step.No : step.Next);
            return Handled([.. await RunToPromptAsync(context, cancellationToken)]);
        }

        var cardStep = value.String("step");
        if (cardStep is not null && (cardStep != step.Id || value.String("dialog") != state.FlowId))
            return Handled(Prompt(step, state, context, null)); // a button from an earlier question: ask the current one again

        var input = value.String("answer") ?? text ?? "";
        if (!fromCard && !IsAnswerShaped(step, input)) return FlowTurn.NotAnAnswer;
        var (answer, problem) = Parse(step, state, input, local);
        if (problem is not null)
        {
            if (!fromCard && IsSomethingElse(input)) return FlowTurn.NotAnAnswer;
            state.Retries++;
            if (state.Retries <= MaxRetries) return Handled(Prompt(step, state, context, local.Get("dialogRetry", ("reason", problem))));
            Advance(state, step, step.Type == "confirm" ? step.No : step.Next);
            return Handled([new TextReply(local["dialogSkippedAfterRetries"]), .. await RunToPromptAsync(context, cancellationToken)]);
        }

        state.Answers[step.Store!] = answer!;
        if (step.Store == "language" && answer!.Count > 0) context.Language = BotTexts.Resolve(answer[0], null);
        Advance(state, step, step.Type == "confirm" ? (answer![0] == "yes" ? step.Yes : step.No) : step.Next);
        return Handled([.. await RunToPromptAsync(context, cancellationToken)]);
    }

    /// <summary>After a message the flow did not take: the current step again, below, with "Back to …".</summary>
    public DialogPromptReply? Resume(DialogContext context)
    {
        if (context.Member.Current is not { } state || !flows.TryGetValue(state.FlowId, out var flow)
            || !flow.Steps.TryGetValue(state.StepId, out var step) || !step.TakesInput) return null;
        return Prompt(step, state, context, null) with { LeadIn = LeadIn(flow, context) };
    }

    /// <summary>
    /// Free text takes any message that is not a command (and, for a statement, not a question); a choice is checked by
    /// <see cref="Parse"/> first, since its options may look like anything.
    /// </summary>
    private bool IsAnswerShaped(FlowStep step, string input) =>
        step.Type != "text"
        || (commands.Match(input) is not { Command.Interrupts: true }
            && !(step.Accepts == AnswerShape.Statement && MessageShape.IsQuestion(input)));

    /// <summary>A message a choice could not use, which reads as something else: a command, a question, a story.</summary>
    private bool IsSomethingElse(string input) =>
        commands.Match(input) is { Command.Interrupts: true } || MessageShape.IsQuestion(input) || MessageShape.WordCount(input) >= ChoiceMaxWords;

    private IEnumerable<Reply> Cancel(DialogContext context, FlowDefinition flow, LocalTexts local)
    {
        var member = context.Member;
        member.Flows.RemoveAt(member.Flows.Count - 1);
        if (flow.Kind == FlowKind.Task)
        {
            member.Flows.Clear();
            yield return new TextReply(local["dialogCancelled"]);
            yield break;
        }
        yield return new TextReply(local["asideCancelled"]);
        if (Resume(context) is { } prompt) yield return prompt;
    }

    private async Task<List<Reply>> RunToPromptAsync(DialogContext context, CancellationToken cancellationToken)
    {
        var replies = new List<Reply>();
        await RunAsync(context, replies, cancellationToken);
        return replies;
    }

    private static FlowTurn Handled(params Reply[] replies) => new(replies, true);

    private static void Advance(DialogState state, FlowStep step, string? next)
    {
        state.StepId = next ?? step.Id;
        state.Retries = 0;
    }

    /// <summary>Runs steps that need no answer until one asks a question, or the flow ends (and hands back to the one below).</summary>
    private async Task RunAsync(DialogContext context, List<Reply> replies, CancellationToken cancellationToken)
    {
        var member = context.Member;
        for (var guard = 0; guard < 100; guard++)
        {
            if (member.Current is not { } state) return;
            var flow = flows[state.FlowId];
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
                    member.Flows.Remove(state);
                    if (context.SwitchTo is { } next)
                    {
                        context.SwitchTo = null;
                        member.Flows.Clear();
                        member.Flows.Add(new DialogState { FlowId = next, StepId = flows[next].Start });
                        break;
                    }
                    if (Resume(context) is { } prompt) replies.Add(prompt);
                    return;
                default:
                    replies.Add(Prompt(step, state, context, null));
                    return;
            }
        }
        throw new InvalidOperationException("a flow loops without asking anything");
    }

    internal static (List<string>? Answer, string? Problem) Parse(FlowStep step, DialogState state, string input, LocalTexts local)
    {
        input = input.Trim();
        switch (step.Type)
        {
            case "text":
                var max = step.MaxLength ?? DefaultMaxLength;
                if (input.Length == 0) return (null, local["reasonEmpty"]);
                if (input.Length > max) return (null, local.Get("reasonTooLong", ("length", input.Length.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)), ("max", max.ToString("N0", System.Globalization.CultureInfo.CurrentCulture))));
                return step.Format switch
                {
                    "datetime" when !DateTime.TryParse(input, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AllowWhiteSpaces, out _)
                        => (null, local.Get("reasonNotADate", ("value", Short(input)))),
                    "url" when !(Uri.TryCreate(input, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
                        => (null, local.Get("reasonNotAnHttpsAddress", ("value", Short(input)))),
                    _ => ([input], null),
                };
            case "confirm":
                var yesNo = ChoiceMatcher.Match(input, YesNo.Options(local));
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
        var yes = step.YesLabel?.In(context.Language) ?? local["dialogYes"];
        var no = step.NoLabel?.In(context.Language) ?? local["dialogNo"];
        var choices = step.Type switch
        {
            "confirm" => [new PromptChoice("yes", yes), new PromptChoice("no", no)],
            "choice" or "multichoice" when step.ChoicesFrom is { } from =>
                state.Dynamic.GetValueOrDefault(from, []).Select(c => new PromptChoice(c.Value, c.Title)).ToList(),
            "choice" or "multichoice" => step.Choices!.Select(c => new PromptChoice(c.Value, c.Title.In(context.Language))).ToList(),
            _ => new List<PromptChoice>(),
        };
        return new DialogPromptReply(state.FlowId, step.Id, step.Type, Fill(step.Prompt!.In(context.Language), state, context.Language), choices,
            step.Type == "text" ? step.MaxLength ?? DefaultMaxLength : null, step.Skippable, problem,
            new PromptLabels(local["dialogNext"], local["dialogSkip"], yes, no, commands.ControlWordIn(FlowControl.Skip, context.Language)));
    }

    /// <summary>"{from}" in a prompt: the title of the flow whose id the state keeps under that name, else the stored answer.</summary>
    private string Fill(string prompt, DialogState state, string language) =>
        state.Answers.Count == 0 ? prompt : System.Text.RegularExpressions.Regex.Replace(prompt, @"\{([a-zA-Z]+)\}", m =>
            state.Answer(m.Groups[1].Value) is not { } value ? m.Value
            : flows.TryGetValue(value, out var named) && named.Title is { } title ? title.In(language)
            : value);

    private string? LeadIn(FlowDefinition flow, DialogContext context) =>
        flow.Title is { } title ? Texts(context).Get("dialogResume", ("flow", title.In(context.Language))) : null;

    private FlowKind KindOf(DialogState state) => flows.TryGetValue(state.FlowId, out var flow) ? flow.Kind : FlowKind.Task;

    private LocalTexts Texts(DialogContext context) => texts.In(context.Language);

    private static string Short(string text) => MemberText.Escape(text, 41);
}
