using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// The runtime's signer against the simulator's verifier, which was written separately: any method, path, query
/// and body must verify (the simulator authenticates before it routes, so any answer but 401 means the signature verified).
/// </summary>
public sealed class SigningCrossCheckTests : SimulatorTest
{
    public static TheoryData<string, string, string?> Requests() => new()
    {
        { "GET", "/v2/0123456789abcdef0123456789abcdef/apigw/certificates", null },
        { "GET", "/v2/0123456789abcdef0123456789abcdef/apigw/certificates?limit=500&offset=0&name=a%20b&name=%2B&empty=&flag", null },
        { "GET", "/v2/0123456789abcdef0123456789abcdef/apigw/x?k=2&k=1&k=10&z=%E4%B8%AD%E6%96%87", null },
        { "PUT", "/v2/0123456789abcdef0123456789abcdef/apigw/%E4%B8%AD/a%20b/c~d", "{\"name\":\"名称\"}" },
        { "DELETE", "/v2/0123456789abcdef0123456789abcdef/apigw/certificates/c0ffee", null },
        { "POST", "/v2/0123456789abcdef0123456789abcdef/apigw/x/", "" },
        { "PATCH", "/v2/0123456789abcdef0123456789abcdef/apigw/x?q=a+b", "{}" },

        // Path values holding '/', '%', a space, '+', '~' and non-ASCII: the path is decoded whole, then split.
        { "GET", "/v2/0123456789abcdef0123456789abcdef/apigw/certificates/a%2Fb%25c%20d+e~f%E2%82%AC", null },
        { "DELETE", "/v2/0123456789abcdef0123456789abcdef/apigw/x/%2F%2F/y%2F", null },
    };

    /// <summary>Path parameter values a generated client encodes as one segment each; every one must verify under the reference.</summary>
    public static TheoryData<string> PathValues() => new() { "a/b", "a%2Fb", "100%", "a b", "a+b", "~x~", "证书/€", "/lead", "trail/", "%", "%%2F" };

    [Theory]
    [MemberData(nameof(PathValues))]
    public async Task ThePipelineSignerSignsPathValuesAsTheReferenceCanonicalisesThem(string value)
    {
        var exception = await Assert.ThrowsAsync<ApigException>(() => SigningClient().ShowDetailsOfCertificateV2Async(new() { CertificateId = value }));

        // Authenticated (the simulator verifies before it routes), the certificate is looked up and not found: never 401.
        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.NotEqual("APIG.1002", exception.ErrorCode);
    }

    [Fact]
    public async Task HeadersWithSeveralValuesAreSignedAsTheyAreSent()
    {
        using var http = new HttpClient(new ApigSigningHandler(ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey), SimulatorState.DefaultProjectId)
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Simulator.Endpoint, "/v2/0123456789abcdef0123456789abcdef/apigw/certificates?instance_id=i"));
        request.Headers.UserAgent.ParseAdd("MyApp/1.0 (Linux; x64) Extra/2");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/plain; q=0.5");
        request.Headers.TryAddWithoutValidation("X-Custom", ["one", "two"]);

        using var response = await http.SendAsync(request);

        // Verified: the simulator authenticated the call and routed it (the instance is unknown to it: 404 APIG.3030).
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, text);
        Assert.Contains("APIG.3030", text, StringComparison.Ordinal);
        var received = Simulator.Requests[^1];
        Assert.Equal("MyApp/1.0 (Linux; x64) Extra/2", received.Header("User-Agent"));
        Assert.Equal("application/json, text/plain; q=0.5", received.Header("Accept"));
        Assert.Contains("user-agent", received.Header("Authorization"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task ApigSigningHandlerSignaturesVerify(string method, string pathAndQuery, string? body)
    {
        using var http = new HttpClient(new ApigSigningHandler(ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey), SimulatorState.DefaultProjectId) { InnerHandler = new HttpClientHandler() });
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Simulator.Endpoint, pathAndQuery));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // Authentication comes first: anything but 401 APIG.1002 means the signature verified.
        Assert.True(response.StatusCode != HttpStatusCode.Unauthorized, text);
        Assert.DoesNotContain("APIG.1002", text, StringComparison.Ordinal);
        Assert.True((int)response.StatusCode is 200 or 204 or 400 or 404, text);
    }

    [Fact]
    public async Task ATamperedRequestDoesNotVerify()
    {
        var tamper = new TamperingHandler { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(new ApigSigningHandler(ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey)) { InnerHandler = tamper });
        using var response = await http.GetAsync(new Uri(Simulator.Endpoint, "/v2/0123456789abcdef0123456789abcdef/apigw/x?a=1"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signature does not match", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheVerifierAcceptsTheWorkedExample()
    {
        var headers = new Dictionary<string, string>
        {
            ["Host"] = "apig.cn-north-4.myhuaweicloud.com",
            ["X-Sdk-Date"] = "20261128T010203Z",
            ["Authorization"] = "SDK-HMAC-SHA256 Access=AKTESTAKTESTAKTEST12, SignedHeaders=host;x-sdk-date, Signature=36c89f447e900e21473c1e6ea9c62fde491cd1594e702c23e74eeb01623c4faa",
        };
        var body = Encoding.UTF8.GetBytes("{\"domains\":[{\"domain\":\"apigtest.example.com\",\"instance_ids\":[\"f0fa1789-3b76-433b-a787-9892951c620e\"]}]}");
        var result = SignatureVerifier.Verify(
            "POST",
            "/v2/0123456789abcdef0123456789abcdef/apigw/certificates/c0ffee00c0ffee00c0ffee00c0ffee00/domains/attach",
            headers,
            body,
            ak => ak == SimulatorState.DefaultAccessKey ? SimulatorState.DefaultSecretKey : null,
            new DateTimeOffset(2026, 11, 28, 1, 5, 0, TimeSpan.Zero));
        Assert.True(result.Valid, result.Failure);
    }

    [Fact]
    public async Task TokenModeOfTheHandlerAddsTheToken()
    {
        using var http = new HttpClient(new ApigSigningHandler(ApigCredentials.Token(SimulatorState.DefaultToken)) { InnerHandler = new HttpClientHandler() });
        using var response = await http.GetAsync(new Uri(Simulator.Endpoint, "/v2/0123456789abcdef0123456789abcdef/apigw/x"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(SimulatorState.DefaultToken, Simulator.Requests[^1].Header("X-Auth-Token"));
    }

    private sealed class TamperingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(request.RequestUri!.ToString().Replace("a=1", "a=2", StringComparison.Ordinal));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
