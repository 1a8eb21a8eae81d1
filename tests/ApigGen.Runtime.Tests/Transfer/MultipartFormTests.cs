using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.Runtime.Tests.Transfer;

/// <summary>multipart/form-data bodies: the exact bytes, the boundary, file names, streams that cannot seek, limits, signing and retries.</summary>
public sealed class MultipartFormTests
{
    private static string Text(byte[] body, int length) => Encoding.UTF8.GetString(body, 0, length);

    [Fact]
    public async Task TheBodyIsExactlyTheDelimitedParts()
    {
        using var writer = new MultipartFormWriter(1024, () => "BOUNDARY42");
        writer.AddField("description", "Zürich\r\nline two");
        await writer.AddFileAsync("file", new ApigFile(new MemoryStream(Encoding.ASCII.GetBytes("a,b\n1,2\n")), "report.csv", "text/csv"), CancellationToken.None);
        await writer.AddFileAsync("raw", new ApigFile(new MemoryStream(new byte[] { 0, 255, 13, 10 }), "blob.bin"), CancellationToken.None);
        var (body, length, contentType) = writer.Finish();

        Assert.Equal("multipart/form-data; boundary=BOUNDARY42", contentType);
        var expected = Encoding.UTF8.GetBytes(
            "--BOUNDARY42\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nZürich\r\nline two\r\n"
            + "--BOUNDARY42\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\n1,2\n\r\n"
            + "--BOUNDARY42\r\nContent-Disposition: form-data; name=\"raw\"; filename=\"blob.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .Concat(new byte[] { 0, 255, 13, 10 })
            .Concat(Encoding.ASCII.GetBytes("\r\n--BOUNDARY42--\r\n"))
            .ToArray();
        Assert.Equal(expected, body.AsSpan(0, length).ToArray());
        ArrayPoolReturn(body, length);
    }

    [Fact]
    public async Task ABoundaryThatOccursInAFileIsReplacedEverywhereItWasWritten()
    {
        var drawn = new[] { "AAAA1111", "BBBB2222" };
        var next = 0;
        using var writer = new MultipartFormWriter(1024, () => drawn[next++]);
        writer.AddField("a", "x");
        await writer.AddFileAsync("f", new ApigFile(new MemoryStream(Encoding.ASCII.GetBytes("before --AAAA1111 after")), "f.txt"), CancellationToken.None);
        var (body, length, contentType) = writer.Finish();
        var text = Text(body, length);

        Assert.Equal(2, next);
        Assert.Equal("multipart/form-data; boundary=BBBB2222", contentType);
        Assert.StartsWith("--BBBB2222\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n--BBBB2222--\r\n", text, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(text, "--BBBB2222"));
        // The file's own bytes are untouched.
        Assert.Contains("before --AAAA1111 after", text, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(text, "AAAA1111"));
    }

    [Fact]
    public async Task ABoundarySourceThatKeepsCollidingFailsInsteadOfLooping()
    {
        using var writer = new MultipartFormWriter(1024, () => "SAME");
        await writer.AddFileAsync("f", new ApigFile(new MemoryStream(Encoding.ASCII.GetBytes("SAME")), "f"), CancellationToken.None);
        Assert.Throws<InvalidOperationException>(() => writer.Finish());
    }

    [Fact]
    public void TheRandomBoundaryIsLongAndDiffersBetweenBodies()
    {
        using var first = new MultipartFormWriter(1024);
        using var second = new MultipartFormWriter(1024);
        Assert.NotEqual(first.Boundary, second.Boundary);
        Assert.True(first.Boundary.Length >= 40, first.Boundary);
        Assert.Matches("^[0-9A-Za-z]+$", first.Boundary);
    }

    [Theory]
    [InlineData("plain.txt", "filename=\"plain.txt\"\r\n")]
    [InlineData("say \"hi\".txt", "filename=\"say %22hi%22.txt\"\r\n")]
    [InlineData("résumé 2024.pdf", "filename=\"r_sum_ 2024.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%202024.pdf\r\n")]
    [InlineData("a\\b\r\nc.txt", "filename=\"a_b__c.txt\"; filename*=UTF-8''a%5Cb%0D%0Ac.txt\r\n")]
    [InlineData("日本.txt", "filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt\r\n")]
    [InlineData("😀\".bin", "filename=\"__%22.bin\"; filename*=UTF-8''%F0%9F%98%80%22.bin\r\n")]
    public async Task FileNamesAreQuotedWithAnRfc5987FormWhenTheQuotedOneIsNotExact(string fileName, string expected)
    {
        using var writer = new MultipartFormWriter(1024, () => "B");
        await writer.AddFileAsync("file", new ApigFile(new MemoryStream(), fileName), CancellationToken.None);
        var (body, length, _) = writer.Finish();
        Assert.Contains("Content-Disposition: form-data; name=\"file\"; " + expected + "Content-Type:", Text(body, length), StringComparison.Ordinal);
    }

    [Fact]
    public void AFieldNameWithAQuoteOrLineBreakCannotAddAHeader()
    {
        using var writer = new MultipartFormWriter(1024, () => "B");
        writer.AddField("a\"\r\nX-Evil: 1", "v");
        var (body, length, _) = writer.Finish();
        Assert.Contains("name=\"a%22%0D%0AX-Evil: 1\"\r\n\r\nv\r\n", Text(body, length), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStreamThatCannotSeekIsReadToItsEndFromWhereItIs()
    {
        var content = RandomNumberGenerator.GetBytes(100_000);
        var stream = new TrickleStream(content, chunk: 777);
        using var writer = new MultipartFormWriter(1 << 20, () => "NotInRandomBytes0123456789");
        await writer.AddFileAsync("file", new ApigFile(stream, "data.bin"), CancellationToken.None);
        var (body, length, _) = writer.Finish();
        var head = Encoding.ASCII.GetByteCount("--NotInRandomBytes0123456789\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        Assert.Equal(content, body.AsSpan(head, content.Length).ToArray());
        Assert.Equal(head + content.Length + "\r\n--NotInRandomBytes0123456789--\r\n".Length, length);
        Assert.False(stream.Disposed);
        Assert.True(stream.Reads > 100);
    }

    [Fact]
    public async Task CancellationStopsTheReadingAndDropsTheBody()
    {
        using var cancel = new CancellationTokenSource();
        var stream = new TrickleStream(new byte[10_000], chunk: 100) { OnRead = count => { if (count == 3) { cancel.Cancel(); } } };
        var pipeline = Calls.Pipeline(new Uri("http://127.0.0.1:9"));
        var request = pipeline.CreateRequest(HttpMethod.Post, "Upload");
        request.StartFormBody();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.AddFormFileAsync("file", new ApigFile(stream, "f"), cancel.Token).AsTask());
        Assert.Throws<InvalidOperationException>(() => request.EndFormBody());
    }

    [Fact]
    public async Task ABodyLargerThanMaxRequestBodySizeFailsBeforeAnythingIsSent()
    {
        var pipeline = Calls.Pipeline(new Uri("http://127.0.0.1:9"), configure: o => o.MaxRequestBodySize = 1000);
        var request = pipeline.CreateRequest(HttpMethod.Post, "Upload");
        request.StartFormBody();
        request.AddFormField("a", "b");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => request.AddFormFileAsync("file", new ApigFile(new MemoryStream(new byte[1000]), "f"), CancellationToken.None).AsTask());
        Assert.Contains("MaxRequestBodySize", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Calls.Pipeline(new Uri("http://127.0.0.1:9"), configure: o => o.MaxRequestBodySize = 0));
    }

    [Fact]
    public void AContentTypeThatCouldBreakTheHeadersIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ApigFile(new MemoryStream(), "f", "text/plain\r\nX: y"));
        Assert.Throws<ArgumentException>(() => new ApigFile(new MemoryStream(), "f", " "));
        Assert.Equal("ApigFile { FileName = f, ContentType = application/octet-stream }", new ApigFile(new MemoryStream(new byte[] { 1 }), "f").ToString());
    }

