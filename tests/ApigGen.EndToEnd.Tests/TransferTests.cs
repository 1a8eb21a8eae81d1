using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Catalogue;
using ApigGen.EndToEnd.Tests.Transfer;
using ApigGen.Simulator;
using ApigGen.Simulator.SpecApi;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// Uploads, downloads and response headers end to end: generated clients of the test-only specs Specs/Transfer*.apig.yaml
/// against the simulator serving those specs, with a token and with AK/SK (the simulator verifies every signature).
/// </summary>
public sealed class TransferTests : IAsyncLifetime
{
    private static readonly string Instance = SimulatorState.DefaultInstanceIds[0];
    private ApigSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        var root = CatalogueWireTests.RepositoryRoot();
        var specs = new[] { "TransferUploadV2", "TransferDownloadV2" }
            .Select(id => (string.Empty, id, File.ReadAllText(Path.Combine(root, "tests", "ApigGen.EndToEnd.Tests", "Specs", id + ".apig.yaml"))))
            .ToList();
        _simulator = await ApigSimulator.StartAsync(SpecCatalogue.Load(specs, SpecCatalogue.Default));
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private ApigClient Client(string auth) => new(new ApigClientOptions
    {
        Endpoint = _simulator.Endpoint,
        ProjectId = SimulatorState.DefaultProjectId,
        Credentials = auth == "aksk"
            ? ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey)
            : ApigCredentials.Token(SimulatorState.DefaultToken),
    });

    [Theory]
    [InlineData("token")]
    [InlineData("aksk")]
    public async Task AnUploadSendsTheFileAndFieldsAsPartsSignedOverTheBytesSent(string auth)
    {
        // Every byte value, and text that looks like a delimiter, in a stream that cannot seek.
        var content = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Encoding.ASCII.GetBytes("\r\n--ApigGenBoundary\r\n")).Concat(RandomNumberGenerator.GetBytes(4000)).ToArray();
        using var stream = new ForwardOnlyStream(content);
        var request = new TransferUploadV2Request
        {
            InstanceId = Instance,
            Body = new TransferForm
            {
                File = new ApigFile(stream, "définition \"v2\".yaml", "application/yaml"),
                Description = "Zürich line",
                Count = 3,
                Overwrite = true,
                Mode = TransferForm.ModeEnum.Override,
            },
        };

        var response = await Client(auth).TransferUploadV2Async(request);

        var received = Assert.Single(_simulator.Requests);
        Assert.StartsWith("multipart/form-data; boundary=", received.Header("Content-Type"), StringComparison.Ordinal);
        var parts = MultipartForm.Parse(received.Header("Content-Type"), received.Body);
        Assert.NotNull(parts);
        Assert.Equal(new[] { "file", "description", "count", "overwrite", "mode" }, parts!.Select(p => p.Name));
        Assert.Equal(content, parts[0].Content);
        Assert.Equal(("définition \"v2\".yaml", "application/yaml"), (parts[0].FileName, parts[0].ContentType));
        Assert.Equal(new[] { "Zürich line", "3", "true", "override" }, parts.Skip(1).Select(p => p.Text));
        Assert.All(parts.Skip(1), p => Assert.Null(p.FileName));
        Assert.Equal(auth == "aksk", received.Header("Authorization")?.StartsWith("SDK-HMAC-SHA256 ", StringComparison.Ordinal) == true);
        if (auth == "aksk")
        {
            // The simulator accepted the signature (else 401); recomputed here from the bytes as they arrived.
            var verdict = SignatureVerifier.Verify(received.Method, received.RawTarget, received.Headers, received.Body, _ => SimulatorState.DefaultSecretKey, DateTimeOffset.UtcNow);
            Assert.True(verdict.Valid, verdict.Failure);
            Assert.EndsWith("\n" + Convert.ToHexString(SHA256.HashData(received.Body)).ToLowerInvariant(), verdict.CanonicalRequest, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(received.RequestId, response.RequestId);
        Assert.NotNull(response.Id);
        Assert.Equal(42, response.XQuotaRemaining);
        Assert.Equal(TransferUploadV2Response.XImportModeEnum.Merge, response.XImportMode);
        // The caller's stream is read to its end and left open.
        Assert.True(stream.CanRead);
        Assert.Equal(-1, stream.ReadByte());
    }

    [Fact]
    public async Task AnUnsetOptionalPartIsNotSent()
    {
        var request = new TransferUploadV2Request
        {
            InstanceId = Instance,
            Body = new TransferForm { File = new ApigFile(new MemoryStream(new byte[] { 7 }), "a.bin"), Count = 1 },
        };

        await Client("token").TransferUploadV2Async(request);

        var received = Assert.Single(_simulator.Requests);
        var parts = MultipartForm.Parse(received.Header("Content-Type"), received.Body)!;
        Assert.Equal(new[] { "file", "count" }, parts.Select(p => p.Name));
        Assert.Equal(("a.bin", "application/octet-stream"), (parts[0].FileName, parts[0].ContentType));
    }

    [Fact]
    public void TheFormIsValidatedBeforeAnythingIsSent()
    {
        var request = new TransferUploadV2Request
        {
            InstanceId = Instance,
            Body = new TransferForm { File = null!, Count = 0, Description = new string('x', 65) },
        };

        // Before any file part is read, and by the call itself (an upload awaits the reading, but not the validation).
        var error = Assert.Throws<ApigValidationException>(() => { _ = Client("token").TransferUploadV2Async(request); });
        Assert.Equal(new[] { "count", "description", "file" }, error.Errors.Select(e => e.Path).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Empty(_simulator.Requests);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("aksk")]
    public async Task ADownloadIsTheBodyAsAStreamWithItsContentTypeAndHeaders(string auth)
    {
        await using var response = await Client(auth).TransferDownloadV2Async(new TransferDownloadV2Request { InstanceId = Instance, Format = TransferDownloadV2Request.FormatEnum.Yaml });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SpecExamples.BinaryContentType, response.ContentType);
        Assert.Equal(9_000_000_000L, response.XExportCount);
        Assert.True(response.XTruncated);
        Assert.Equal(SpecExamples.DateTime, response.LastModified);
        Assert.False(response.Content.CanSeek);
        using var copy = new MemoryStream();
        await response.Content.CopyToAsync(copy);
        Assert.Equal(SpecExamples.BinaryBody("TransferDownloadV2"), copy.ToArray());
        Assert.Equal(Assert.Single(_simulator.Requests).RequestId, response.RequestId);
    }

    [Fact]
    public async Task ADownloadErrorIsAnApigException()
    {
        var error = await Assert.ThrowsAsync<ApigException>(() => Client("aksk").TransferDownloadV2Async(new TransferDownloadV2Request { InstanceId = "0000" }));
        Assert.Equal((HttpStatusCode.NotFound, "APIG.3030"), (error.StatusCode, error.ErrorCode));
    }

    [Fact]
    public async Task TheSimulatorRefusesAFormWithoutAMandatoryPartOrWithABadFieldNamingIt()
    {
        using var http = new HttpClient { BaseAddress = _simulator.Endpoint };
        http.DefaultRequestHeaders.Add("X-Auth-Token", SimulatorState.DefaultToken);
        var uri = new Uri("/v2/" + SimulatorState.DefaultProjectId + "/apigw/instances/" + Instance + "/transfer/import", UriKind.Relative);

        async Task<string> Post(Action<MultipartFormDataContent> fill)
        {
            using var form = new MultipartFormDataContent();
            fill(form);
            using var answer = await http.PostAsync(uri, form);
            var text = await answer.Content.ReadAsStringAsync();
            return (int)answer.StatusCode + " " + text;
        }

        Assert.StartsWith("200 ", await Post(f => { f.Add(new ByteArrayContent(new byte[] { 1 }), "file", "f.bin"); f.Add(new StringContent("2"), "count"); }), StringComparison.Ordinal);
        Assert.Contains("parameterName:file", await Post(f => f.Add(new StringContent("2"), "count")), StringComparison.Ordinal);
        Assert.Contains("parameterName:count", await Post(f => { f.Add(new ByteArrayContent(new byte[] { 1 }), "file", "f.bin"); f.Add(new StringContent("two"), "count"); }), StringComparison.Ordinal);
        Assert.Contains("parameterName:count", await Post(f => { f.Add(new ByteArrayContent(new byte[] { 1 }), "file", "f.bin"); f.Add(new StringContent("0"), "count"); }), StringComparison.Ordinal);
        Assert.Contains("parameterName:mode", await Post(f => { f.Add(new ByteArrayContent(new byte[] { 1 }), "file", "f.bin"); f.Add(new StringContent("2"), "count"); f.Add(new StringContent("other"), "mode"); }), StringComparison.Ordinal);
        // A text field where the file belongs (no file name).
        Assert.Contains("parameterName:file", await Post(f => { f.Add(new StringContent("x"), "file"); f.Add(new StringContent("2"), "count"); }), StringComparison.Ordinal);
        Assert.Contains("parameterName:body", await PostRaw(http, uri), StringComparison.Ordinal);
    }

    private static async Task<string> PostRaw(HttpClient http, Uri uri)
    {
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("not a form"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        using var answer = await http.PostAsync(uri, content);
        return await answer.Content.ReadAsStringAsync();
    }

    /// <summary>A stream that cannot seek and hands out at most 100 bytes per read.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(100, count), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
