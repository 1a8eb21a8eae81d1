using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// One client, many concurrent calls on many threads: the per-thread builders, buffers, validators and hashers
/// never mix one request into another, and every signature verifies.
/// </summary>
public sealed class ConcurrencyTests : SimulatorTest
{
    [Fact]
    public async Task ConcurrentCallsKeepTheirOwnPathsBodiesAndSignatures()
    {
        IApigClient signing = SigningClient();
        IApigClient token = TokenClient();
        const int calls = 200;
        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(async () =>
        {
            var client = i % 2 == 0 ? signing : token;
            var certificateId = "cert-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                await client.BatchAssociateDomainsV2Async(new BatchAssociateDomainsV2Request
                {
                    CertificateId = certificateId,
                    Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = "d" + i + ".example.com", InstanceIds = [new string('x', i % 50)] }] },
                });
                return new Outcome(HttpStatusCode.NoContent, null);
            }
            catch (ApigException ex)
            {
                return new Outcome(ex.StatusCode, ex.ErrorCode);
            }
        })));

        // Every call reached the server authenticated; the certificates do not exist, so each is a 404 APIG.3023.
        Assert.All(results, r => Assert.Equal((HttpStatusCode.NotFound, "APIG.3023"), (r.Status, r.Code)));
        Assert.Equal(calls, Simulator.Requests.Count);
        foreach (var request in Simulator.Requests)
        {
            var i = int.Parse(request.RawTarget.Split("/cert-")[1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("{\"domains\":[{\"domain\":\"d" + i + ".example.com\",\"instance_ids\":[\"" + new string('x', i % 50) + "\"]}]}", request.BodyText);
            Assert.Equal(i % 2 == 0, request.Header("Authorization") is not null);
        }
    }

    private sealed record Outcome(HttpStatusCode Status, string? Code);
}
