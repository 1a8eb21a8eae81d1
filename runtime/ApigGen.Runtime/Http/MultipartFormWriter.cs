using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen;

/// <summary>
/// Writes a <c>multipart/form-data</c> body (RFC 7578) into one pooled buffer: text fields as UTF-8, file parts with
/// their file name and media type. The whole body is held in memory, within a size limit, so that it can be signed over
/// exactly the bytes sent and sent again unchanged by a retry. The boundary is random, and <see cref="Finish"/> makes
/// sure it occurs nowhere in the content (a new one is drawn in the unlikely case it does).
/// </summary>
internal sealed class MultipartFormWriter : IDisposable
{
    /// <summary>Hex digits after the fixed prefix: 128 random bits.</summary>
    private const int RandomHexLength = 32;

    private const string BoundaryPrefix = "ApigGenBoundary";

    /// <summary>New boundaries drawn at most when one occurs in the content (with 128 random bits, one draw is all it ever takes).</summary>
    private const int MaxBoundaryDraws = 16;

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private readonly int _limit;
    private readonly Func<string> _newBoundary;
    private readonly List<int> _boundaryOffsets = new();
    private string _boundary;
    private byte[]? _buffer;
    private int _count;

    /// <param name="limit">The largest body, in bytes (<see cref="ApigClientOptions.MaxRequestBodySize"/>).</param>
    /// <param name="newBoundary">Tests only: draws a boundary; every boundary it draws must have the same length.</param>
    public MultipartFormWriter(int limit, Func<string>? newBoundary = null)
    {
        _limit = limit;
        _newBoundary = newBoundary ?? RandomBoundary;
        _boundary = _newBoundary();
        _buffer = PooledBuffers.Rent(4096);
    }

    /// <summary>The boundary in use (after <see cref="Finish"/>, the one the body was written with).</summary>
    public string Boundary => _boundary;

    /// <summary>Adds a text field: its value as UTF-8, no part headers but the disposition.</summary>
    public void AddField(string name, string value)
    {
        StartPart(name);
        WriteAscii("\r\n\r\n");
        WriteUtf8(value);
        Write(Crlf);
    }

    /// <summary>Adds a file part, reading <paramref name="file"/>'s stream to its end (the stream is not disposed).</summary>
    /// <exception cref="InvalidOperationException">The body grew past the limit.</exception>
    public async ValueTask AddFileAsync(string name, ApigFile file, CancellationToken cancellationToken)
    {
        StartPart(name);
        WriteAscii("; filename=\"");
        var exact = WriteFileNameFallback(file.FileName);
        WriteAscii("\"");
        if (!exact)
        {
            WriteAscii("; filename*=UTF-8''");
            WriteExtValue(file.FileName);
        }

        WriteAscii("\r\nContent-Type: ");
        WriteAscii(file.ContentType ?? "application/octet-stream");
        WriteAscii("\r\n\r\n");
        var stream = file.Content;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Ensure(16 * 1024);
            var read = await stream.ReadAsync(_buffer.AsMemory(_count), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            _count += read;
            CheckLimit();
        }

        Write(Crlf);
    }

    /// <summary>
    /// Closes the body and hands over its buffer (the caller releases it: <see cref="PooledBuffers.Release"/>) with its length and the
    /// <c>Content-Type</c> header value naming the boundary.
    /// </summary>
    public (byte[] Body, int Length, string ContentType) Finish()
    {
        WriteDelimiter();
        WriteAscii("--\r\n");
        var buffer = _buffer!;
        // The boundary must occur only where it was written: were a file to hold it, a reader would cut the part there.
        var draws = 0;
        while (Occurrences(buffer.AsSpan(0, _count), Encoding.ASCII.GetBytes(_boundary)) != _boundaryOffsets.Count)
        {
            if (++draws > MaxBoundaryDraws)
            {
                throw new InvalidOperationException("No boundary absent from the multipart/form-data body was found. Nothing was sent.");
            }

            var next = _newBoundary();
            if (next.Length != _boundary.Length)
            {
                throw new InvalidOperationException("Every boundary must have the same length.");
            }

            _boundary = next;
            foreach (var offset in _boundaryOffsets)
            {
                Encoding.ASCII.GetBytes(next, buffer.AsSpan(offset));
            }
        }

        _buffer = null;
        return (buffer, _count, "multipart/form-data; boundary=" + _boundary);
    }

