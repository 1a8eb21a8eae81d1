using System;
using System.Collections.Generic;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>The paging loops stop against servers that do not page as they say.</summary>
public sealed class PageGuardTests
{
    private sealed record Item(string Id, IReadOnlyList<string>? Tags = null);

    [Fact]
    public void APageThatRepeatsThePreviousOneStopsTheWalk()
    {
        var guard = new ApigPageGuard<Item>("ListThingsV2");
        guard.Check([new("a"), new("b")], 0, 100_000, "r1");

        var exception = Assert.Throws<ApigTransportException>(() => guard.Check([new("a"), new("b")], 2, 100_000, "r2"));

        Assert.Equal("Stopped walking the pages of ListThingsV2: the page at offset 2 repeats the page at offset 0 (2 items); the server seems to ignore 'offset'. No further page was requested. Operation: ListThingsV2, request id: r2.", exception.Message);
    }

    [Fact]
    public void ItemsHoldingListsCompareByWhatTheyPrint()
    {
        // Record equality compares list members by reference; two pages read from the same JSON still repeat.
        var guard = new ApigPageGuard<Item>("ListThingsV2");
        guard.Check([new("a", ["x"])], 0, null, null);
        Assert.Throws<ApigTransportException>(() => guard.Check([new("a", ["x"])], 1, null, null));
    }

    [Fact]
    public void MorePagesThanTheFirstTotalAllowsStopTheWalk()
    {
        var guard = new ApigPageGuard<Item>("ListThingsV2");
        for (var i = 0; i < 4; i++)
        {
            // 3 items from offset 0: at most 3 pages, and one more for an item added meanwhile.
            guard.Check([new("item" + i)], i, 3 + i, null);
        }

        var exception = Assert.Throws<ApigTransportException>(() => guard.Check([new("item4")], 4, 7, null));
        Assert.Contains("page 5 is more than the first page's total allows (3 items after the starting offset", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnHonestWalkPasses()
    {
        var guard = new ApigPageGuard<Item>("ListThingsV2");
        guard.Check([new("a"), new("b")], 10, 15, null);
        guard.Check([new("c"), new("d")], 12, 15, null);
        guard.Check([new("e")], 14, 15, null);
    }
}
