using System.Net;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PractitionerBot.Bot;

namespace PractitionerBot.Tests.Hosting;

/// <summary>The retry of a reply within a turn, on a fake clock: Polly waits on the TimeProvider it is given.</summary>
public sealed class ReplyResilienceTests
{
    private static readonly ConnectorOptions Options = new() { MaxAttempts = 3, TimeoutSeconds = 10, RetryDelayMilliseconds = 500 };

    [Theory]
    [InlineData("2", 2)]
    [InlineData("120", 30)] // a connector asking for more than 30 s does not hold the turn that long
    public async Task Refusal429_IsTriedAgainAfterItsRetryAfter_AndNotBefore(string retryAfter, int expectedSeconds)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pipeline = ReplyResilience.Build(Options, clock, NullLogger.Instance);
        var calls = 0;

        var run = pipeline.ExecuteAsync(_ => ++calls == 1 ? ValueTask.FromException<int>(Refusal(429, retryAfter)) : ValueTask.FromResult(42)).AsTask();

        Assert.Equal(1, calls);
        clock.Advance(TimeSpan.FromSeconds(expectedSeconds) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, calls);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(42, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task ClientError_IsNotTriedAgain_AndTransientOnesStopAtMaxAttempts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pipeline = ReplyResilience.Build(Options, clock, NullLogger.Instance);

        var calls = 0;
        var refused = await Assert.ThrowsAsync<ErrorResponseException>(() =>
            pipeline.ExecuteAsync(_ => { calls++; return ValueTask.FromException<int>(Refusal(403, null)); }).AsTask());
        Assert.Equal((HttpStatusCode)403, refused.Response.StatusCode);
        Assert.Equal(1, calls);

        calls = 0;
        var run = pipeline.ExecuteAsync(_ => { calls++; return ValueTask.FromException<int>(Refusal(503, "1")); }).AsTask();
        // Each retry waits on the clock from another thread than this one: move time on until the last try has failed.
        for (var step = 0; step < 100_000 && !run.IsCompleted; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
        await Assert.ThrowsAsync<ErrorResponseException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Options.MaxAttempts, calls);
    }

    [Theory]
    [InlineData("1.5", 1500)]
    [InlineData("0", 0)]
    [InlineData("Thu, 01 Jan 2026 00:00:07 GMT", 7000)]
    [InlineData("Wed, 31 Dec 2025 23:59:00 GMT", 0)]
    [InlineData("soon", null)]
    [InlineData("-3", null)]
    [InlineData(null, null)]
    public void RetryAfter_ReadsSecondsOrAnHttpDate(string? header, int? expectedMilliseconds)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(expectedMilliseconds is null ? null : TimeSpan.FromMilliseconds(expectedMilliseconds.Value), RetryAfter.Of(Refusal(429, header), now));
    }

    private static ErrorResponseException Refusal(int status, string? retryAfter)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (retryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return new ErrorResponseException($"Operation returned an invalid status code '{status}'")
        {
            Response = new Microsoft.Rest.HttpResponseMessageWrapper(response, ""),
        };
    }
}
