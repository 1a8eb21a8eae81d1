using System;
using System.Buffers;
using System.Text;

namespace ApigGen;

/// <summary>
/// Percent-encoding over UTF-8 bytes that keeps only the unreserved characters <c>A-Z a-z 0-9 - _ . ~</c>
/// and writes upper-case hex: the form the signature's canonical request uses, so what is sent is what is signed.
/// </summary>
internal static class PercentEncoding
{
    private const string Hex = "0123456789ABCDEF";
    private const string UnreservedChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";

    // Vectorised searches: ids and paths are almost always unreserved throughout, so the common case is one scan.
    private static readonly SearchValues<char> Unreserved = SearchValues.Create(UnreservedChars);
    private static readonly SearchValues<char> UnreservedOrSlash = SearchValues.Create(UnreservedChars + "/");

    public static bool IsUnreserved(char c) => Unreserved.Contains(c);

    /// <summary>True when <paramref name="path"/> holds only unreserved characters and <c>/</c>: already canonical.</summary>
    public static bool IsPlainPath(ReadOnlySpan<char> path) => path.IndexOfAnyExcept(UnreservedOrSlash) < 0;

    /// <summary><paramref name="value"/> percent-encoded; the same string when it holds only unreserved characters.</summary>
    public static string Encode(string value)
    {
        if (value.AsSpan().IndexOfAnyExcept(Unreserved) < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length * 3);
        Append(builder, value);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, string value)
    {
        var firstReserved = value.AsSpan().IndexOfAnyExcept(Unreserved);
        if (firstReserved < 0)
        {
            builder.Append(value);
            return;
        }

        builder.Append(value, 0, firstReserved);
        var rest = value.AsSpan(firstReserved);
        var max = Encoding.UTF8.GetMaxByteCount(rest.Length);
        byte[]? rented = null;
        Span<byte> bytes = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var count = Encoding.UTF8.GetBytes(rest, bytes);
            foreach (var b in bytes.Slice(0, count))
            {
                if (b < 0x80 && IsUnreserved((char)b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
