using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// Whatever a server (or a proxy) sends back, the generated readers either produce a response or throw
/// <see cref="ApigTransportException"/> (2xx) / <see cref="ApigException"/> (errors) — never another exception.
/// </summary>
public sealed class ResponseMutationTests
{
    private const string Noise = "{}[]\",:0-eE.tfn\\ \u00e9";

    private const string ValidList = """
        {"size":2,"total":2,"certs":[{"id":"a","name":"one","type":"global","instance_id":"common","project_id":"p","common_name":"x.example.com","san":["x.example.com","www.x.example.com"],"not_after":"2027-01-01T00:00:00Z","not_before":"2026-01-01T00:00:00Z","create_time":"2026-01-01T00:00:00.000Z","update_time":"2026-01-01T00:00:00.000Z","signature_algorithm":"SHA256-RSA","is_has_trusted_root_ca":false,"algorithm_type":"RSA"},{"id":"b","name":"two"}]}
        """;

    [Fact]
    public async Task MutatedListBodiesParseOrFailAsTransportErrors()
    {
        var random = new Random(20261128);
        var parsed = 0;
        var refused = 0;
        for (var i = 0; i < 400; i++)
        {
            var body = Mutate(ValidList, random);
            var client = Client(HttpStatusCode.OK, body);
            try
            {
                var response = await client.ListCertificatesV2Async(new ListCertificatesV2Request { InstanceId = "i" });
                Assert.NotNull(response);
                parsed++;
            }
            catch (ApigTransportException ex)
            {
                Assert.Equal("ListCertificatesV2", ex.OperationId);
                Assert.Equal("req-1", ex.RequestId);
                refused++;
            }
        }

        // Both outcomes happened, so both paths were exercised.
        Assert.True(parsed > 0 && refused > 0, $"parsed {parsed}, refused {refused}");
    }

    [Fact]
    public async Task MutatedErrorBodiesAlwaysBecomeApigExceptions()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var body = Mutate("{\"error_code\":\"APIG.2012\",\"error_msg\":\"Invalid parameter value,parameterName:limit\"}", random);
            var ex = await Assert.ThrowsAsync<ApigException>(() => Client(HttpStatusCode.BadRequest, body).ListCertificatesV2Async(new ListCertificatesV2Request { InstanceId = "i" }));
            Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
            Assert.True(ex.BodyExcerpt is null || ex.BodyExcerpt.Length <= ApigException.MaxBodyExcerptLength);
        }
    }

    private static ApigClient Client(HttpStatusCode status, string body) => new(
        new ApigClientOptions { Endpoint = new Uri("http://127.0.0.1:9"), ProjectId = "p", Credentials = ApigCredentials.Token("t") },
        new HttpClient(new FixedHandler(status, body)));

    private static string Mutate(string json, Random random)
    {
        var builder = new StringBuilder(json);
        for (var n = 1 + random.Next(3); n > 0 && builder.Length > 0; n--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(5))
            {
                case 0:
                    builder.Remove(at, 1);
                    break;
                case 1:
                    builder.Insert(at, Noise[random.Next(Noise.Length)]);
                    break;
                case 2:
                    builder.Length = at; // truncate
                    break;
                case 3:
                    builder.Insert(at, "null");
                    break;
                default:
                    builder[at] = (char)random.Next(32, 127);
                    break;
            }
        }

        return builder.ToString();
    }

    private sealed class FixedHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
            response.Headers.TryAddWithoutValidation("X-Request-Id", "req-1");
            return Task.FromResult(response);
        }
    }
}
