using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>Answers a real APIG would never give, through the generated readers and paging: only typed outcomes.</summary>
public sealed class HostileAnswerTests
{
    private const string ProjectId = "0123456789abcdef0123456789abcdef";

    private static ApigClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer, out List<HttpRequestMessage> requests)
    {
        var handler = new AnsweringHandler(answer);
        requests = handler.Requests;
        return new ApigClient(
            new ApigClientOptions { Endpoint = new Uri("https://apig.example"), ProjectId = ProjectId, Credentials = ApigCredentials.Token("token-1234") },
            new HttpClient(handler));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, byte[] body)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
        response.Headers.TryAddWithoutValidation("X-Request-Id", "hostile-1");
        return response;
    }

    private static byte[] WithInvalidUtf8(string before, string after) =>
        Encoding.UTF8.GetBytes(before).Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(after)).ToArray();

    [Fact]
    public async Task InvalidUtf8InASuccessBodyIsATransportExceptionWithTheRequestId()
    {
        var client = Client(_ => Answer(HttpStatusCode.OK, WithInvalidUtf8("{\"id\":\"c1\",\"name\":\"a", "b\"}")), out _);

        var exception = await Assert.ThrowsAsync<ApigTransportException>(() => client.ShowDetailsOfCertificateV2Async(new() { CertificateId = "c1" }));

        Assert.Equal("hostile-1", exception.RequestId);
        Assert.Contains("$.name", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8InAnErrorBodyKeepsTheStatusTheRequestIdAndTheCode()
    {
        var client = Client(_ => Answer(HttpStatusCode.BadRequest, WithInvalidUtf8("{\"error_code\":\"APIG.2012\",\"error_msg\":\"bad ", "\"}")), out _);

        var exception = await Assert.ThrowsAsync<ApigException>(() => client.ShowDetailsOfCertificateV2Async(new() { CertificateId = "c1" }));

        Assert.Equal((HttpStatusCode.BadRequest, "hostile-1", "APIG.2012"), (exception.StatusCode, exception.RequestId, exception.ErrorCode));
    }

    [Fact]
    public async Task AServerThatIgnoresOffsetStopsThePagingAfterOnePage()
    {
        // The same two certificates (with lists in them) and a large total, whatever offset is asked for.
        const string page = "{\"size\":2,\"total\":100000,\"certs\":[{\"id\":\"a\",\"name\":\"a\",\"san\":[\"x.example\"]},{\"id\":\"b\",\"name\":\"b\",\"san\":[\"y.example\"]}]}";
        var client = Client(_ => Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(page)), out var requests);
        var seen = new List<string>();

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () =>
        {
            await foreach (var certificate in client.ListCertificatesV2AllAsync(new() { InstanceId = "i", Limit = 2 }))
            {
                seen.Add(certificate.Id!);
            }
        });

        Assert.Equal(["a", "b"], seen);
        Assert.Equal(2, requests.Count);
        Assert.Contains("repeats the page at offset 0", exception.Message, StringComparison.Ordinal);
        Assert.Equal("hostile-1", exception.RequestId);
    }

    [Fact]
    public async Task AServerWhoseTotalKeepsGrowingStopsThePagingAtTheFirstTotal()
    {
        // One new certificate a page, and a total that is always one ahead of the offset.
        var client = Client(
            request =>
            {
                var offset = int.Parse(System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["offset"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                return Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes("{\"size\":1,\"total\":" + (offset + 3) + ",\"certs\":[{\"id\":\"c" + offset + "\"}]}"));
            },
            out var requests);

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () =>
        {
            await foreach (var unused in client.ListCertificatesV2AllAsync(new() { InstanceId = "i" }))
            {
            }
        });

        Assert.Contains("more than the first page's total allows", exception.Message, StringComparison.Ordinal);
        Assert.Equal(5, requests.Count);
    }

    private sealed class AnsweringHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            var response = answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
