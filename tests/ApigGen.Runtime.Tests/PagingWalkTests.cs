using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>The walk behind every generated <c>…AllAsync</c>: which offsets it asks for and when it stops.</summary>
public sealed class PagingWalkTests
{
    private sealed record Page(IReadOnlyList<int>? Items, long? Total, string? RequestId);

    /// <summary>Walks <paramref name="server"/>'s pages, recording the offsets asked for.</summary>
    private static async Task<(List<int> Items, List<long> Offsets)> Walk(Func<long, Page> server, long start, long? limit, bool withTotal)
    {
        var offsets = new List<long>();
        var items = new List<int>();
        await foreach (var item in ApigPaging.WalkAsync(
            "ListThingsV2",
            start,
            limit,
            (offset, token) =>
            {
                offsets.Add(offset);
                return Task.FromResult(server(offset));
            },
            static page => page.Items,
            withTotal ? static page => page.Total : null,
            static page => page.RequestId))
        {
            items.Add(item);
        }

        return (items, offsets);
    }

    /// <summary>Ten items 0..9, served <paramref name="size"/> at a time from the offset asked for.</summary>
    private static Page Ten(long offset, int size) => new(Enumerable.Range((int)offset, (int)Math.Max(0, Math.Min(size, 10 - offset))).ToList(), 10, "r" + offset);

    [Fact]
    public async Task TheOffsetMovesByTheItemsOfEachPageUntilTheTotal()
    {
        var (items, offsets) = await Walk(offset => Ten(offset, 4), 0, null, withTotal: true);
        Assert.Equal(Enumerable.Range(0, 10), items);
        Assert.Equal(new long[] { 0, 4, 8 }, offsets);
    }

    [Fact]
    public async Task AShortPageEndsTheWalkWhenTheRequestSetsALimit()
    {
        var (items, offsets) = await Walk(offset => Ten(offset, 3), 2, 4, withTotal: false);
        Assert.Equal(new[] { 2, 3, 4 }, items);
        Assert.Equal(new long[] { 2 }, offsets);
    }

    [Fact]
    public async Task AnEmptyOrMissingPageEndsTheWalkWithoutATotal()
    {
        var (items, offsets) = await Walk(offset => Ten(offset, 4), 0, null, withTotal: false);
        Assert.Equal(Enumerable.Range(0, 10), items);
        Assert.Equal(new long[] { 0, 4, 8, 10 }, offsets);

        var (none, asked) = await Walk(_ => new Page(null, null, null), 0, 5, withTotal: true);
        Assert.Empty(none);
        Assert.Equal(new long[] { 0 }, asked);
    }

    [Fact]
    public async Task AServerThatIgnoresTheOffsetIsStoppedByTheGuard()
    {
        var exception = await Assert.ThrowsAsync<ApigTransportException>(() => Walk(_ => new Page(new[] { 1, 2 }, null, "rid"), 0, null, withTotal: false));
        Assert.Contains("the page at offset 2 repeats the page at offset 0", exception.Message, StringComparison.Ordinal);
        Assert.Contains("request id: rid", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEnumeratorsTokenReachesEveryPageCall()
    {
        using var cancel = new CancellationTokenSource();
        var seen = new List<CancellationToken>();
        var walk = ApigPaging.WalkAsync<Page, int>("ListThingsV2", 0, null, (offset, token) =>
        {
            seen.Add(token);
            return Task.FromResult(Ten(offset, 5));
        }, static page => page.Items, static page => page.Total, static page => page.RequestId);
        await foreach (var unused in walk.WithCancellation(cancel.Token))
        {
        }

        Assert.Equal(2, seen.Count);
        Assert.All(seen, token => Assert.Equal(cancel.Token, token));
    }
}
