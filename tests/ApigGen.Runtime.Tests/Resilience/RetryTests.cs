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
public sealed class RetryTests : IAsyncLifetime
{
    private readonly RecordingTimeProvider _clock = new();
    private ApigSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await ApigSimulator.StartAsync(timeProvider: _clock);

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private ApigPipeline Pipeline(ApigCredentials? credentials = null, Action<ApigClientOptions>? configure = null)
    {
        var options = new ApigClientOptions
        {
            Endpoint = _simulator.Endpoint,
            ProjectId = SimulatorState.DefaultProjectId,
            Credentials = credentials ?? ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey),
            TimeProvider = _clock,
            Timeout = _clock.Ignored,
            Retry = new ApigRetryOptions { Delay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30) },
        };
        configure?.Invoke(options);
        return new ApigPipeline(options, null);
    }

    private static ValueTask<ApigResponse> ShowCertificateAsync(ApigPipeline pipeline, CancellationToken cancellationToken = default)
    {
        var request = pipeline.CreateRequest(HttpMethod.Get, "ShowDetailsOfCertificateV2");
        request.AppendPath("/v2/");
        request.AppendProjectId();
        request.AppendPath("/apigw/certificates/");
        request.AppendPathParameter(SimulatorState.DefaultCertificateId);
        return pipeline.SendAsync(request, cancellationToken);
    }

    [Fact]
    public async Task AGetIsRetriedAfter503AndEveryAttemptIsSignedAgainWithAFreshDate()
    {
        _simulator.Faults.FailNext(2, FaultMode.ServiceUnavailable);
        var pipeline = Pipeline();
        var dates = new[] { _clock.GetUtcNow(), default, default };

        var call = ShowCertificateAsync(pipeline).AsTask();
        var first = await _clock.NextWaitAsync();
        Assert.InRange(first, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        _clock.Advance(first);
        dates[1] = _clock.GetUtcNow();
        var second = await _clock.NextWaitAsync();
        Assert.InRange(second, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        _clock.Advance(second);
        dates[2] = _clock.GetUtcNow();
        var response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, response.Attempts);
        var requests = _simulator.Requests;
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
        _simulator.Faults.FailNext(1, FaultMode.ServiceUnavailable);

        var response = await Calls.CreateCertificateAsync(Pipeline());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, response.Attempts);
        Assert.Equal(1, response.CreateException().Attempts);
        Assert.Single(_simulator.Requests);
        Assert.False(_clock.HasPendingWait);
    }

    [Fact]
    public async Task AnIdempotentPostIsRetriedWithTheSameBodyWhichIsClearedOnlyAtTheEnd()
    {
        _simulator.Faults.FailNext(1, FaultMode.DropConnection);
        var pipeline = Pipeline();
        var request = pipeline.CreateRequest(HttpMethod.Post, "CreateCertificateV2", ApigAuthModes.Token | ApigAuthModes.AccessKey, idempotent: true);
        request.AppendPath("/v2/");
        request.AppendProjectId();
        request.AppendPath("/apigw/certificates");
        var writer = request.StartJsonBody();
        writer.WriteStartObject();
        writer.WriteString("private_key", Calls.PrivateKey);
        writer.WriteEndObject();
        request.EndJsonBody();

        var call = pipeline.SendAsync(request, default).AsTask();
        _clock.Advance(await _clock.NextWaitAsync());
        var response = await call;

        Assert.Equal(2, response.Attempts);
        var requests = _simulator.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Contains(Calls.PrivateKey, requests[1].BodyText, StringComparison.Ordinal);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.True(SignatureVerifier.Verify(requests[1].Method, requests[1].RawTarget, requests[1].Headers, requests[1].Body, _ => SimulatorState.DefaultSecretKey, _clock.GetUtcNow()).Valid);
    }

    [Fact]
    public async Task RetryAfterIsHonoured()
    {
        _simulator.Faults.FailNext(1, FaultMode.TooManyRequests);
        _simulator.Faults.RetryAfterSeconds = 7;

        var call = ShowCertificateAsync(Pipeline()).AsTask();
        var wait = await _clock.NextWaitAsync();
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        _clock.Advance(wait);
        var response = await call;

        Assert.True(response.IsSuccess, response.IsSuccess ? null : response.CreateException().Message);
        Assert.Equal(2, response.Attempts);
    }

    [Fact]
    public async Task ARetryAfterBeyondMaxDelayEndsTheCallWithTheAnswer()
    {
        _simulator.Faults.FailNext(1, FaultMode.TooManyRequests);
        _simulator.Faults.RetryAfterSeconds = 60;

        var response = await ShowCertificateAsync(Pipeline());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var exception = response.CreateException();
        Assert.Equal((1, TimeSpan.FromSeconds(60)), (exception.Attempts, exception.RetryAfter));
        Assert.Single(_simulator.Requests);
    }

    [Fact]
    public async Task TheTimeoutBoundsTheWholeCallRetriesIncluded()
    {
        // 7 s asked for, 5 s of timeout: waiting could only end in a timeout, so the call stops with the answer it has.
        _simulator.Faults.FailNext(1, FaultMode.TooManyRequests);
        _simulator.Faults.RetryAfterSeconds = 7;
        _clock.Ignored = TimeSpan.FromSeconds(5);

        var response = await ShowCertificateAsync(Pipeline(configure: o => o.Timeout = TimeSpan.FromSeconds(5)));

        Assert.Equal((HttpStatusCode.TooManyRequests, 1), (response.StatusCode, response.Attempts));
        Assert.False(_clock.HasPendingWait);
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedThenReportedWithItsAttempts()
    {
        _simulator.Faults.Mode = FaultMode.DropConnection;
        var pipeline = Pipeline(configure: o => o.Retry.MaxRetries = 2);

        var call = ShowCertificateAsync(pipeline).AsTask();
        _clock.Advance(await _clock.NextWaitAsync());
        _clock.Advance(await _clock.NextWaitAsync());
        var exception = await Assert.ThrowsAsync<ApigTransportException>(() => call);

        Assert.Equal(3, exception.Attempts);
        Assert.False(exception.IsTimeout);
        Assert.Equal(3, _simulator.Requests.Count);
    }

    [Fact]
    public async Task CancellationDuringAWaitStopsAtOnce()
    {
        _simulator.Faults.Mode = FaultMode.ServiceUnavailable;
        using var cancel = new CancellationTokenSource();

        var call = ShowCertificateAsync(Pipeline(), cancel.Token).AsTask();
        await _clock.NextWaitAsync();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(_simulator.Requests);
    }

    [Fact]
    public async Task MaxRetriesZeroTurnsRetriesOff()
    {
        _simulator.Faults.FailNext(1, FaultMode.ServiceUnavailable);

        var response = await ShowCertificateAsync(Pipeline(configure: o => o.Retry = new ApigRetryOptions { MaxRetries = 0 }));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 1), (response.StatusCode, response.Attempts));
        Assert.Single(_simulator.Requests);
    }

    [Fact]
    public async Task ATokenCallIsRetriedToo()
    {
        _simulator.Faults.FailNext(1, FaultMode.ServerError);

        var call = ShowCertificateAsync(Pipeline(ApigCredentials.Token(SimulatorState.DefaultToken))).AsTask();
        _clock.Advance(await _clock.NextWaitAsync());

        Assert.Equal(HttpStatusCode.OK, (await call).StatusCode);
        Assert.All(_simulator.Requests, r => Assert.Equal(SimulatorState.DefaultToken, r.Header("X-Auth-Token")));
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
