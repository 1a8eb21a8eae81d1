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

    /// <summary>
    /// Reads the body, at most <paramref name="limit"/> bytes, under the call's timeout (its token is taken only when there
    /// is a body to read). Memory follows the bytes that arrive: a <c>Content-Length</c> header alone never makes it
    /// allocate more than <see cref="ExactBufferLimit"/>.
    /// </summary>
    private ValueTask<byte[]> ReadBodyAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken, ref CallTimeout timeout)
    {
        // 204 first: touching Content would create an empty one. An answer without a body needs no state machine.
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return new ValueTask<byte[]>(Array.Empty<byte>());
        }

        var content = response.Content;
        var length = content.Headers.ContentLength;
        if (length == 0)
        {
            return new ValueTask<byte[]>(Array.Empty<byte>());
        }

        if (length > limit)
        {
            return ValueTask.FromException<byte[]>(
                new ResponseTooLargeException("The response body of " + length + " bytes is larger than " + limit + " bytes (ApigClientOptions.MaxResponseBodySize)."));
        }

        return ReadContentAsync(content, length, limit, Token(ref timeout, cancellationToken));
    }

    private static async ValueTask<byte[]> ReadContentAsync(HttpContent content, long? length, int limit, CancellationToken cancellationToken)
    {
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
                    var larger = PooledBuffers.Rent(size);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    PooledBuffers.Release(buffer, count);
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
            PooledBuffers.Release(buffer, count);
        }
    }
}

/// <summary>The answer is larger than <see cref="ApigClientOptions.MaxResponseBodySize"/>: never worth another attempt.</summary>
internal sealed class ResponseTooLargeException(string message) : System.IO.IOException(message);
