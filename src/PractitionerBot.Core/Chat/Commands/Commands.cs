using PractitionerBot.Answers;
using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Members;
using PractitionerBot.PeerExchange;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Chat.Commands;

public sealed class HelpCommand : ICommand
{
    public string Id => "help";

    public Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reply>>([new TextReply(context.Texts["help"])]);
}

public sealed class GroupsCommand(IWorkingGroupDirectory groups) : ICommand
{
    public string Id => "groups";

    public Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reply>>([new GroupListReply(AnswerReplies.GroupLines(groups))]);
}

public sealed class MyGroupsCommand(FollowService follows) : ICommand
{
    public string Id => "myGroups";

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        [await follows.FollowingAsync(context.Message, context.Texts, cancellationToken)];
}

public sealed class FollowCommand(FollowService follows) : ICommand
{
    public string Id => "follow";

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        [await follows.FollowAsync(context.Message, argument.ToLowerInvariant(), follow: true, context.Texts, cancellationToken)];
}

public sealed class UnfollowCommand(FollowService follows) : ICommand
{
    public string Id => "unfollow";

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        [await follows.FollowAsync(context.Message, argument.ToLowerInvariant(), follow: false, context.Texts, cancellationToken)];
}

public sealed class ProfileCommand(ProfileViews views) : ICommand
{
    public string Id => "profile";

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        [await views.ProfileAsync(context.Message, context.Texts.Language, cancellationToken)];
}

/// <summary>A command that starts a flow (onboarding, announce, forget me); the engine asks first whether to leave a running task.</summary>
public sealed class FlowCommand(string id, string flowId, DialogEngine dialogs) : ICommand
{
    public string Id => id;

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        await dialogs.StartAsync(flowId, context.Dialog, cancellationToken);
}

/// <summary>"Which group is for me": recommends from the sentence that follows, or asks for one.</summary>
public sealed class RecommendCommand(QuestionAnswerer answers, DialogEngine dialogs) : ICommand
{
    public const string Flow = "recommend";

    public string Id => "recommend";

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        MessageShape.WordCount(argument) >= 2
            ? [await answers.RecommendAsync(context.Message, argument, context.Texts, cancellationToken)]
            : await dialogs.StartAsync(Flow, context.Dialog, cancellationToken);
}

public sealed class LinkCommand(ChannelLinking linking, IWorkingGroupDirectory groups) : ICommand
{
    public string Id => "link";

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        argument.Length > 0
            ? [await linking.LinkAsync(context.Message, argument.ToLowerInvariant(), context.Texts, cancellationToken)]
            : [new TextReply(context.Texts.Get("peerLinkUsage", ("ids", string.Join(", ", groups.All.Select(g => g.Id)))))];
}

public sealed class UnlinkCommand(ChannelLinking linking) : ICommand
{
    public string Id => "unlink";

    public async Task<IReadOnlyList<Reply>> RunAsync(CommandContext context, string argument, CancellationToken cancellationToken) =>
        [await linking.UnlinkAsync(context.Message, context.Texts, cancellationToken)];
}
