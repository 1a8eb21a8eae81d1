using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen;

/// <summary>
/// The walk behind every generated <c>…AllAsync</c> (for generated code, not for calling by hand): asks for page after
/// page, moving the offset by the number of items each page returns, and hands out their items, until a page is empty,
/// the offset reaches the page's <c>total</c>, or a page is shorter than the request's <c>limit</c>. An
/// <see cref="ApigPageGuard{T}"/> keeps it finite against a server that does not page as it says.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApigPaging
{
    /// <summary>Walks the pages of an operation.</summary>
    /// <typeparam name="TPage">The operation's response type.</typeparam>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <param name="operationId">The operation, for the guard's message.</param>
    /// <param name="offset">The first page's offset (the request's, 0 when unset).</param>
    /// <param name="limit">The request's page size, or null when it sets none (or the operation has no limit).</param>
    /// <param name="fetchPage">Calls the operation for the page at an offset.</param>
    /// <param name="items">A page's items (null or empty ends the walk).</param>
    /// <param name="total">A page's total number of items, or null when the operation's response has no total.</param>
    /// <param name="requestId">A page's request id, for the guard's message.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The items of every page, in server order.</returns>
    public static async IAsyncEnumerable<TItem> WalkAsync<TPage, TItem>(
        string operationId,
        long offset,
        long? limit,
        Func<long, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, IReadOnlyList<TItem>?> items,
        Func<TPage, long?>? total,
        Func<TPage, string?> requestId,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(requestId);
        var guard = new ApigPageGuard<TItem>(operationId);
        while (true)
        {
            var page = await fetchPage(offset, cancellationToken).ConfigureAwait(false);
            if (items(page) is not { Count: > 0 } list)
            {
                yield break;
            }

            var pageTotal = total?.Invoke(page);
            guard.Check(list, offset, pageTotal, requestId(page));
            for (var i = 0; i < list.Count; i++)
            {
                yield return list[i];
            }

            offset += list.Count;
            if (pageTotal is { } last && offset >= last)
            {
                yield break;
            }

            if (limit is { } size && list.Count < size)
            {
                yield break;
            }
        }
    }
}
