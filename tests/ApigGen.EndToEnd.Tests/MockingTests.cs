using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
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
        IApigClient client = new FakeClient();
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
        var client = new FakeClient { Total = 7 };
        var names = new List<string>();
        await foreach (var certificate in client.ListCertificatesV2AllAsync(new ListCertificatesV2Request { InstanceId = "i", Limit = 3 }))
        {
            names.Add(certificate.Name!);
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => "cert" + i), names);
        Assert.Equal(new long[] { 0, 3, 6 }, client.Offsets);
    }

    [Fact]
    public async Task PagingStopsEarlyWhenTheConsumerStopsAndHonoursCancellation()
    {
        var client = new FakeClient { Total = 1000 };
        var first = await client.ListCertificatesV2AllAsync(new ListCertificatesV2Request { InstanceId = "i", Limit = 10 }).Take(15).ToListAsync();
        Assert.Equal(15, first.Count);
        Assert.Equal(new long[] { 0, 10 }, client.Offsets);

        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in client.ListCertificatesV2AllAsync(new ListCertificatesV2Request { InstanceId = "i" }, cancel.Token))
            {
            }
        });
    }

    private sealed class FakeClient : IApigClient
    {
        public long Total { get; init; }

        public List<long> Offsets { get; } = new();

        public Task<BatchAssociateDomainsV2Response> BatchAssociateDomainsV2Async(BatchAssociateDomainsV2Request request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new BatchAssociateDomainsV2Response { StatusCode = HttpStatusCode.NoContent, RequestId = "fake" });

        public Task<ListCertificatesV2Response> ListCertificatesV2Async(ListCertificatesV2Request request, CancellationToken cancellationToken = default)
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

        public Task<BatchDisassociateDomainsV2Response> BatchDisassociateDomainsV2Async(BatchDisassociateDomainsV2Request request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<CreateCertificateV2Response> CreateCertificateV2Async(CreateCertificateV2Request request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DeleteCertificateV2Response> DeleteCertificateV2Async(DeleteCertificateV2Request request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ListAttachedDomainsV2Response> ListAttachedDomainsV2Async(ListAttachedDomainsV2Request request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ShowDetailsOfCertificateV2Response> ShowDetailsOfCertificateV2Async(ShowDetailsOfCertificateV2Request request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<UpdateCertificateV2Response> UpdateCertificateV2Async(UpdateCertificateV2Request request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
