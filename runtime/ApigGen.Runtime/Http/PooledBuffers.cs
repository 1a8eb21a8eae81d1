using System;
using System.Buffers;

namespace ApigGen;

/// <summary>The one rule for byte arrays that held a body (requests and answers carry secrets): cleared before they go back, and large ones never kept.</summary>
internal static class PooledBuffers
{
    /// <summary>Arrays up to this size come from and go back to the shared pool; larger ones are left to the GC, so the pool never keeps them.</summary>
    public const int Limit = 1024 * 1024;

    /// <summary>An array of at least <paramref name="size"/> bytes: pooled up to <see cref="Limit"/>, else a fresh one.</summary>
    public static byte[] Rent(int size) => size <= Limit ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);

    /// <summary>Clears the first <paramref name="length"/> bytes and gives a pooled-size array back to the shared pool.</summary>
    public static void Release(byte[] array, int length)
    {
        array.AsSpan(0, Math.Min(length, array.Length)).Clear();
        if (array.Length <= Limit)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
