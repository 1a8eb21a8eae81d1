using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Runtime.Tests.Transfer;

/// <summary>Binary downloads handed over as the HTTP content stream, and the response headers a spec declares.</summary>
public sealed class DownloadAndHeaderTests
{
    private static ValueTask<ApigResponse> DownloadAsync(ApigPipeline pipeline, CancellationToken cancellationToken = default)
    {
        var request = pipeline.CreateRequest(HttpMethod.Get, "ExportApis");
        request.AppendPath("/v2/");
        request.AppendProjectId();
        request.AppendPath("/apigw/openapi/export");
        return pipeline.SendStreamingAsync(request, cancellationToken);
    }

    [Fact]
    public async Task TheStreamIsTheContentAsItArrivesNotABufferedCopy()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawHttpServer(async (request, stream, token) =>
        {
            await RawHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: 8\r\nX-Request-Id: r-1\r\nConnection: close\r\n\r\nfirst", token);
            await stream.FlushAsync(token);
            // The rest comes only after the caller has its stream: a client that buffered the body would never return.
            await release.Task.WaitAsync(token);
            await RawHttpServer.WriteAsync(stream, "end", token);
        });
        var pipeline = Calls.Pipeline(server.BaseAddress, configure: o => o.MaxResponseBodySize = 4);

        var response = await DownloadAsync(pipeline);

