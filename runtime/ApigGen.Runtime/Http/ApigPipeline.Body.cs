using System;
using System.Buffers;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen;

/// <summary>Reading response bodies within <see cref="ApigClientOptions.MaxResponseBodySize"/>.</summary>
public sealed partial class ApigPipeline
{
    /// <summary>Bodies announced up to this size get an exact buffer at once; beyond it, memory follows the bytes that arrive.</summary>
    private const int ExactBufferLimit = 64 * 1024;

    /// <summary>Growing body buffers come from the shared pool up to this size; larger ones are left to the GC, so the pool never keeps them.</summary>
    private const int PooledBufferLimit = 1024 * 1024;

    /// <summary>
    /// Reads the body, at most <paramref name="limit"/> bytes. Memory follows the bytes that arrive: a <c>Content-Length</c>
    /// header alone never makes it allocate more than <see cref="ExactBufferLimit"/>.
    /// </summary>
    private static async ValueTask<byte[]> ReadBodyAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        // 204 first: touching Content would create an empty one.
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return Array.Empty<byte>();
        }

        var content = response.Content;
        var length = content.Headers.ContentLength;
        if (length == 0)
        {
            return Array.Empty<byte>();
        }

        if (length > limit)
        {
            throw new ResponseTooLargeException("The response body of " + length + " bytes is larger than " + limit + " bytes (ApigClientOptions.MaxResponseBodySize).");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (length is { } exact && exact <= ExactBufferLimit)
            {
                var bytes = new byte[exact];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                return bytes;
            }

            return await ReadGrowingAsync(stream, limit, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask<byte[]> ReadGrowingAsync(System.IO.Stream stream, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (count > limit)
                    {
                        throw new ResponseTooLargeException("The response body is larger than " + limit + " bytes (ApigClientOptions.MaxResponseBodySize).");
                    }

                    // One byte past the limit is room enough to tell a body of exactly the limit from a larger one.
                    var size = (int)Math.Min((long)buffer.Length * 2, (long)limit + 1);
                    var larger = size <= PooledBufferLimit ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    Release(buffer, count);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (count > limit)
                    {
                        throw new ResponseTooLargeException("The response body is larger than " + limit + " bytes (ApigClientOptions.MaxResponseBodySize).");
                    }

                    return buffer.AsSpan(0, count).ToArray();
                }

                count += read;
            }
        }
        finally
        {
            Release(buffer, count);
        }
    }

    /// <summary>Clears what a body buffer held (answers carry secrets too) and gives a pooled one back; a larger one is left to the GC.</summary>
    private static void Release(byte[] buffer, int count)
    {
        buffer.AsSpan(0, Math.Min(count, buffer.Length)).Clear();
        if (buffer.Length <= PooledBufferLimit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>The answer is larger than <see cref="ApigClientOptions.MaxResponseBodySize"/>: never worth another attempt.</summary>
internal sealed class ResponseTooLargeException(string message) : System.IO.IOException(message);
