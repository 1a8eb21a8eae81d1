using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>One timeout covers the whole call: the headers and the body, however slowly the body arrives.</summary>
public sealed class TimeoutTests
{
    /// <summary>Headers after <paramref name="headersAfter"/> (at once by default), then one byte of a 60-byte body every 100 ms: six seconds in all.</summary>
    private static RawHttpServer Dribbling(TimeSpan headersAfter = default) => new(async (request, stream, ct) =>
    {
        await Task.Delay(headersAfter, ct);
        await RawHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 60\r\nX-Request-Id: slow-1\r\n\r\n", ct);
        await stream.FlushAsync(ct);
        var body = "{\"name\":\"" + new string('a', 48) + "\"}";
        foreach (var c in body)
        {
            await Task.Delay(100, ct);
            await stream.WriteAsync(new[] { (byte)c }, ct);
            await stream.FlushAsync(ct);
        }
    });

    [Fact]
    public async Task TheHttpClientTimeoutOfACallersClientCoversTheBodyToo()
    {
        await using var server = Dribbling();
        // The timeouts leave the headers time to arrive on a busy machine (a first call compiles the pipeline): the body is what must overrun.
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(1500) };

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () => await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress, http)));

        Assert.True(exception.IsTimeout);
        Assert.StartsWith("The request timed out after 1.5 s (HttpClient.Timeout), while the response body was read.", exception.Message, StringComparison.Ordinal);
        Assert.Equal("slow-1", exception.RequestId);
    }

    [Fact]
    public async Task ACallersHttpClientTimeoutShorterThanTheOptionsIsNamedAsTheCause()
    {
        // Both set: the HttpClient's own timer ends the send first. The message named ApigClientOptions.Timeout and its
        // 20 s, after a call of 1.5 s: the caller would have looked at the wrong setting.
        await using var server = Dribbling(headersAfter: TimeSpan.FromSeconds(4));
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(1500) };

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () =>
            await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress, http, configure: o => o.Timeout = TimeSpan.FromSeconds(20))));

        Assert.True(exception.IsTimeout);
        Assert.StartsWith(
            "The request timed out after 1.5 s (HttpClient.Timeout of the HttpClient the client was given, which is shorter than ApigClientOptions.Timeout, 20 s).",
            exception.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTimeSpentWaitingForTheHeadersCountsAgainstTheBody()
    {
        // The HttpClient's own timer bounds the send (no token of the pipeline's goes with it); the body's time must still
        // be what is left of the same 2 s, not a fresh 2 s counted from the headers (which would end the call after 3.2 s).
        await using var server = Dribbling(headersAfter: TimeSpan.FromMilliseconds(1200));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () => await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress, http)));

        Assert.True(exception.IsTimeout);
        Assert.StartsWith("The request timed out after 2 s (HttpClient.Timeout), while the response body was read.", exception.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), "the call ended after " + clock.Elapsed.TotalSeconds + " s");
    }

    [Fact]
    public async Task TheOptionsTimeoutCoversTheBodyWithTheSharedClient()
    {
        await using var server = Dribbling();

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () =>
            await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress, configure: o => o.Timeout = TimeSpan.FromMilliseconds(1500))));

        Assert.True(exception.IsTimeout);
        Assert.StartsWith("The request timed out after 1.5 s (ApigClientOptions.Timeout), while", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCallersCancellationIsACancellationNotATimeout()
    {
        await using var server = Dribbling();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress, configure: o => o.Timeout = TimeSpan.FromSeconds(30)), cancel.Token));
    }

    [Fact]
    public async Task ATimedOutCallLeavesThePipelineUsable()
    {
        var slow = true;
        await using var server = new RawHttpServer(async (request, stream, ct) =>
        {
            if (slow)
            {
                slow = false;
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }

            await RawHttpServer.AnswerAsync(stream, 200, "{}", ct);
        });
        // Generous: the calls after the timeout must succeed on a busy machine too.
        var pipeline = Calls.Pipeline(server.BaseAddress, configure: o => o.Timeout = TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<ApigTransportException>(async () => await Calls.ShowCertificateAsync(pipeline));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Calls.ShowCertificateAsync(pipeline)).IsSuccess);
        }
    }
}
