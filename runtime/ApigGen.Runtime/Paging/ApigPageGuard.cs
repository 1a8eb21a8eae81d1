using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;

namespace ApigGen;

/// <summary>
/// Keeps a generated paging loop (<c>…AllAsync</c>) finite against a server that does not page as it says: it stops the
/// walk with an <see cref="ApigTransportException"/> when a page repeats the previous one (a server that ignores
/// <c>offset</c>) or when there are more pages than the first page's <c>total</c> allows.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>Infrastructure for generated code; one instance per walk.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApigPageGuard<T>
{
    private readonly string _operationId;
    private long? _pageLimit;
    private int _pages;
    private IReadOnlyList<T>? _previous;
    private long _previousOffset;

    /// <summary>Starts guarding a walk of <paramref name="operationId"/>.</summary>
    /// <param name="operationId">The operation, for the message.</param>
    public ApigPageGuard(string operationId) => _operationId = operationId ?? throw new ArgumentNullException(nameof(operationId));

    /// <summary>Checks a non-empty page before its items are handed out.</summary>
    /// <param name="items">The page's items.</param>
    /// <param name="offset">The offset the page was asked for.</param>
    /// <param name="total">The page's <c>total</c>, when it has one.</param>
    /// <param name="requestId">The page's request id, for the message.</param>
    /// <exception cref="ApigTransportException">The page repeats the previous one, or there are more pages than <c>total</c> allows.</exception>
    public void Check(IReadOnlyList<T> items, long offset, long? total, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(items);
        _pages++;
        if (_pages == 1 && total is { } first)
        {
            // Every page holds at least one item, so an honest server needs at most (total - offset) pages; one more
            // is allowed for an item added during the walk.
            _pageLimit = Math.Max(first - offset, 0) + 1;
        }

        if (_previous is { } previous && SameItems(previous, items))
        {
            throw Stop(
                "the page at offset " + offset.ToString(CultureInfo.InvariantCulture) + " repeats the page at offset "
                    + _previousOffset.ToString(CultureInfo.InvariantCulture) + " (" + items.Count.ToString(CultureInfo.InvariantCulture)
                    + " items); the server seems to ignore 'offset'",
                requestId);
        }

        if (_pageLimit is { } limit && _pages > limit)
        {
            throw Stop(
                "page " + _pages.ToString(CultureInfo.InvariantCulture) + " is more than the first page's total allows ("
                    + (limit - 1).ToString(CultureInfo.InvariantCulture) + " items after the starting offset, at least one a page)",
                requestId);
        }

        _previous = items;
        _previousOffset = offset;
    }

    /// <summary>
    /// Whether two pages hold the same items: same count, and the same first and last item. Items compare by value; a
    /// record holding lists compares those by reference, so its printed form (same scalar members) decides instead.
    /// </summary>
    private static bool SameItems(IReadOnlyList<T> previous, IReadOnlyList<T> current) =>
        previous.Count == current.Count && Same(previous[0], current[0]) && Same(previous[previous.Count - 1], current[current.Count - 1]);

    private static bool Same(T a, T b) =>
        EqualityComparer<T>.Default.Equals(a, b) || (a is not null && b is not null && string.Equals(a.ToString(), b.ToString(), StringComparison.Ordinal));

    private ApigTransportException Stop(string why, string? requestId) =>
        new(_operationId, "Stopped walking the pages of " + _operationId + ": " + why + ". No further page was requested", requestId);
}
