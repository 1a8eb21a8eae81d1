using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen;

/// <summary>
/// The body of a binary download as the caller reads it: the HTTP content stream, read-only and forward-only, which
/// disposes the HTTP response (and so frees its connection) when it is disposed.
/// </summary>
internal sealed class ApigResponseStream : Stream
{
    private readonly Stream _inner;
    private readonly HttpResponseMessage _response;
    private int _disposed;

    public ApigResponseStream(Stream inner, HttpResponseMessage response)
    {
        _inner = inner;
        _response = response;
    }

    public override bool CanRead => _disposed == 0;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A download's length is not known in advance; read to the end.");

    public override long Position
    {
        get => throw new NotSupportedException("A download cannot be sought.");
        set => throw new NotSupportedException("A download cannot be sought.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => Inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => Inner.ReadAsync(buffer, cancellationToken);

    public override int ReadByte() => Inner.ReadByte();

    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken) => Inner.CopyToAsync(destination, bufferSize, cancellationToken);

    public override void CopyTo(Stream destination, int bufferSize) => Inner.CopyTo(destination, bufferSize);

    /// <summary>The content stream; a read after disposal fails, whatever the inner stream would do.</summary>
    private Stream Inner
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return _inner;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A download cannot be sought.");

    public override void SetLength(long value) => throw new NotSupportedException("A download is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A download is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _inner.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
            _response.Dispose();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
