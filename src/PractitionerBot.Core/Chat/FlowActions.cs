using PractitionerBot.Answers;
using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Members;

namespace PractitionerBot.Chat;

/// <summary>"recommendFromDescription": the groups that fit what the member wrote about their work.</summary>
public sealed class RecommendFromDescriptionAction(QuestionAnswerer answers, Localization.BotTexts texts) : IDialogAction
{
    public const string ActionName = "recommendFromDescription";

    public string Name => ActionName;

    public async Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken) =>
        [await answers.RecommendAsync(context.Message, state.Answer("description") ?? "", texts.In(context.Language), cancellationToken)];
}

/// <summary>"eraseMember": "forget me" confirmed; erases the member everywhere and drops their state in this conversation.</summary>
public sealed class EraseMemberAction(MemberErasure erasure, PeerExchange.PeerExchangeService peers, Localization.BotTexts texts) : IDialogAction
{
    public const string ActionName = "eraseMember";

    public string Name => ActionName;

    public async Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken)
    {
        var erased = await erasure.EraseAsync(UserKey.For(context.Message.ChannelId, context.Message.UserId), cancellationToken);
        await peers.AskerErasedAsync(erased.PeerQuestionIds, cancellationToken);
        context.Member.Flows.Clear();
        context.Conversation.EraseRequested = true;
        return [new TextReply(texts.Get("forgetDone", context.Language))];
    }
}

/// <summary>"switchFlow": the member chose to leave the task they were in for the one they asked for.</summary>
public sealed class SwitchFlowAction : IDialogAction
{
    public const string ActionName = "switchFlow";

    public string Name => ActionName;

    public Task<IReadOnlyList<Reply>> RunAsync(DialogContext context, DialogState state, CancellationToken cancellationToken)
    {
        context.SwitchTo = state.Answer("to");
        return Task.FromResult<IReadOnlyList<Reply>>([]);
    }
}
