using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>Users depend on <see cref="IApigClient"/> and fake it; the paging helpers work on any implementation.</summary>
public sealed class MockingTests
{
    [Fact]
    public async Task AFakeClientStandsInForTheGeneratedOne()
    {
        IApigClient client = NewFake().Client;
        var response = await client.BatchAssociateDomainsV2Async(new BatchAssociateDomainsV2Request
        {
            CertificateId = "c",
            Body = new AttachOrDetachDomainsReqBody { Domains = [] },
        });
        Assert.Equal("fake", response.RequestId);
    }

    [Fact]
    public async Task PagingWalksEveryPageOfAFakeAndStopsAtTotal()
    {
        var fake = NewFake(total: 7);
        var client = fake.Client;
        var names = new List<string>();
        await foreach (var certificate in client.ListCertificatesV2AllAsync(new ListCertificatesV2Request { InstanceId = "i", Limit = 3 }))
        {
            names.Add(certificate.Name!);
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => "cert" + i), names);
        Assert.Equal(new long[] { 0, 3, 6 }, fake.Offsets);
    }

    [Fact]
    public async Task PagingStopsEarlyWhenTheConsumerStopsAndHonoursCancellation()
    {
        var fake = NewFake(total: 1000);
        var client = fake.Client;
        var first = await client.ListCertificatesV2AllAsync(new ListCertificatesV2Request { InstanceId = "i", Limit = 10 }).Take(15).ToListAsync();
        Assert.Equal(15, first.Count);
        Assert.Equal(new long[] { 0, 10 }, fake.Offsets);

        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in client.ListCertificatesV2AllAsync(new ListCertificatesV2Request { InstanceId = "i" }, cancel.Token))
            {
            }
        });
    }

    /// <summary>
    /// Stands in for <see cref="IApigClient"/>: two operations answer, every other one throws. A proxy, so the fake
    /// does not have to name each of the catalogue's operations (reflection is fine in tests, not in product code).
    /// </summary>
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Tests run on the JIT.")]
    private static FakeClient NewFake(long total = 0)
    {
        var fake = (FakeClient)(object)DispatchProxy.Create<IApigClient, FakeClient>();
        fake.Total = total;
        return fake;
    }

    /// <summary>The proxy behind <see cref="NewFake"/>.</summary>
    public class FakeClient : DispatchProxy
    {
        public long Total { get; set; }

        public List<long> Offsets { get; } = new();

        public IApigClient Client => (IApigClient)(object)this;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IApigClient.BatchAssociateDomainsV2Async) =>
                Task.FromResult(new BatchAssociateDomainsV2Response { StatusCode = HttpStatusCode.NoContent, RequestId = "fake" }),
            nameof(IApigClient.ListCertificatesV2Async) => ListCertificates((ListCertificatesV2Request)args![0]!, (CancellationToken)args[1]!),
            _ => throw new NotSupportedException(targetMethod?.Name),
        };

        private Task<ListCertificatesV2Response> ListCertificates(ListCertificatesV2Request request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = request.Offset ?? 0;
            Offsets.Add(offset);
            var limit = request.Limit ?? 20;
            var certs = Enumerable.Range((int)offset, (int)Math.Max(0, Math.Min(limit, Total - offset)))
                .Select(i => new CertBase { Id = "id" + i, Name = "cert" + i })
                .ToList();
            return Task.FromResult(new ListCertificatesV2Response { StatusCode = HttpStatusCode.OK, Size = certs.Count, Total = Total, Certs = certs });
        }
    }
}
