using System;
using System.Buffers;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Runtime.Tests;

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements
{
}

/// <summary>
/// Memory follows the bytes that arrive, never what a header announces; the body cap is an option; pooled buffers that
/// held a request or response body are cleared before another renter gets them.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class ResponseMemoryTests
{
    [Fact]
    public async Task AContentLengthAloneDoesNotAllocateTheAnnouncedBody()
    {
        // 32 MiB announced, 10 bytes sent, then silence until the client gives up.
        await using var server = new RawHttpServer(async (request, stream, ct) =>
        {
            await RawHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 33554432\r\nX-Request-Id: lying-1\r\n\r\n{\"a\":\"bcd\"", ct);
            await stream.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var pipeline = Calls.Pipeline(server.BaseAddress, configure: o => o.Timeout = TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAsync<ApigTransportException>(async () => await Calls.ShowCertificateAsync(pipeline)); // warm-up

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < 5; i++)
        {
            var exception = await Assert.ThrowsAsync<ApigTransportException>(async () => await Calls.ShowCertificateAsync(pipeline));
            Assert.True(exception.IsTimeout);
            Assert.Equal("lying-1", exception.RequestId);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 2 * 1024 * 1024, "5 calls allocated " + allocated + " bytes for bodies of 10 bytes");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOverMaxResponseBodySizeIsATransportErrorAnnouncedOrNot(bool announced)
    {
        var body = "{\"a\":\"" + new string('x', 4000) + "\"}";
        await using var server = new RawHttpServer(async (request, stream, ct) =>
        {
            if (announced)
            {
                await RawHttpServer.AnswerAsync(stream, 200, body, ct);
            }
            else
            {
                await RawHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body, ct);
            }
        });

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () =>
            await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress, configure: o => o.MaxResponseBodySize = 4000)));
        Assert.Contains("larger than 4000 bytes (ApigClientOptions.MaxResponseBodySize)", exception.Message, StringComparison.Ordinal);

        var exact = await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress, configure: o => o.MaxResponseBodySize = Encoding.UTF8.GetByteCount(body)));
        Assert.True(exact.IsSuccess);
    }

    [Fact]
    public async Task ABodyOfUnannouncedLengthIsReadWhole()
    {
        var body = "{\"a\":\"" + new string('x', 300_000) + "\"}";
        await using var server = new RawHttpServer((request, stream, ct) => RawHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body, ct));

        var response = await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress));

        var reader = response.CreateJsonReader();
        reader.Read();
        reader.Read();
        Assert.Equal(300_000, reader.GetString()!.Length);
    }

    [Fact]
    public void MaxResponseBodySizeMustBePositive()
    {
        var exception = Assert.Throws<ArgumentException>(() => Calls.Pipeline(new Uri("https://apig.example"), configure: o => o.MaxResponseBodySize = 0));
        Assert.Equal("MaxResponseBodySize", exception.ParamName);
    }

    [Fact]
    public async Task ThePooledArrayThatHeldARequestBodyIsClearedBeforeItGoesBack()
    {
        // Everything below completes synchronously on this thread, so the array given back is the one this thread rents next.
        using var http = new HttpClient(new SyncHandler());
        var call = Calls.CreateCertificateAsync(Calls.Pipeline(new Uri("https://apig.example"), http));
        Assert.True(call.IsCompletedSuccessfully, "the call did not complete on this thread");
        Assert.True((await call).IsSuccess);

        var rented = ArrayPool<byte>.Shared.Rent(120);
        try
        {
            Assert.DoesNotContain("PRIVATE KEY", Encoding.UTF8.GetString(rented), StringComparison.Ordinal);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [Fact]
    public async Task ThePooledBuffersThatHeldAResponseBodyAreClearedBeforeTheyGoBack()
    {
        // No Content-Length: the body is read into growing pooled buffers (16 KiB, 32 KiB, 64 KiB, 128 KiB).
        var body = "{\"secret\":\"" + new string('s', 100_000) + "\"}";
        using var http = new HttpClient(new SyncHandler(() => new UnannouncedContent(Encoding.UTF8.GetBytes(body))));
        var call = Calls.ShowCertificateAsync(Calls.Pipeline(new Uri("https://apig.example"), http));
        Assert.True(call.IsCompletedSuccessfully, "the call did not complete on this thread");
        Assert.True((await call).IsSuccess);

        foreach (var size in new[] { 16 * 1024, 32 * 1024, 64 * 1024, 128 * 1024 })
        {
            var rented = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                Assert.DoesNotContain("sssssss", Encoding.UTF8.GetString(rented), StringComparison.Ordinal);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Content whose length is unknown up front, as a chunked answer's is; its stream completes synchronously.</summary>
    private sealed class UnannouncedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(System.IO.Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes, 0, bytes.Length);

        protected override Task<System.IO.Stream> CreateContentReadStreamAsync() => Task.FromResult<System.IO.Stream>(new System.IO.MemoryStream(bytes, writable: false));

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