    [Fact]
    public async Task TheSignatureCoversExactlyTheBytesReceivedAndARetrySendsThemAgain()
    {
        var answers = 0;
        await using var server = new RawHttpServer((request, stream, token) =>
            Interlocked.Increment(ref answers) == 1
                ? RawHttpServer.AnswerAsync(stream, 503, "{\"error_code\":\"APIG.0201\",\"error_msg\":\"busy\"}", token)
                : RawHttpServer.AnswerAsync(stream, 200, "{}", token));
        var pipeline = Calls.Pipeline(
            server.BaseAddress,
            credentials: ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey),
            configure: o => o.Retry = new ApigRetryOptions { Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) });
        var file = RandomNumberGenerator.GetBytes(5000);
        var request = pipeline.CreateRequest(HttpMethod.Post, "ImportApis", ApigAuthModes.AccessKey, idempotent: true);
        request.AppendPath("/v2/");
        request.AppendProjectId();
        request.AppendPath("/apigw/openapi/import");
        request.StartFormBody();
        request.AddFormField("group_id", "g1");
        await request.AddFormFileAsync("file_name", new ApigFile(new TrickleStream(file, 333), "api.yaml", "application/yaml"), CancellationToken.None);
        request.AddFormField("extend_mode", true);
        request.EndFormBody();

        var response = await pipeline.SendAsync(request, CancellationToken.None);

        Assert.True(response.IsSuccess);
        Assert.Equal(2, response.Attempts);
        var received = server.Received.ToArray();
        Assert.Equal(2, received.Length);
        Assert.Equal(received[0].Body, received[1].Body);
        foreach (var sent in received)
        {
            Assert.StartsWith("multipart/form-data; boundary=", sent.Header("Content-Type"), StringComparison.Ordinal);
            var boundary = sent.Header("Content-Type")!["multipart/form-data; boundary=".Length..];
            Assert.Equal(4, CountOf(Encoding.Latin1.GetString(sent.Body), "--" + boundary));
            var headers = sent.Headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
            var verdict = SignatureVerifier.Verify(sent.Method, sent.Target, headers, sent.Body, _ => SimulatorState.DefaultSecretKey, DateTimeOffset.UtcNow);
            Assert.True(verdict.Valid, verdict.Failure);
            // The hash the signature was made over is the hash of the bytes that arrived.
            Assert.EndsWith("\n" + Convert.ToHexString(SHA256.HashData(sent.Body)).ToLowerInvariant(), verdict.CanonicalRequest, StringComparison.Ordinal);
        }

        Assert.True(Encoding.Latin1.GetString(received[0].Body).Contains(Encoding.Latin1.GetString(file), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMultipartPostIsNotRetriedUnlessIdempotent()
    {
        await using var server = new RawHttpServer((request, stream, token) => RawHttpServer.AnswerAsync(stream, 503, "{}", token));
        var pipeline = Calls.Pipeline(server.BaseAddress, configure: o => o.Retry = new ApigRetryOptions { Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) });
        var request = pipeline.CreateRequest(HttpMethod.Post, "Upload");
        request.AppendPath("/upload");
        request.StartFormBody();
        await request.AddFormFileAsync("f", new ApigFile(new MemoryStream(new byte[] { 1, 2, 3 }), "f"), CancellationToken.None);
        request.EndFormBody();
        var response = await pipeline.SendAsync(request, CancellationToken.None);
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Single(server.Received);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var index = text.IndexOf(part, StringComparison.Ordinal); index >= 0; index = text.IndexOf(part, index + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static void ArrayPoolReturn(byte[] body, int length)
    {
        body.AsSpan(0, length).Clear();
        System.Buffers.ArrayPool<byte>.Shared.Return(body);
    }

    /// <summary>A stream that cannot seek and hands out at most <c>chunk</c> bytes per read.</summary>
    private sealed class TrickleStream(byte[] content, int chunk) : Stream
    {
        private int _position;

        public int Reads { get; private set; }

        public bool Disposed { get; private set; }

        public Action<int>? OnRead { get; init; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            Reads++;
            OnRead?.Invoke(Reads);
            var n = Math.Min(Math.Min(chunk, buffer.Length), content.Length - _position);
            content.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
