namespace PractitionerBot.Tests.Infrastructure;

public sealed class EventuallyTests
{
    [Fact]
    public async Task Until_AConditionThatNeverHolds_FailsWithTheLastValue()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() => Eventually.Until(() => Task.FromResult(41), v => v == 42, TimeSpan.Zero));
        Assert.Contains("the last value read was: 41", error.Message);
    }

    [Fact]
    public async Task Until_ReturnsTheFirstValueThatHolds()
    {
        var reads = 0;
        Assert.Equal(3, await Eventually.Until(() => Task.FromResult(++reads), v => v == 3));
    }
}
