using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.Runtime.Tests.Resilience;

/// <summary>Retries inside the pipeline, driven by the simulator's faults and a fake clock: no test sleeps.</summary>
public sealed class RetryTests : SimulatorOnFakeClock
{
    /// <summary>A pipeline with retries on: waits of 2 s doubling up to 30 s, on the fake clock.</summary>
    private new ApigPipeline Pipeline(ApigCredentials? credentials = null, Action<ApigClientOptions>? configure = null) =>
        base.Pipeline(credentials, options =>
        {
            options.Retry = new ApigRetryOptions { Delay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30) };
            configure?.Invoke(options);
        });

    [Fact]
    public async Task AGetIsRetriedAfter503AndEveryAttemptIsSignedAgainWithAFreshDate()
    {
        Simulator.Faults.FailNext(2, FaultMode.ServiceUnavailable);
        var pipeline = Pipeline();
        var dates = new[] { Clock.GetUtcNow(), default, default };

        var call = ShowCertificateAsync(pipeline).AsTask();
        var first = await Clock.NextWaitAsync();
        Assert.InRange(first, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Clock.Advance(first);
        dates[1] = Clock.GetUtcNow();
        var second = await Clock.NextWaitAsync();
        Assert.InRange(second, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        Clock.Advance(second);
        dates[2] = Clock.GetUtcNow();
        var response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, response.Attempts);
        var requests = Simulator.Requests;
        Assert.Equal(3, requests.Count);
        for (var i = 0; i < 3; i++)
        {
            var sent = requests[i];
            Assert.Equal(dates[i].UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), sent.Header("X-Sdk-Date"));
            var verdict = SignatureVerifier.Verify(sent.Method, sent.RawTarget, sent.Headers, sent.Body, _ => SimulatorState.DefaultSecretKey, dates[i]);
            Assert.True(verdict.Valid, verdict.Failure);
        }

        Assert.Equal(3, requests.Select(r => r.Header("Authorization")).Distinct().Count());
    }

    [Fact]
    public async Task APostIsNotRetried()
    {
        Simulator.Faults.FailNext(1, FaultMode.ServiceUnavailable);

        var response = await Calls.CreateCertificateAsync(Pipeline());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, response.Attempts);
        Assert.Equal(1, response.CreateException().Attempts);
        Assert.Single(Simulator.Requests);
        Assert.False(Clock.HasPendingWait);
    }

    [Fact]
    public async Task AnIdempotentPostIsRetriedWithItsBodyIntactBetweenAttempts()
    {
        Simulator.Faults.FailNext(1, FaultMode.DropConnection);
        var call = Calls.CreateCertificateAsync(Pipeline(), idempotent: true).AsTask();
        Clock.Advance(await Clock.NextWaitAsync());
        var response = await call;

        Assert.Equal(2, response.Attempts);
        var requests = Simulator.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Contains(Calls.PrivateKey, requests[1].BodyText, StringComparison.Ordinal);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.True(SignatureVerifier.Verify(requests[1].Method, requests[1].RawTarget, requests[1].Headers, requests[1].Body, _ => SimulatorState.DefaultSecretKey, Clock.GetUtcNow()).Valid);
    }

    [Fact]
    public async Task RetryAfterIsHonoured()
    {
        Simulator.Faults.FailNext(1, FaultMode.TooManyRequests);
        Simulator.Faults.RetryAfterSeconds = 7;

        var call = ShowCertificateAsync(Pipeline()).AsTask();
        var wait = await Clock.NextWaitAsync();
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        Clock.Advance(wait);
        var response = await call;

        Assert.True(response.IsSuccess, response.IsSuccess ? null : response.CreateException().Message);
        Assert.Equal(2, response.Attempts);
    }

    [Fact]
    public async Task ARetryAfterBeyondMaxDelayEndsTheCallWithTheAnswer()
    {
        Simulator.Faults.FailNext(1, FaultMode.TooManyRequests);
        Simulator.Faults.RetryAfterSeconds = 60;

        var response = await ShowCertificateAsync(Pipeline());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var exception = response.CreateException();
        Assert.Equal((1, TimeSpan.FromSeconds(60)), (exception.Attempts, exception.RetryAfter));
        Assert.Single(Simulator.Requests);
    }

    [Fact]
    public async Task TheTimeoutBoundsTheWholeCallRetriesIncluded()
    {
        // 7 s asked for, 5 s of timeout: waiting could only end in a timeout, so the call stops with the answer it has.
        Simulator.Faults.FailNext(1, FaultMode.TooManyRequests);
        Simulator.Faults.RetryAfterSeconds = 7;
        Clock.Ignored = TimeSpan.FromSeconds(5);

        var response = await ShowCertificateAsync(Pipeline(configure: o => o.Timeout = TimeSpan.FromSeconds(5)));

        Assert.Equal((HttpStatusCode.TooManyRequests, 1), (response.StatusCode, response.Attempts));
        Assert.False(Clock.HasPendingWait);
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedThenReportedWithItsAttempts()
    {
        Simulator.Faults.Mode = FaultMode.DropConnection;
        var pipeline = Pipeline(configure: o => o.Retry.MaxRetries = 2);

        var call = ShowCertificateAsync(pipeline).AsTask();
        Clock.Advance(await Clock.NextWaitAsync());
        Clock.Advance(await Clock.NextWaitAsync());
        var exception = await Assert.ThrowsAsync<ApigTransportException>(() => call);

        Assert.Equal(3, exception.Attempts);
        Assert.False(exception.IsTimeout);
        Assert.Equal(3, Simulator.Requests.Count);
    }

    [Fact]
    public async Task CancellationDuringAWaitStopsAtOnce()
    {
        Simulator.Faults.Mode = FaultMode.ServiceUnavailable;
        using var cancel = new CancellationTokenSource();

        var call = ShowCertificateAsync(Pipeline(), cancel.Token).AsTask();
        await Clock.NextWaitAsync();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(Simulator.Requests);
    }

    [Fact]
    public async Task MaxRetriesZeroTurnsRetriesOff()
    {
        Simulator.Faults.FailNext(1, FaultMode.ServiceUnavailable);

        var response = await ShowCertificateAsync(Pipeline(configure: o => o.Retry = new ApigRetryOptions { MaxRetries = 0 }));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 1), (response.StatusCode, response.Attempts));
        Assert.Single(Simulator.Requests);
    }

    [Fact]
    public async Task ATokenCallIsRetriedToo()
    {
        Simulator.Faults.FailNext(1, FaultMode.ServerError);

        var call = ShowCertificateAsync(Pipeline(ApigCredentials.Token(SimulatorState.DefaultToken))).AsTask();
        Clock.Advance(await Clock.NextWaitAsync());

        Assert.Equal(HttpStatusCode.OK, (await call).StatusCode);
        Assert.All(Simulator.Requests, r => Assert.Equal(SimulatorState.DefaultToken, r.Header("X-Auth-Token")));
    }

    [Theory]
    [InlineData(-1, 500, 30000, "ApigClientOptions.Retry.MaxRetries")]
    [InlineData(11, 500, 30000, "ApigClientOptions.Retry.MaxRetries")]
    [InlineData(3, 0, 30000, "ApigClientOptions.Retry.Delay")]
    [InlineData(3, 500, 100, "ApigClientOptions.Retry.MaxDelay")]
    public void RetryOptionsAreCheckedAtConstruction(int maxRetries, int delayMs, int maxDelayMs, string named)
    {
        var exception = Assert.Throws<ArgumentException>(() => Pipeline(configure: o => o.Retry = new ApigRetryOptions
        {
            MaxRetries = maxRetries,
            Delay = TimeSpan.FromMilliseconds(delayMs),
            MaxDelay = TimeSpan.FromMilliseconds(maxDelayMs),
        }));

        Assert.Equal("Retry", exception.ParamName);
        Assert.StartsWith(named + " must", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullRetryOptionsAreRefused()
    {
        var exception = Assert.Throws<ArgumentException>(() => Pipeline(configure: o => o.Retry = null!));
        Assert.Equal("Retry", exception.ParamName);
    }
}
