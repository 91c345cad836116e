using Microsoft.Extensions.Time.Testing;
using PractitionerBot.Announcements;
using PractitionerBot.Conversations;

namespace PractitionerBot.Tests.Announcements;

/// <summary>The throttled sender on its own, on a fake clock: what becomes of a failed send, and the pause after a 429.</summary>
public sealed class ThrottledSenderTests
{
    private static readonly AnnouncementOptions Options = new() { MaxAttempts = 4 };
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(403, SendFateKind.Gone)]
    [InlineData(404, SendFateKind.Gone)]
    [InlineData(400, SendFateKind.Poison)]
    [InlineData(401, SendFateKind.Poison)]
    [InlineData(413, SendFateKind.Poison)]
    public async Task Fate_OfARefusalThatSendingAgainCannotChange_IsFinal(int status, SendFateKind expected)
    {
        var fate = await Sender(new Messenger(new SendResult(true))).FateAsync(new SendResult(false, Error: "refused", Status: status), 0, default);
        Assert.Equal((expected, true, _clock.GetUtcNow()), (fate.Kind, fate.Failed, fate.At));
    }

    [Fact]
    public async Task Fate_OfATransientFailure_IsARetryWithJitteredExponentialBackoff_FailedAtMaxAttempts()
    {
        var sender = Sender(new Messenger(new SendResult(true)));
        for (var before = 0; before < Options.MaxAttempts; before++)
        {
            var fate = await sender.FateAsync(new SendResult(false, Error: "Teams answered 503", Status: 503), before, default);
            var nominal = Math.Min(60, Math.Pow(2, before + 1));
            Assert.Equal(SendFateKind.Retry, fate.Kind);
            Assert.InRange((fate.At - _clock.GetUtcNow()).TotalSeconds, nominal * 0.5, nominal * 1.5);
            Assert.Equal(before + 1 >= Options.MaxAttempts, fate.Failed);
        }
    }

    [Fact]
    public async Task A429_PausesEveryConversationUntilRetryAfter()
    {
        var messenger = new Messenger(new SendResult(false, Error: "Teams answered 429", Status: 429, RetryAfter: TimeSpan.FromSeconds(5)));
        var sender = Sender(messenger);
        var pauseEnds = _clock.GetUtcNow() + TimeSpan.FromSeconds(5);

        var refused = await sender.SendAsync("a", "ref-a", new TextReply("x"), default);
        var fate = await sender.FateAsync(refused, 0, default);
        Assert.Equal((SendFateKind.Retry, false, pauseEnds), (fate.Kind, fate.Failed, fate.At));
        Assert.Equal(pauseEnds, await sender.ThrottledUntilAsync(default));

        var other = sender.SendAsync("b", "ref-b", new TextReply("y"), default);
        _clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(other.IsCompleted);
        Assert.Equal(["ref-a"], messenger.Sent);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await other.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["ref-a", "ref-b"], messenger.Sent);
    }

    private ThrottledSender Sender(IMessenger messenger) => new(messenger, new LocalRateGate(_clock), Options, _clock);

    private sealed class Messenger(SendResult result) : IMessenger
    {
        public List<string> Sent { get; } = [];

        public Task<SendResult> SendAsync(string conversationReference, Reply reply, CancellationToken cancellationToken)
        {
            lock (Sent) Sent.Add(conversationReference);
            return Task.FromResult(result);
        }

        public Task<SendResult> UpdateAsync(string conversationReference, string activityId, Reply reply, CancellationToken cancellationToken) =>
            SendAsync(conversationReference, reply, cancellationToken);
    }
}
