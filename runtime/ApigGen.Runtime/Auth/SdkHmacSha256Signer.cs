using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ApigGen;

/// <summary>
/// SDK-HMAC-SHA256 request signing (Huawei Cloud AK/SK): builds the canonical request, the string to sign and the
/// <c>Authorization</c> header value. Per thread it reuses one string builder, one SHA-256 hasher and the HMAC of the
/// last key, so a signature costs little more than the hashing itself.
/// </summary>
internal static class SdkHmacSha256Signer
{
    public const string Algorithm = "SDK-HMAC-SHA256";
    public const string DateHeader = "X-Sdk-Date";
    public const string ContentSha256Header = "X-Sdk-Content-Sha256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    [ThreadStatic]
    private static StringBuilder? t_builder;

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static string? t_hmacKey;

    /// <summary>Formats a signing date as <c>yyyyMMddTHHmmssZ</c> (UTC).</summary>
    public static string FormatDate(DateTimeOffset now) => now.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Computes the <c>Authorization</c> header value.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="escapedPath">The request path as sent (percent-encoded).</param>
    /// <param name="escapedQuery">The query as sent, without the leading <c>?</c>; may be empty.</param>
    /// <param name="headers">Every header to sign, name and value; names in any case. Must include host and x-sdk-date.</param>
    /// <param name="sdkDate">The <c>X-Sdk-Date</c> value.</param>
    /// <param name="payloadHash">Lower-case hex SHA-256 of the body, or <c>UNSIGNED-PAYLOAD</c>.</param>
    /// <param name="accessKey">The access key.</param>
    /// <param name="secretKey">The secret key.</param>
    public static string Authorize(
        string method,
        ReadOnlySpan<char> escapedPath,
        ReadOnlySpan<char> escapedQuery,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string sdkDate,
        ReadOnlySpan<char> payloadHash,
        string accessKey,
        string secretKey)
    {
        var builder = t_builder ??= new StringBuilder(512);
        builder.Clear();
        var signedHeadersStart = AppendCanonicalRequest(builder, method, escapedPath, escapedQuery, headers, payloadHash, out var signedHeadersLength);

        Span<char> canonicalHash = stackalloc char[64];
        HashCanonical(builder, canonicalHash);

        // String to sign: "SDK-HMAC-SHA256\n{date}\n{hex sha256 of canonical request}".
        Span<byte> toSign = stackalloc byte[Algorithm.Length + 2 + 64 + (sdkDate.Length * 3)];
        var length = Encoding.ASCII.GetBytes(Algorithm, toSign);
        toSign[length++] = (byte)'\n';
        length += Encoding.UTF8.GetBytes(sdkDate, toSign.Slice(length));
        toSign[length++] = (byte)'\n';
        length += Encoding.ASCII.GetBytes(canonicalHash, toSign.Slice(length));

        Span<byte> mac = stackalloc byte[32];
        Hmac(secretKey, toSign.Slice(0, length), mac);
        Span<char> signature = stackalloc char[64];
        Hex(mac, signature);

        var signedHeaders = builder.ToString(signedHeadersStart, signedHeadersLength);
        return string.Concat(Algorithm + " Access=", accessKey, ", SignedHeaders=", signedHeaders) + ", Signature=" + signature.ToString();
    }

