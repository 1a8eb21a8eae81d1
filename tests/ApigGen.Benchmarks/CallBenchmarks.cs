using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Benchmarks.Apig;
using BenchmarkDotNet.Attributes;
using Refit;

namespace ApigGen.Benchmarks;

/// <summary>
/// Per-call cost of the seed operation: the generated client (token, AK/SK) against a minimal hand-written
/// HttpClient + System.Text.Json call and Refit, all against the same in-memory handler (no network).
/// </summary>
[MemoryDiagnoser]
public class CallBenchmarks
{
    private const string ProjectId = "0123456789abcdef0123456789abcdef";
    private const string CertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00";
    private static readonly Uri Endpoint = new("https://apig.cn-north-4.myhuaweicloud.com");
    private static readonly byte[] ErrorBody = Encoding.UTF8.GetBytes("{\"error_code\":\"APIG.2012\",\"error_msg\":\"Invalid parameter value,parameterName:domain_id. Please refer to the support documentation\"}");

    // The seed call's signing inputs (shared/reference/apig-signing.md, worked example), with the x-project-id header the client adds.
    private static readonly byte[] SeedBody = Encoding.UTF8.GetBytes("{\"domains\":[{\"domain\":\"apigtest.example.com\",\"instance_ids\":[\"f0fa1789-3b76-433b-a787-9892951c620e\"]}]}");
    private static readonly byte[] SeedCanonicalRequest = Encoding.UTF8.GetBytes(
        "POST\n/v2/0123456789abcdef0123456789abcdef/apigw/certificates/c0ffee00c0ffee00c0ffee00c0ffee00/domains/attach/\n\n"
        + "host:apig.cn-north-4.myhuaweicloud.com\nx-project-id:0123456789abcdef0123456789abcdef\nx-sdk-date:20261128T010203Z\n\n"
        + "host;x-project-id;x-sdk-date\n2aea177ed8591b5877ff2ce74cf837f9b5f84dc56a45c1ead2241d931a6dd6cc");
    private static readonly byte[] SeedStringToSign = Encoding.UTF8.GetBytes("SDK-HMAC-SHA256\n20261128T010203Z\n757ebe4d15ebf6363dcf66bfc1b7882fe096e59f90b0b8f16acf75d17ee13b1f");
    private static readonly byte[] SeedSecretKey = Encoding.UTF8.GetBytes("SKtestSKtestSKtestSKtestSKtestSKtest1234");

    private readonly BatchAssociateDomainsV2Request _request = new()
    {
        CertificateId = CertificateId,
        Body = new AttachOrDetachDomainsReqBody
        {
            Domains = [new AttachOrDetachDomainInfo { Domain = "apigtest.example.com", InstanceIds = ["f0fa1789-3b76-433b-a787-9892951c620e"] }],
        },
    };

    // The seed request to another certificate: GeneratedTokenNewUrl alternates the two, so no call repeats the URL of the one before.
    private readonly BatchAssociateDomainsV2Request _otherRequest = new()
    {
        CertificateId = "c0ffee01c0ffee01c0ffee01c0ffee01",
        Body = new AttachOrDetachDomainsReqBody
        {
            Domains = [new AttachOrDetachDomainInfo { Domain = "apigtest.example.com", InstanceIds = ["f0fa1789-3b76-433b-a787-9892951c620e"] }],
        },
    };

    private bool _other;

    private readonly HandWrittenBody _handWrittenBody = new([new HandWrittenDomain("apigtest.example.com", ["f0fa1789-3b76-433b-a787-9892951c620e"], null)]);