        Assert.True(response.IsSuccess);
        Assert.Equal("application/zip", response.ContentType);
        Assert.Equal("r-1", response.RequestId);
        await using var content = response.TakeContent();
        Assert.Same(content, response.TakeContent());
        Assert.False(content.CanSeek);
        var buffer = new byte[5];
        await content.ReadExactlyAsync(buffer);
        Assert.Equal("first", Encoding.ASCII.GetString(buffer));
        release.SetResult();
        // MaxResponseBodySize (4 here) does not apply to a stream the caller reads.
        Assert.Equal("end", await new StreamReader(content).ReadToEndAsync());
    }

    [Fact]
    public async Task AnErrorAnswerIsReadWholeAndBecomesApigException()
    {
        await using var server = new RawHttpServer((request, stream, token) =>
            RawHttpServer.AnswerAsync(stream, 404, "{\"error_code\":\"APIG.3002\",\"error_msg\":\"No such export\"}", token, "X-Request-Id: r-404\r\n"));
        var response = await DownloadAsync(Calls.Pipeline(server.BaseAddress));

        Assert.False(response.IsSuccess);
        Assert.Throws<InvalidOperationException>(() => response.TakeContent());
        var error = response.CreateException();
        Assert.Equal((HttpStatusCode.NotFound, "APIG.3002", "No such export", "r-404"), (error.StatusCode, error.ErrorCode, error.ErrorMessage, error.RequestId));
    }

    [Fact]
    public async Task ADownloadIsRetriedOnlyBeforeItsBodyIsHandedOver()
    {
        var answers = 0;
        await using var server = new RawHttpServer((request, stream, token) =>
            Interlocked.Increment(ref answers) == 1
                ? RawHttpServer.AnswerAsync(stream, 503, "{}", token)
                : RawHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 10\r\nConnection: close\r\n\r\nabc", token));
        var pipeline = Calls.Pipeline(server.BaseAddress, configure: o => o.Retry = new ApigRetryOptions { Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) });

        var response = await DownloadAsync(pipeline);
        Assert.Equal(2, response.Attempts);
        await using var content = response.TakeContent();
        // The server cuts the body short: the caller's read fails; nothing is sent again.
        await Assert.ThrowsAnyAsync<IOException>(() => new StreamReader(content).ReadToEndAsync());
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task AResultThatFailsToTakeTheStreamLeavesItDisposed()
    {
        await using var server = new RawHttpServer((request, stream, token) =>
            RawHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Count: many\r\nConnection: close\r\n\r\nabc", token));
        var pipeline = Calls.Pipeline(server.BaseAddress);
        var request = pipeline.CreateRequest(HttpMethod.Get, "ExportApis");
        request.AppendPath("/export");
        Stream? taken = null;

        // As generated code does for a declared header: the stream is taken, then a header is read and fails.
        await Assert.ThrowsAsync<FormatException>(() => pipeline.SendStreamingAsync(
            request,
            response =>
            {
                taken = response.TakeContent();
                return int.Parse(response.GetHeader("X-Count")!, System.Globalization.CultureInfo.InvariantCulture);
            },
            default));

        Assert.NotNull(taken);
        Assert.False(taken!.CanRead);
    }

    [Fact]
    public async Task TheResultOverloadsTurnAnErrorAnswerIntoApigExceptionWithoutReadingIt()
    {
        await using var server = new RawHttpServer((request, stream, token) =>
            RawHttpServer.AnswerAsync(stream, 404, "{\"error_code\":\"APIG.3002\",\"error_msg\":\"No such export\"}", token, "X-Request-Id: r-404\r\n"));
        var pipeline = Calls.Pipeline(server.BaseAddress);
        var reads = 0;

        var request = pipeline.CreateRequest(HttpMethod.Get, "ExportApis");
        request.AppendPath("/export");
        var streamed = await Assert.ThrowsAsync<ApigException>(() => pipeline.SendStreamingAsync(request, response => ++reads, default));
        request = pipeline.CreateRequest(HttpMethod.Get, "ShowApi");
        request.AppendPath("/api");
        var read = await Assert.ThrowsAsync<ApigException>(() => pipeline.SendAsync(request, (ref System.Text.Json.Utf8JsonReader reader, HttpStatusCode status, string? id) => ++reads, default));

        Assert.Equal(0, reads);
        foreach (var error in new[] { streamed, read })
        {
            Assert.Equal((HttpStatusCode.NotFound, "APIG.3002", "r-404"), (error.StatusCode, error.ErrorCode, error.RequestId));
        }
    }

    [Fact]
    public async Task DisposingTheStreamDisposesTheResponse()
    {
        await using var server = new RawHttpServer((request, stream, token) =>
            RawHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc", token));
        var response = await DownloadAsync(Calls.Pipeline(server.BaseAddress));
        var content = response.TakeContent();
        Assert.Null(response.ContentType);
        Assert.True(content.CanRead);
        content.Dispose();
        Assert.False(content.CanRead);
        Assert.ThrowsAny<ObjectDisposedException>(() => content.ReadByte());
        response.DisposeContent();
    }

    [Fact]
    public async Task DeclaredHeadersAreParsedAsTheirTypes()
    {
        await using var server = new RawHttpServer((request, stream, token) =>
            RawHttpServer.AnswerAsync(stream, 200, "{}", token, "X-Quota-Remaining: 42\r\nX-Total: 9000000000\r\nX-Ratio: 0.25\r\nX-Truncated: TRUE\r\nX-Expires: 2026-12-05T10:00:00Z\r\nX-Name: a\r\nX-Name: b\r\nX-Bad: 4x2\r\n"));
        var response = await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress));

        Assert.Equal(42, response.GetHeaderInt32("x-quota-remaining"));
        Assert.Equal(9_000_000_000L, response.GetHeaderInt64("X-Total"));
        Assert.Equal(0.25, response.GetHeaderNumber("X-Ratio"));
        Assert.True(response.GetHeaderBoolean("X-Truncated"));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero), response.GetHeaderDateTime("X-Expires"));
        Assert.Equal("a, b", response.GetHeader("X-Name"));
        Assert.Equal("application/json", response.GetHeader("Content-Type"));
        Assert.Null(response.GetHeaderInt32("X-Missing"));
        Assert.Null(response.GetHeaderBoolean("X-Missing"));
        var error = Assert.Throws<ApigTransportException>(() => response.GetHeaderInt32("X-Bad"));
        Assert.Contains("response header 'X-Bad' is not an integer (int32): '4x2'", error.Message, StringComparison.Ordinal);
        Assert.Equal("ShowDetailsOfCertificateV2", error.OperationId);
        Assert.Throws<ApigTransportException>(() => response.GetHeaderInt32("X-Total"));
        Assert.Throws<ApigTransportException>(() => response.GetHeaderBoolean("X-Ratio"));
    }
}