    /// <summary>The string to sign (for tests and diagnostics).</summary>
    public static string StringToSign(string sdkDate, string canonicalRequest) =>
        Algorithm + "\n" + sdkDate + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));

    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Lower-case hex SHA-256 of <paramref name="data"/>.</summary>
    public static string HexSha256(ReadOnlySpan<byte> data)
    {
        Span<char> hex = stackalloc char[64];
        HexSha256(data, hex);
        return hex.ToString();
    }

    /// <summary>Writes the lower-case hex SHA-256 of <paramref name="data"/> into 64 characters.</summary>
    public static void HexSha256(ReadOnlySpan<byte> data, Span<char> destination)
    {
        if (data.IsEmpty)
        {
            // Every bodiless request (GET, DELETE) hashes nothing: its hash is a constant.
            EmptyHash.AsSpan().CopyTo(destination);
            return;
        }

        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(data);
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        Hex(hash, destination);
    }

    /// <summary>The canonical request (for tests and diagnostics).</summary>
    public static string CanonicalRequest(
        string method,
        string escapedPath,
        string escapedQuery,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string payloadHash,
        out string signedHeaders)
    {
        var builder = new StringBuilder(256);
        var start = AppendCanonicalRequest(builder, method, escapedPath, escapedQuery, headers, payloadHash, out var length);
        signedHeaders = builder.ToString(start, length);
        return builder.ToString();
    }

    private static int AppendCanonicalRequest(
        StringBuilder builder,
        string method,
        ReadOnlySpan<char> escapedPath,
        ReadOnlySpan<char> escapedQuery,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        ReadOnlySpan<char> payloadHash,
        out int signedHeadersLength)
    {
        var signed = SignedHeaders(headers);
        foreach (var c in method)
        {
            builder.Append(char.ToUpperInvariant(c));
        }

        builder.Append('\n');
        AppendCanonicalPath(builder, escapedPath);
        builder.Append('\n');
        AppendCanonicalQuery(builder, escapedQuery);
        builder.Append('\n');
        foreach (var header in signed)
        {
            builder.Append(header.Key).Append(':').Append(header.Value.AsSpan().Trim()).Append('\n');
        }

        builder.Append('\n');
        var start = builder.Length;
        for (var i = 0; i < signed.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(';');
            }

            builder.Append(signed[i].Key);
        }

        signedHeadersLength = builder.Length - start;
        builder.Append('\n').Append(payloadHash);
        return start;
    }

    /// <summary>Lower-cased, without content-type and names with '_', sorted ordinally. No copy when the input already is.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> SignedHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var ready = true;
        for (var i = 0; i < headers.Count && ready; i++)
        {
            var name = headers[i].Key;
            ready = !Excluded(name) && IsLower(name) && (i == 0 || string.CompareOrdinal(headers[i - 1].Key, name) < 0);
        }

        if (ready)
        {
            return headers;
        }

        var list = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var header in headers)
        {
            if (!Excluded(header.Key))
            {
                list.Add(new KeyValuePair<string, string>(header.Key.ToLowerInvariant(), header.Value));
            }
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;

        static bool Excluded(string name) => name.Contains('_') || name.Equals("content-type", StringComparison.OrdinalIgnoreCase);

        static bool IsLower(string name)
        {
            foreach (var c in name)
            {
                if (c >= 'A' && c <= 'Z')
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static void AppendCanonicalPath(StringBuilder builder, ReadOnlySpan<char> escapedPath)
    {
        // Fast path: a path of unreserved characters and '/' is already in canonical form.
        if (PercentEncoding.IsPlainPath(escapedPath))
        {
            builder.Append(escapedPath);
        }
        else
        {
            // As the reference signer does: decode the whole path first, then split it, so an encoded '/' (%2F) inside a
            // value separates segments in the canonical form just as it does for the gateway.
            var first = true;
            foreach (var segment in Uri.UnescapeDataString(escapedPath.ToString()).Split('/'))
            {
                if (!first)
                {
                    builder.Append('/');
                }

                first = false;
                PercentEncoding.Append(builder, segment);
            }
        }

        if (builder.Length == 0 || builder[builder.Length - 1] != '/')
        {
            builder.Append('/');
        }
    }

    private static void AppendCanonicalQuery(StringBuilder builder, ReadOnlySpan<char> escapedQuery)
    {
        if (escapedQuery.IsEmpty)
        {
            return;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in escapedQuery.ToString().Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=');
            var key = eq < 0 ? part : part.Substring(0, eq);
            var value = eq < 0 ? string.Empty : part.Substring(eq + 1);
            pairs.Add(new KeyValuePair<string, string>(FormDecode(key), FormDecode(value)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });

        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            PercentEncoding.Append(builder, pairs[i].Key);
            builder.Append('=');
            PercentEncoding.Append(builder, pairs[i].Value);
        }
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static void HashCanonical(StringBuilder builder, Span<char> hex)
    {
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> chunk = stackalloc byte[1024];
        foreach (var memory in builder.GetChunks())
        {
            var chars = memory.Span;
            while (!chars.IsEmpty)
            {
                // At most 256 chars per step: 3 UTF-8 bytes each fit the 1 KiB buffer; never split a surrogate pair.
                var take = Math.Min(chars.Length, 256);
                if (take < chars.Length && char.IsHighSurrogate(chars[take - 1]))
                {
                    take--;
                }

                var written = Encoding.UTF8.GetBytes(chars.Slice(0, take), chunk);
                sha.AppendData(chunk.Slice(0, written));
                chars = chars.Slice(take);
            }
        }

        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        Hex(hash, hex);
    }

    private static void Hmac(string secretKey, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (t_hmac is null || !ReferenceEquals(t_hmacKey, secretKey))
        {
            t_hmac?.Dispose();
            t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secretKey));
            t_hmacKey = secretKey;
        }

        t_hmac.AppendData(data);
        t_hmac.GetHashAndReset(destination);
    }

    private static void Hex(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }
    }
}
