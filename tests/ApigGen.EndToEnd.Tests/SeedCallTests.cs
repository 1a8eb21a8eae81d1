using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>The generated seed call against the simulator: the wire bytes, both auth modes, every documented status.</summary>
public sealed class SeedCallTests : SimulatorTest
{
    private const string ExpectedBody = "{\"domains\":[{\"domain\":\"apigtest.example.com\",\"instance_ids\":[\"f0fa1789-3b76-433b-a787-9892951c620e\"]}]}";

    [Fact]
    public async Task TokenCallSendsTheDocumentedRequestAndReturnsOn204()
    {
        var response = await TokenClient().BatchAssociateDomainsV2Async(SeedRequest());

        var request = Assert.Single(Simulator.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/0123456789abcdef0123456789abcdef/apigw/certificates/c0ffee00c0ffee00c0ffee00c0ffee00/domains/attach", request.RawTarget);
        Assert.Equal(ExpectedBody, request.BodyText);
        Assert.Equal(SimulatorState.DefaultToken, request.Header("X-Auth-Token"));
        Assert.Equal("application/json;charset=UTF-8", request.Header("Content-Type"));
        Assert.Equal("ApigGen/0.1.0", request.Header("User-Agent"));
        Assert.Equal(Simulator.Endpoint.Authority, request.Header("Host"));
        Assert.Equal(
            new[] { "Content-Length", "Content-Type", "Host", "User-Agent", "X-Auth-Token" },
            request.Headers.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToArray());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(request.RequestId, response.RequestId);
        Assert.Equal(SimulatorState.DefaultCertificateId, Simulator.State.BoundCertificate(SimulatorState.DefaultInstanceIds[0], SimulatorState.DefaultDomain));
        Assert.Null(Simulator.State.BoundCertificate(SimulatorState.DefaultInstanceIds[1], SimulatorState.DefaultDomain));
    }

    [Fact]
    public async Task AkSkCallIsSignedAndVerifiedByTheSimulator()
    {
        var response = await SigningClient(securityToken: "temporary-token").BatchAssociateDomainsV2Async(SeedRequest());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var request = Assert.Single(Simulator.Requests);
        Assert.StartsWith("SDK-HMAC-SHA256 Access=AKTESTAKTESTAKTEST12, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, Signature=", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(SimulatorState.DefaultProjectId, request.Header("X-Project-Id"));
        Assert.Equal("temporary-token", request.Header("X-Security-Token"));
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", request.Header("X-Sdk-Date"));
        Assert.Null(request.Header("X-Auth-Token"));
        Assert.Equal(ExpectedBody, request.BodyText);
    }

    [Fact]
    public async Task WrongSecretKeyIs401WithTheErrorCodeAndRequestId()
    {
        var ex = await Assert.ThrowsAsync<ApigException>(() => SigningClient(secretKey: "WRONGwrongWRONGwrongWRONGwrongWRONGwrong").BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(ApigErrorCodes.IncorrectToken, ex.ErrorCode);
        Assert.Equal(Simulator.Requests.Single().RequestId, ex.RequestId);
        Assert.DoesNotContain("WRONGwrong", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Simulator.Requests.Single().Header("Authorization")!.Split("Signature=")[1], ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status400WhenTheServerRejectsTheBody()
    {
        // An empty list is valid for the spec (which sets no minItems) but APIG rejects it.
        var request = SeedRequest() with { Body = new AttachOrDetachDomainsReqBody { Domains = [] } };
        var ex = await Assert.ThrowsAsync<ApigException>(() => TokenClient().BatchAssociateDomainsV2Async(request));
        Assert.Equal((HttpStatusCode.BadRequest, ApigErrorCodes.InvalidParameterValue), (ex.StatusCode, ex.ErrorCode));
        Assert.Equal("APIG.2012 (400 Bad Request): Invalid parameter value,parameterName:domains. Please refer to the support documentation. Operation: BatchAssociateDomainsV2. Request id: " + ex.RequestId + ".", ex.Message);
    }

    [Fact]
    public async Task Status401ForAnUnknownToken()
    {
        var client = new ApigClient(Options(ApigCredentials.Token("not-a-known-token")));
        var ex = await Assert.ThrowsAsync<ApigException>(() => client.BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.Equal((HttpStatusCode.Unauthorized, "APIG.1002"), (ex.StatusCode, ex.ErrorCode));
        Assert.DoesNotContain("not-a-known-token", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status403ForAnotherProject()
    {
        var options = Options();
        options.ProjectId = "ffffffffffffffffffffffffffffffff";
        var ex = await Assert.ThrowsAsync<ApigException>(() => new ApigClient(options).BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.Equal((HttpStatusCode.Forbidden, ApigErrorCodes.NoPermission), (ex.StatusCode, ex.ErrorCode));
    }

    [Fact]
    public async Task Status404ForAnUnknownDomain()
    {
        var ex = await Assert.ThrowsAsync<ApigException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest(domain: "nowhere.example.com")));
        Assert.Equal((HttpStatusCode.NotFound, ApigErrorCodes.UrlDomainNotFound), (ex.StatusCode, ex.ErrorCode));
        Assert.Equal("APIG.3020 (404 Not Found): The URL domain does not exist. Operation: BatchAssociateDomainsV2. Request id: " + ex.RequestId + ".", ex.Message);
        Assert.Null(Simulator.State.BoundCertificate(SimulatorState.DefaultInstanceIds[0], SimulatorState.DefaultDomain));
    }

    [Fact]
    public async Task Status404ForAnUnknownCertificate()
    {
        var ex = await Assert.ThrowsAsync<ApigException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest(certificateId: "deadbeef")));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("The certificate does not exist", ex.ErrorMessage);
    }

    [Fact]
    public async Task Status500FromTheServer()
    {
        Simulator.Faults.Mode = FaultMode.ServerError;
        var ex = await Assert.ThrowsAsync<ApigException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest()));
        Assert.Equal((HttpStatusCode.InternalServerError, ApigErrorCodes.SystemError, "System error"), (ex.StatusCode, ex.ErrorCode, ex.ErrorMessage));
        Assert.NotNull(ex.RequestId);
    }

    [Fact]
    public async Task PathValuesStayOneSegmentAndCannotRetarget()
    {
        var ex = await Assert.ThrowsAsync<ApigException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest(certificateId: "../../x?y#z %2F+")));
        var request = Assert.Single(Simulator.Requests);
        Assert.Equal("/v2/0123456789abcdef0123456789abcdef/apigw/certificates/..%2F..%2Fx%3Fy%23z%20%252F%2B/domains/attach", request.RawTarget);
        Assert.Equal("The certificate does not exist", ex.ErrorMessage);
    }

    [Fact]
    public async Task UnicodeTravelsAsUtf8()
    {
        var request = SeedRequest(domain: "例子.测试") with { };
        await Assert.ThrowsAsync<ApigException>(() => SigningClient().BatchAssociateDomainsV2Async(request));
        Assert.Contains("\"domain\":\"例子.测试\"", Simulator.Requests.Single().BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHttpClientGivenIsNeverMutatedAndCanServeManyClients()
    {
        using var http = new HttpClient();
        var timeout = http.Timeout;
        var token = TokenClient(http);
        var signing = new ApigClient(Options(ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey)), http);
        await token.BatchAssociateDomainsV2Async(SeedRequest());
        await signing.BatchAssociateDomainsV2Async(SeedRequest());
        Assert.Empty(http.DefaultRequestHeaders);
        Assert.Null(http.BaseAddress);
        Assert.Equal(timeout, http.Timeout);
        Assert.Equal(2, Simulator.Requests.Count);
        Assert.NotNull(Simulator.Requests[0].Header("X-Auth-Token"));
        Assert.Null(Simulator.Requests[1].Header("X-Auth-Token"));
    }
}
