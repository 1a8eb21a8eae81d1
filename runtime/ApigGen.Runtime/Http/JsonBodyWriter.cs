using System;
using System.Buffers;
using System.Text.Json;

namespace ApigGen;

/// <summary>
/// Writes a request's JSON body straight into an array from the shared pool, which <see cref="Finish"/> hands over to
/// the request as it is: the bytes are written once and never copied, and the array is cleared when the call ends.
/// One per <see cref="ApigRequest"/>, reused with it (its <see cref="Utf8JsonWriter"/> too).
/// </summary>
internal sealed class JsonBodyWriter : IBufferWriter<byte>
{
    private const int InitialSize = 512;

    private byte[]? _array;
    private int _written;
    private Utf8JsonWriter? _writer;

    /// <summary>Starts a body in a fresh pooled array.</summary>
    public Utf8JsonWriter Start()
    {
        Abandon();
        _array = ArrayPool<byte>.Shared.Rent(InitialSize);
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(this, ApigJson.WriterOptions);
        }
        else
        {
            _writer.Reset(this);
        }

        return _writer;
    }

    /// <summary>Flushes the writer and hands the array over: the caller owns it, and clears and returns it (<see cref="PooledBuffers.Release"/>).</summary>
    public (byte[] Array, int Length) Finish()
    {
        var array = _array ?? throw new InvalidOperationException("StartJsonBody was not called.");
        _writer!.Flush();
        var body = (array, _written);
        _array = null;
        _written = 0;
        return body;
    }

    /// <summary>Clears and drops a body that was started and never finished (its request failed while it was written).</summary>
    public void Abandon()
    {
        if (_array is { } array)
        {
            _writer?.Reset();
            PooledBuffers.Release(array, _written);
            _array = null;
            _written = 0;
        }
    }

    /// <inheritdoc/>
    public void Advance(int count) => _written += count;

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    private byte[] Reserve(int sizeHint)
    {
        var array = _array ?? throw new InvalidOperationException("StartJsonBody was not called.");
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= array.Length)
        {
            return array;
        }

        var size = (int)Math.Min(Math.Max((long)array.Length * 2, needed), Array.MaxLength);
        var larger = PooledBuffers.Rent(size);
        array.AsSpan(0, _written).CopyTo(larger);
        PooledBuffers.Release(array, _written);
        _array = larger;
        return larger;
    }
}