    /// <summary>Clears and gives back the buffer when the body was not finished (a read failed or was cancelled).</summary>
    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            PooledBuffers.Release(buffer, _count);
        }
    }

    /// <summary>The delimiter line and the start of a part's <c>Content-Disposition</c>, up to its <c>name</c> parameter.</summary>
    private void StartPart(string name)
    {
        WriteDelimiter();
        WriteAscii("\r\nContent-Disposition: form-data; name=\"");
        WriteQuotedText(name);
        WriteAscii("\"");
    }

    private void WriteDelimiter()
    {
        WriteAscii("--");
        _boundaryOffsets.Add(_count);
        WriteAscii(_boundary);
    }

    /// <summary>
    /// A parameter value inside quotes, as browsers write it (WHATWG): <c>"</c>, CR and LF percent-encoded, the rest as UTF-8.
    /// </summary>
    private void WriteQuotedText(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': WriteAscii("%22"); break;
                case '\r': WriteAscii("%0D"); break;
                case '\n': WriteAscii("%0A"); break;
                default: WriteRune(rune); break;
            }
        }
    }

    /// <summary>
    /// The <c>filename</c> parameter's text: printable ASCII as it is (<c>"</c> as <c>%22</c>), anything else (outside ASCII,
    /// a control character, a backslash, which some readers take for an escape) as <c>_</c>. True when that is the exact name.
    /// </summary>
    private bool WriteFileNameFallback(string fileName)
    {
        var exact = true;
        foreach (var c in fileName)
        {
            if (c == '"')
            {
                WriteAscii("%22");
            }
            else if (c is >= ' ' and < (char)0x7F && c != '\\')
            {
                WriteByte((byte)c);
            }
            else
            {
                WriteByte((byte)'_');
                exact = false;
            }
        }

        return exact;
    }

    /// <summary>An RFC 5987 <c>ext-value</c>'s characters: attr-char as is, every other UTF-8 byte percent-encoded.</summary>
    private void WriteExtValue(string text)
    {
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < length; i++)
            {
                var b = bytes[i];
                if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                    || "!#$&+-.^_`|~"u8.IndexOf(b) >= 0)
                {
                    WriteByte(b);
                }
                else
                {
                    WriteByte((byte)'%');
                    WriteByte((byte)"0123456789ABCDEF"[b >> 4]);
                    WriteByte((byte)"0123456789ABCDEF"[b & 0xF]);
                }
            }
        }
    }

    private void WriteRune(Rune rune)
    {
        Ensure(4);
        _count += rune.EncodeToUtf8(_buffer.AsSpan(_count));
        CheckLimit();
    }

    private void WriteUtf8(string text)
    {
        Ensure(Encoding.UTF8.GetByteCount(text));
        _count += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_count));
        CheckLimit();
    }

    private void WriteAscii(string text)
    {
        Ensure(text.Length);
        _count += Encoding.ASCII.GetBytes(text, _buffer.AsSpan(_count));
        CheckLimit();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
        CheckLimit();
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _buffer![_count++] = value;
        CheckLimit();
    }

    private void CheckLimit()
    {
        if (_count > _limit)
        {
            throw new InvalidOperationException(
                "The multipart/form-data body is larger than " + _limit.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " bytes (ApigClientOptions.MaxRequestBodySize). Nothing was sent.");
        }
    }

    /// <summary>Room for <paramref name="more"/> bytes (never beyond one byte past the limit, which is enough to tell it was passed).</summary>
    private void Ensure(int more)
    {
        var buffer = _buffer ?? throw new InvalidOperationException("The body was already finished.");
        var needed = (long)_count + more;
        if (needed <= buffer.Length)
        {
            return;
        }

        var size = Math.Max(needed, Math.Min((long)buffer.Length * 2, (long)_limit + 1));
        if (size > Array.MaxLength)
        {
            throw new InvalidOperationException("The multipart/form-data body is too large to hold in memory. Nothing was sent.");
        }

        var larger = PooledBuffers.Rent((int)size);
        buffer.AsSpan(0, _count).CopyTo(larger);
        PooledBuffers.Release(buffer, _count);
        _buffer = larger;
    }

    private static int Occurrences(ReadOnlySpan<byte> body, ReadOnlySpan<byte> boundary)
    {
        var count = 0;
        while (body.IndexOf(boundary) is var index and >= 0)
        {
            count++;
            body = body.Slice(index + boundary.Length);
        }

        return count;
    }

    private static string RandomBoundary()
    {
        Span<byte> random = stackalloc byte[RandomHexLength / 2];
        RandomNumberGenerator.Fill(random);
        return BoundaryPrefix + Convert.ToHexString(random);
    }
}
