using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using ApigGen.Simulator;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace ApigGen.Runtime.Tests.Credentials;

/// <summary>Credentials read for every request: rotated tokens and keys take effect without a new client.</summary>
public sealed class RotatingCredentialsTests : SimulatorOnFakeClock
{
    private void AcceptTokens(params string[] tokens)
    {
        lock (Simulator.State.Sync)
        {
            Simulator.State.Tokens.Clear();
            foreach (var token in tokens)
            {
                Simulator.State.Tokens.Add(token);
            }
        }
    }

    /// <summary>A token provider that counts its calls; <c>answer</c> gets the call's number (1 for the first).</summary>
    private sealed class CountingProvider(Func<int, ValueTask<ApigIssuedToken>> answer)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ApigCredentials Credentials => ApigCredentials.FromTokenProvider(_ => answer(Interlocked.Increment(ref _calls)));
    }

    /// <summary>The simulator's token for 10 minutes at the first call; every later call fails.</summary>
    private CountingProvider FailingAfterTheFirstToken() => new(n => n > 1
        ? throw new InvalidOperationException("the token service is down")
        : ValueTask.FromResult(new ApigIssuedToken(SimulatorState.DefaultToken, Clock.GetUtcNow().AddMinutes(10))));

    /// <summary>"token-1" for an hour at the first call; later calls wait for <paramref name="renewal"/>.</summary>
    private CountingProvider RenewedBy(TaskCompletionSource<ApigIssuedToken> renewal) => new(n => n == 1
        ? ValueTask.FromResult(new ApigIssuedToken("token-1", Clock.GetUtcNow().AddHours(1)))
        : new ValueTask<ApigIssuedToken>(renewal.Task));

    /// <summary>"token-1", "token-2", … for an hour each, one per call of the provider.</summary>
    private CountingProvider NumberedTokens(string prefix = "token-") =>
        new(n => ValueTask.FromResult(new ApigIssuedToken(prefix + n, Clock.GetUtcNow().AddHours(1))));

    private string?[] SentTokens => Simulator.Requests.Select(r => r.Header("X-Auth-Token")).ToArray();

    [Fact]
    public async Task ATokenIsKeptUntilShortlyBeforeItExpiresThenAskedForAgain()
    {
        var provider = NumberedTokens();
        AcceptTokens("token-1", "token-2");
        var pipeline = Pipeline(provider.Credentials);

        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Clock.Advance(TimeSpan.FromMinutes(54));
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Assert.Equal(1, provider.Calls);
        Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        AcceptTokens("token-2");
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);

        Assert.Equal(2, provider.Calls);
        Assert.Equal(new[] { "token-1", "token-1", "token-2" }, SentTokens);
    }

    [Fact]
    public async Task ATokenWithoutExpiryIsReadForEveryRequestSoARotationTakesEffectAtOnce()
    {
        var current = "before-rotation";
        var pipeline = Pipeline(ApigCredentials.FromTokenProvider(_ => ValueTask.FromResult(new ApigIssuedToken(Volatile.Read(ref current), null))));
        AcceptTokens("before-rotation");
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);

        Volatile.Write(ref current, "after-rotation");
        AcceptTokens("after-rotation");

        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
    }

    [Fact]
    public async Task TemporaryKeysWithASecurityTokenRotateMidRun()
    {
        var first = Simulator.State.IssueTemporaryCredentials("AKTEMP1", "SKtemp1-secret", "st-one", Clock.GetUtcNow().AddMinutes(30));
        var issued = first;
        var pipeline = Pipeline(ApigCredentials.FromAccessKeyProvider(_ =>
            ValueTask.FromResult(new ApigIssuedAccessKey(issued.AccessKey, issued.SecretKey, issued.SecurityToken, issued.ExpiresAt))));

        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        issued = Simulator.State.IssueTemporaryCredentials("AKTEMP2", "SKtemp2-secret", "st-two", Clock.GetUtcNow().AddMinutes(60));
        Clock.Advance(TimeSpan.FromMinutes(26));
        Simulator.State.Revoke("AKTEMP1");
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);

        var requests = Simulator.Requests;
        Assert.Equal(("st-one", "st-two"), (requests[0].Header("X-Security-Token"), requests[1].Header("X-Security-Token")));
        Assert.Contains("Access=AKTEMP2,", requests[1].Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenRefusedBeforeItsTimeIsRenewedAndTheCallRepeatedOnceEvenForAPost()
    {
        var provider = NumberedTokens();
        AcceptTokens("token-1");
        using var logs = new FakeLoggerProvider();
        var pipeline = Pipeline(provider.Credentials, options =>
        {
            options.Retry = new ApigRetryOptions { MaxRetries = 2 };
            options.LoggerFactory = new ProviderFactory(logs);
        });
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);

        // Revoked early (a changed password, a key rotated ahead of its time): the gateway refuses the cached token.
        Clock.Advance(TimeSpan.FromMinutes(10));
        AcceptTokens("token-2");
        var created = await Calls.CreateCertificateAsync(pipeline);

        Assert.NotEqual(HttpStatusCode.Unauthorized, created.StatusCode);
        Assert.Equal(2, created.Attempts);
        Assert.Equal(2, provider.Calls);
        Assert.Equal(new[] { "token-1", "token-1", "token-2" }, SentTokens);
        Assert.Equal(new[] { "GET", "POST", "POST" }, Simulator.Requests.Select(r => r.Method));
        Assert.Contains(logs.Collector.GetSnapshot(), record => record.Id.Name == "CredentialsRefused"
            && record.Message == "CreateCertificateV2 attempt 1 was refused (401) with credentials from a provider; repeating it with the provider's next ones");
    }

    [Fact]
    public async Task ASourceWhoseNewTokenIsRefusedIsAskedAgainOnlyAfterThirtySeconds()
    {
        var provider = NumberedTokens("refused-");
        var pipeline = Pipeline(provider.Credentials, options => options.Retry = new ApigRetryOptions { MaxRetries = 2 });

        var first = await ShowCertificateAsync(pipeline);
        Assert.Equal((HttpStatusCode.Unauthorized, 1), (first.StatusCode, first.Attempts));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ShowCertificateAsync(pipeline)).StatusCode);
        Assert.Equal(1, provider.Calls);

        Clock.Advance(TimeSpan.FromSeconds(31));
        var later = await ShowCertificateAsync(pipeline);
        Assert.Equal((HttpStatusCode.Unauthorized, 1), (later.StatusCode, later.Attempts));
        Assert.Equal(2, provider.Calls);
        Assert.Equal(new[] { "refused-1", "refused-1", "refused-2" }, SentTokens);
    }

    [Fact]
    public async Task WithRetriesOffARefusedTokenIsDroppedAndTheNextCallRenewsIt()
    {
        var provider = NumberedTokens();
        AcceptTokens("token-1");
        var pipeline = Pipeline(provider.Credentials);
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);

        Clock.Advance(TimeSpan.FromMinutes(10));
        AcceptTokens("token-2");
        var refused = await ShowCertificateAsync(pipeline);
        Assert.Equal((HttpStatusCode.Unauthorized, 1), (refused.StatusCode, refused.Attempts));
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);

        Assert.Equal(2, provider.Calls);
        Assert.Equal(new[] { "token-1", "token-1", "token-2" }, SentTokens);
    }

    [Fact]
    public async Task AFixedTokenThatIsRefusedIsNotRepeated()
    {
        AcceptTokens("another-token");
        var pipeline = Pipeline(ApigCredentials.Token(SimulatorState.DefaultToken), options => options.Retry = new ApigRetryOptions { MaxRetries = 2 });

        var refused = await ShowCertificateAsync(pipeline);

        Assert.Equal((HttpStatusCode.Unauthorized, 1), (refused.StatusCode, refused.Attempts));
        Assert.Single(Simulator.Requests);
    }

    [Fact]
    public async Task AFailedRefreshKeepsAValueThatHasNotExpired()
    {
        var provider = FailingAfterTheFirstToken();
        var pipeline = Pipeline(provider.Credentials);

        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Clock.Advance(TimeSpan.FromMinutes(8));
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Assert.Equal(2, provider.Calls);

        Clock.Advance(TimeSpan.FromMinutes(3));
        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () => await ShowCertificateAsync(pipeline));
        Assert.Contains("The credentials could not be obtained (ApigCredentials.FromTokenProvider(…)): the token service is down", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SimulatorState.DefaultToken, exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, Simulator.Requests.Count);
    }

    [Fact]
    public async Task AFailingProviderIsNotAskedAgainOnEveryRequestWhileTheValueLasts()
    {
        var provider = FailingAfterTheFirstToken();
        var pipeline = Pipeline(provider.Credentials);

        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Assert.Equal(2, provider.Calls);

        // 30 seconds after the failed refresh the provider is asked again; the value is still used while it lasts.
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Assert.Equal(3, provider.Calls);

        // Expired: every request asks, and fails without it.
        Clock.Advance(TimeSpan.FromMinutes(4));
        await Assert.ThrowsAsync<ApigTransportException>(async () => await ShowCertificateAsync(pipeline));
        await Assert.ThrowsAsync<ApigTransportException>(async () => await ShowCertificateAsync(pipeline));
        Assert.Equal(5, provider.Calls);
        Assert.Equal(5, Simulator.Requests.Count);
    }

    [Fact]
    public async Task WhileTheTokenIsStillValidOnlyTheRequestThatRefreshesItWaits()
    {
        var renewal = new TaskCompletionSource<ApigIssuedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = RenewedBy(renewal);
        var pipeline = Pipeline(provider.Credentials);
        AcceptTokens("token-1", "token-2");
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);

        // Due for renewal (less than 5 minutes left) but still valid.
        Clock.Advance(TimeSpan.FromMinutes(56));
        var refreshing = ShowCertificateAsync(pipeline).AsTask();
        Assert.True(SpinWait.SpinUntil(() => provider.Calls == 2, TimeSpan.FromSeconds(10)));

        // Another request goes on with the valid token instead of queueing behind the renewal (before: it waited).
        var other = await ShowCertificateAsync(pipeline).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(other.IsSuccess);
        Assert.False(refreshing.IsCompleted);

        renewal.SetResult(new ApigIssuedToken("token-2", Clock.GetUtcNow().AddHours(1)));
        Assert.True((await refreshing).IsSuccess);
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);

        Assert.Equal(2, provider.Calls);
        Assert.Equal(new[] { "token-1", "token-1", "token-2", "token-2" }, SentTokens);
    }

    [Fact]
    public async Task OnceTheTokenHasExpiredRequestsWaitForTheRenewal()
    {
        var renewal = new TaskCompletionSource<ApigIssuedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = RenewedBy(renewal);
        var pipeline = Pipeline(provider.Credentials);
        AcceptTokens("token-2");
        Assert.Equal(HttpStatusCode.Unauthorized, (await ShowCertificateAsync(pipeline)).StatusCode);

        Clock.Advance(TimeSpan.FromHours(1));
        var first = ShowCertificateAsync(pipeline).AsTask();
        Assert.True(SpinWait.SpinUntil(() => provider.Calls == 2, TimeSpan.FromSeconds(10)));
        var second = ShowCertificateAsync(pipeline).AsTask();
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        renewal.SetResult(new ApigIssuedToken("token-2", Clock.GetUtcNow().AddHours(1)));
        Assert.All(await Task.WhenAll(first, second), r => Assert.True(r.IsSuccess));
        Assert.Equal(2, provider.Calls);
    }

    [Fact]
    public async Task ConcurrentRequestsAskTheProviderOnce()
    {
        var asked = 0;
        var gate = new TaskCompletionSource();
        var pipeline = Pipeline(ApigCredentials.FromTokenProvider(async _ =>
        {
            Interlocked.Increment(ref asked);
            await gate.Task;
            return new ApigIssuedToken(SimulatorState.DefaultToken, Clock.GetUtcNow().AddHours(1));
        }));

        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await ShowCertificateAsync(pipeline))).ToArray();
        await Task.Delay(50);
        gate.SetResult();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, asked);
    }

    [Fact]
    public async Task TheSigningHandlerReadsRotatingCredentialsToo()
    {
        var current = "handler-before";
        AcceptTokens("handler-before", "handler-after");
        using var http = new HttpClient(new ApigSigningHandler(
            ApigCredentials.FromTokenProvider(_ => ValueTask.FromResult(new ApigIssuedToken(Volatile.Read(ref current), null))),
            SimulatorState.DefaultProjectId,
            Clock)
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false },
        });
        var url = new Uri(Simulator.Endpoint, "/v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates/" + SimulatorState.DefaultCertificateId);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
        Volatile.Write(ref current, "handler-after");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);

        Assert.Equal(new[] { "handler-before", "handler-after" }, SentTokens);
    }

    [Fact]
    public async Task TheSigningHandlerDropsARefusedTokenSoTheNextRequestGetsANewOne()
    {
        var provider = NumberedTokens();
        AcceptTokens("token-1");
        using var http = new HttpClient(new ApigSigningHandler(provider.Credentials, SimulatorState.DefaultProjectId, Clock)
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false },
        });
        var url = new Uri(Simulator.Endpoint, "/v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates/" + SimulatorState.DefaultCertificateId);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);

        Clock.Advance(TimeSpan.FromMinutes(10));
        AcceptTokens("token-2");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);

        Assert.Equal(new[] { "token-1", "token-1", "token-2" }, SentTokens);
    }

    [Fact]
    public void ProvidedValuesKeepTheirSecretsOutOfToString()
    {
        var token = new ApigIssuedToken("tok-SECRET", DateTimeOffset.UnixEpoch);
        var keys = new ApigIssuedAccessKey("AK-SECRET", "SK-SECRET", "ST-SECRET", null);

        Assert.DoesNotContain("SECRET", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", keys.ToString(), StringComparison.Ordinal);
        Assert.Equal("ApigCredentials.FromTokenProvider(…)", ApigCredentials.FromTokenProvider(_ => ValueTask.FromResult(token)).ToString());
        Assert.Throws<ArgumentException>(() => new ApigIssuedToken("bad\r\nvalue", null));
    }

    [Fact]
    public async Task ASourceThatAnswersWithCredentialsOfAnotherKindIsRefusedWithOrWithoutExpiry()
    {
        // The public providers cannot do it; the rule guards the client, built for one kind, against any source that could.
        var answers = 0;
        var source = new RefreshingCredentials(
            ApigAuthModes.Token,
            _ => ValueTask.FromResult<(ApigCredentials, DateTimeOffset?)>(Interlocked.Increment(ref answers) == 1
                ? (ApigCredentials.Token("token-1"), null)
                : (ApigCredentials.AccessKey("AK", "SK"), null)),
            TimeSpan.FromMinutes(5),
            "test source");

        Assert.Equal("token-1", Assert.IsType<TokenCredentials>(await source.GetCurrentAsync(Clock, CancellationToken.None)).Value);
        var withoutExpiry = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetCurrentAsync(Clock, CancellationToken.None).AsTask());
        Assert.Equal("test source returned credentials of another kind.", withoutExpiry.Message);

        var expiring = new RefreshingCredentials(
            ApigAuthModes.Token,
            _ => ValueTask.FromResult<(ApigCredentials, DateTimeOffset?)>((ApigCredentials.AccessKey("AK", "SK"), Clock.GetUtcNow().AddHours(1))),
            TimeSpan.FromMinutes(5),
            "expiring source");
        await Assert.ThrowsAsync<InvalidOperationException>(() => expiring.GetCurrentAsync(Clock, CancellationToken.None).AsTask());
    }
}
