using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ApigGen;

/// <summary>
/// SDK-HMAC-SHA256 request signing (Huawei Cloud AK/SK): builds the canonical request, the string to sign
/// and the <c>Authorization</c> header value.
/// </summary>
internal static class SdkHmacSha256Signer
{
    public const string Algorithm = "SDK-HMAC-SHA256";
    public const string DateHeader = "X-Sdk-Date";
    public const string ContentSha256Header = "X-Sdk-Content-Sha256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

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
        string escapedPath,
        string escapedQuery,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string sdkDate,
        string payloadHash,
        string accessKey,
        string secretKey)
    {
        var canonical = CanonicalRequest(method, escapedPath, escapedQuery, headers, payloadHash, out var signedHeaders);
        var stringToSign = StringToSign(sdkDate, canonical);
        var signature = Sign(secretKey, stringToSign);
        return Algorithm + " Access=" + accessKey + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    public static string StringToSign(string sdkDate, string canonicalRequest) =>
        Algorithm + "\n" + sdkDate + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));

    public static string Sign(string secretKey, string stringToSign)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign));
        return ToLowerHex(mac);
    }

    public static string HexSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return ToLowerHex(hash);
    }

    private static string ToLowerHex(ReadOnlySpan<byte> bytes)
    {
#if NET9_0_OR_GREATER
        return Convert.ToHexStringLower(bytes);
#else
        return Convert.ToHexString(bytes).ToLowerInvariant();
#endif
    }

    public static string CanonicalRequest(
        string method,
        string escapedPath,
        string escapedQuery,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string payloadHash,
        out string signedHeaders)
    {
        var sorted = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var header in headers)
        {
            var name = header.Key.ToLowerInvariant();
            if (name == "content-type" || name.Contains('_'))
            {
                continue;
            }

            sorted.Add(new KeyValuePair<string, string>(name, header.Value.Trim()));
        }

        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        var builder = new StringBuilder(256);
        builder.Append(method.ToUpperInvariant()).Append('\n');
        AppendCanonicalPath(builder, escapedPath);
        builder.Append('\n');
        AppendCanonicalQuery(builder, escapedQuery);
        builder.Append('\n');
        var names = new StringBuilder(64);
        foreach (var header in sorted)
        {
            builder.Append(header.Key).Append(':').Append(header.Value).Append('\n');
            if (names.Length > 0)
            {
                names.Append(';');
            }

            names.Append(header.Key);
        }

        signedHeaders = names.ToString();
        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    private static void AppendCanonicalPath(StringBuilder builder, string escapedPath)
    {
        var segments = escapedPath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }

            PercentEncoding.Append(builder, Uri.UnescapeDataString(segments[i]));
        }

        if (builder[builder.Length - 1] != '/')
        {
            builder.Append('/');
        }
    }

    private static void AppendCanonicalQuery(StringBuilder builder, string escapedQuery)
    {
        if (escapedQuery.Length == 0)
        {
            return;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in escapedQuery.Split('&'))
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
}
