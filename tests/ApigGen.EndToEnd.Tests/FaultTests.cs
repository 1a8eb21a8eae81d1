using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>What the client does under each simulator fault, on cancellation and on timeouts.</summary>
public sealed class FaultTests : SimulatorTest
{
    [Fact]
    public async Task TooManyRequestsCarriesRetryAfter()
    {
        Simulator.Faults.Mode = FaultMode.TooManyRequests;
        Simulator.Faults.RetryAfterSeconds = 7;
        var ex = await Assert.ThrowsAsync<ApigException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.NotNull(ex.RequestId);
    }

    [Fact]
    public async Task ADroppedConnectionIsATransportErrorNamingOperationAndEndpoint()
    {
        Simulator.Faults.Mode = FaultMode.DropConnection;
        var ex = await Assert.ThrowsAsync<ApigTransportException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.Equal("BatchAssociateDomainsV2", ex.OperationId);
        Assert.Contains("BatchAssociateDomainsV2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Simulator.Endpoint.Authority + "/v2/", ex.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.False(ex.IsTimeout);
    }

    [Fact]
    public async Task AnHtmlErrorPageKeepsABoundedExcerpt()
    {
        Simulator.Faults.Mode = FaultMode.MalformedBody;
        var ex = await Assert.ThrowsAsync<ApigException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.Contains("<h1>502 Bad Gateway</h1>", ex.BodyExcerpt, StringComparison.Ordinal);
        Assert.True(ex.BodyExcerpt!.Length <= ApigException.MaxBodyExcerptLength);
        Assert.StartsWith("HTTP 502 Bad Gateway: the response was not APIG error JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationStopsAWaitingCallPromptly()
    {
        Simulator.Faults.Latency = TimeSpan.FromSeconds(30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest(), cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "cancellation was not honoured");
    }

    [Fact]
    public async Task AnAlreadyCancelledTokenSendsNothing()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest(), new CancellationToken(canceled: true)));
        Assert.Empty(Simulator.Requests);
    }

    [Fact]
    public async Task ATimeoutIsATransportErrorThatSaysSo()
    {
        Simulator.Faults.Latency = TimeSpan.FromSeconds(30);
        var options = Options();
        options.Timeout = TimeSpan.FromMilliseconds(300);
        var ex = await Assert.ThrowsAsync<ApigTransportException>(() => new ApigClient(options).BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.True(ex.IsTimeout);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.StartsWith("The request timed out after 0.3 s (ApigClientOptions.Timeout). Operation: BatchAssociateDomainsV2, endpoint: http://", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHttpClientsOwnTimeoutIsReportedTheSameWay()
    {
        Simulator.Faults.Latency = TimeSpan.FromSeconds(30);
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var ex = await Assert.ThrowsAsync<ApigTransportException>(() => TokenClient(http).BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.True(ex.IsTimeout);
        Assert.StartsWith("The request timed out after 0.3 s (HttpClient.Timeout).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LatencyAloneStillSucceeds()
    {
        Simulator.Faults.Latency = TimeSpan.FromMilliseconds(150);
        var response = await TokenClient().BatchAssociateDomainsV2Async(SeedRequest());
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task NoServerListeningIsATransportError()
    {
        var endpoint = Simulator.Endpoint;
        await Simulator.DisposeAsync();
        var options = Options();
        var ex = await Assert.ThrowsAsync<ApigTransportException>(() => new ApigClient(options).BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.Contains(endpoint.Authority, ex.Message, StringComparison.Ordinal);
        Simulator = await ApigSimulator.StartAsync(); // for DisposeAsync
    }
}