    private StaticHandler _handler = null!;
    private HttpClient _http = null!;
    private ApigClient _token = null!;
    private ApigClient _signing = null!;
    private IRefitApig _refit = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handler = new StaticHandler();
        _http = new HttpClient(_handler);
        _token = new ApigClient(new ApigClientOptions { Endpoint = Endpoint, ProjectId = ProjectId, Credentials = ApigCredentials.Token("token") }, _http);
        _signing = new ApigClient(new ApigClientOptions { Endpoint = Endpoint, ProjectId = ProjectId, Credentials = ApigCredentials.AccessKey("AKTESTAKTESTAKTEST12", "SKtestSKtestSKtestSKtestSKtestSKtest1234") }, _http);
        _refit = RestService.For<IRefitApig>(new HttpClient(_handler) { BaseAddress = Endpoint }, new RefitSettings
        {
            ContentSerializer = new SystemTextJsonContentSerializer(new JsonSerializerOptions { TypeInfoResolver = HandWrittenJson.Default }),
        });
    }

    [Benchmark(Baseline = true)]
    public async Task<HttpStatusCode> HandWritten()
    {
        _handler.Error = false;
        return await HandWrittenCallAsync();
    }

    [Benchmark]
    public async Task<HttpStatusCode> GeneratedToken()
    {
        _handler.Error = false;
        return (await _token.BatchAssociateDomainsV2Async(_request)).StatusCode;
    }

    /// <summary>
    /// The token call with a URL that differs from the last call's every time (two certificates in turn): the cost of a
    /// URL the thread has not just sent, which <see cref="GeneratedToken"/>, repeating one URL, does not pay.
    /// </summary>
    [Benchmark]
    public async Task<HttpStatusCode> GeneratedTokenNewUrl()
    {
        _handler.Error = false;
        _other = !_other;
        return (await _token.BatchAssociateDomainsV2Async(_other ? _otherRequest : _request)).StatusCode;
    }

    [Benchmark]
    public async Task<HttpStatusCode> GeneratedAkSk()
    {
        _handler.Error = false;
        return (await _signing.BatchAssociateDomainsV2Async(_request)).StatusCode;
    }

    [Benchmark]
    public async Task<HttpStatusCode> Refit()
    {
        _handler.Error = false;
        await _refit.Attach(ProjectId, CertificateId, "token", _handWrittenBody);
        return HttpStatusCode.NoContent;
    }

    /// <summary>
    /// The floor of AK/SK signing: the three one-shot hashes the algorithm needs for the seed call (SHA-256 of the body,
    /// SHA-256 of a canonical request of the seed's size, HMAC-SHA256 of the string to sign). Signing's own cost is
    /// <see cref="GeneratedAkSk"/> minus <see cref="GeneratedToken"/>, read against this in the same run.
    /// </summary>
    [Benchmark]
    public int ThreeHashes()
    {
        Span<byte> hash = stackalloc byte[32];
        var written = System.Security.Cryptography.SHA256.HashData(SeedBody, hash);
        written += System.Security.Cryptography.SHA256.HashData(SeedCanonicalRequest, hash);
        written += System.Security.Cryptography.HMACSHA256.HashData(SeedSecretKey, SeedStringToSign, hash);
        return written;
    }

    [Benchmark]
    public async Task<string?> HandWrittenError()
    {
        _handler.Error = true;
        try
        {
            await HandWrittenCallAsync();
            return null;
        }
        catch (HandWrittenApiException e)
        {
            return e.Code;
        }
    }

    [Benchmark]
    public async Task<string?> GeneratedError()
    {
        _handler.Error = true;
        try
        {
            await _token.BatchAssociateDomainsV2Async(_request);
            return null;
        }
        catch (ApigException e)
        {
            return e.ErrorCode;
        }
    }

    [Benchmark]
    public async Task<string?> RefitError()
    {
        _handler.Error = true;
        try
        {
            await _refit.Attach(ProjectId, CertificateId, "token", _handWrittenBody);
            return null;
        }
        catch (ApiException e)
        {
            var error = await e.GetContentAsAsync<HandWrittenError>();
            return error?.ErrorCode;
        }
    }

    /// <summary>What a careful user writes by hand today: escaped URL, STJ source-gen body, error JSON read.</summary>
    private async Task<HttpStatusCode> HandWrittenCallAsync()
    {
        var url = Endpoint + "v2/" + Uri.EscapeDataString(ProjectId) + "/apigw/certificates/" + Uri.EscapeDataString(CertificateId) + "/domains/attach";
        using var message = new HttpRequestMessage(HttpMethod.Post, url);
        message.Headers.TryAddWithoutValidation("X-Auth-Token", "token");
        message.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(_handWrittenBody, HandWrittenJson.Default.HandWrittenBody));
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=UTF-8");
        using var response = await _http.SendAsync(message, CancellationToken.None);
        if (!response.IsSuccessStatusCode)
        {
            var error = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(), HandWrittenJson.Default.HandWrittenError);
            throw new HandWrittenApiException(error?.ErrorCode, error?.ErrorMessage);
        }

        return response.StatusCode;
    }

    private sealed class StaticHandler : HttpMessageHandler
    {
        public bool Error { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = Error
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new ByteArrayContent(ErrorBody) }
                : new HttpResponseMessage(HttpStatusCode.NoContent);
            response.RequestMessage = request;
            response.Headers.TryAddWithoutValidation("X-Request-Id", "0123456789abcdef");
            if (Error)
            {
                response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            return Task.FromResult(response);
        }
    }
}

public interface IRefitApig
{
    [Post("/v2/{projectId}/apigw/certificates/{certificateId}/domains/attach")]
    Task Attach(string projectId, string certificateId, [Header("X-Auth-Token")] string token, [Body] HandWrittenBody body);
}

public sealed record HandWrittenBody([property: JsonPropertyName("domains")] IReadOnlyList<HandWrittenDomain> Domains);

public sealed record HandWrittenDomain(
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("instance_ids"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? InstanceIds,
    [property: JsonPropertyName("verified_client_certificate_enabled"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? VerifiedClientCertificateEnabled);

public sealed record HandWrittenError([property: JsonPropertyName("error_code")] string? ErrorCode, [property: JsonPropertyName("error_msg")] string? ErrorMessage);

public sealed class HandWrittenApiException(string? code, string? message) : Exception(message)
{
    public string? Code { get; } = code;
}

[JsonSerializable(typeof(HandWrittenBody))]
[JsonSerializable(typeof(HandWrittenError))]
public sealed partial class HandWrittenJson : JsonSerializerContext
{
}
