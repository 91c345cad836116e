using Microsoft.Extensions.Time.Testing;
using PractitionerBot.Chat;
using PractitionerBot.Conversations;

namespace PractitionerBot.Tests.Chat;

public sealed class TurnRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Check_OverTheLimit_WarnsOnceThenDrops_PerMember()
    {
        var limiter = new TurnRateLimiter(new ChatOptions { TurnsPerMinute = 3 }, _clock);

        Assert.Equal(Enumerable.Repeat(TurnRateLimiter.Verdict.Allowed, 3), Enumerable.Range(0, 3).Select(_ => limiter.Check("ann")));
        Assert.Equal(TurnRateLimiter.Verdict.WarnOnce, limiter.Check("ann"));
        Assert.Equal(TurnRateLimiter.Verdict.Drop, limiter.Check("ann"));
        Assert.Equal(TurnRateLimiter.Verdict.Allowed, limiter.Check("bob"));
    }

    [Fact]
    public void Check_AfterAMinute_AllowsAgain_AndWarnsAgainNextTime()
    {
        var limiter = new TurnRateLimiter(new ChatOptions { TurnsPerMinute = 2 }, _clock);
        limiter.Check("ann");
        _clock.Advance(TimeSpan.FromSeconds(30));
        limiter.Check("ann");
        Assert.Equal(TurnRateLimiter.Verdict.WarnOnce, limiter.Check("ann"));

        _clock.Advance(TimeSpan.FromSeconds(31)); // the first turn has left the window, the second has not
        Assert.Equal(TurnRateLimiter.Verdict.Allowed, limiter.Check("ann"));
        Assert.Equal(TurnRateLimiter.Verdict.WarnOnce, limiter.Check("ann"));
        Assert.Equal(TurnRateLimiter.Verdict.Drop, limiter.Check("ann"));
    }
}
