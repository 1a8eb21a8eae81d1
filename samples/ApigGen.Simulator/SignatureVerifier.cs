using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ApigGen.Simulator;

/// <summary>
/// Verifies SDK-HMAC-SHA256 signatures the way a server does: it rebuilds the canonical request from what arrived
/// (raw target, the headers named in SignedHeaders, the body bytes). Written from the algorithm's description on
/// its own, sharing no code with the runtime's signer, so a bug in one cannot hide in the other.
/// </summary>
public static class SignatureVerifier
{
    /// <summary>The outcome of a verification: the access key, or why it failed.</summary>
    public sealed record Result(bool Valid, string? AccessKey, string? Failure, string? CanonicalRequest);

    /// <summary>The <c>Access</c> field of an SDK-HMAC-SHA256 <c>Authorization</c> header, or null.</summary>
    public static string? AccessKeyOf(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var pair in headers)
        {
            if (string.Equals(pair.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                var start = pair.Value.IndexOf("Access=", StringComparison.Ordinal);
                if (start < 0)
                {
                    return null;
                }

                start += "Access=".Length;
                var end = pair.Value.IndexOf(',', start);
                return (end < 0 ? pair.Value.Substring(start) : pair.Value.Substring(start, end - start)).Trim();
            }
        }

        return null;
    }

    /// <summary>Verifies a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="rawTarget">The request target as sent: path and query, still percent-encoded.</param>
    /// <param name="headers">The request headers (any case).</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="secretKeyOf">Finds the secret key of an access key.</param>
    /// <param name="now">The server's clock, to reject stale dates.</param>
    public static Result Verify(string method, string rawTarget, IReadOnlyDictionary<string, string> headers, byte[] body, Func<string, string?> secretKeyOf, DateTimeOffset now)
    {
        var lower = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in headers)
        {
            lower[pair.Key.ToLowerInvariant()] = pair.Value;
        }

        if (!lower.TryGetValue("authorization", out var authorization) || !authorization.StartsWith("SDK-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return Fail("no SDK-HMAC-SHA256 Authorization header");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in authorization.Substring("SDK-HMAC-SHA256 ".Length).Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq > 0)
            {
                fields[part.Substring(0, eq).Trim()] = part.Substring(eq + 1).Trim();
            }
        }

        if (!fields.TryGetValue("Access", out var accessKey) || !fields.TryGetValue("SignedHeaders", out var signedHeaders) || !fields.TryGetValue("Signature", out var signature))
        {
            return Fail("the Authorization header lacks Access, SignedHeaders or Signature");
        }

        var secretKey = secretKeyOf(accessKey);
        if (secretKey is null)
        {
            return Fail("unknown access key");
        }

        if (!lower.TryGetValue("x-sdk-date", out var date)
            || !DateTimeOffset.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return Fail("missing or malformed X-Sdk-Date");
        }

        if ((now - signedAt).Duration() > TimeSpan.FromMinutes(15))
        {
            return Fail("X-Sdk-Date is more than 15 minutes away from the server's clock");
        }

        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !names.Contains("x-sdk-date"))
        {
            return Fail("host and x-sdk-date must be signed");
        }

        var canonical = new StringBuilder();
        canonical.Append(method.ToUpperInvariant()).Append('\n');
        var questionMark = rawTarget.IndexOf('?');
        var path = questionMark < 0 ? rawTarget : rawTarget.Substring(0, questionMark);
        var query = questionMark < 0 ? string.Empty : rawTarget.Substring(questionMark + 1);

        // The path is decoded whole and then split: an encoded '/' (%2F) in a value separates segments here.
        var segments = Uri.UnescapeDataString(path).Split('/').Select(Encode);
        var canonicalPath = string.Join("/", segments);
        if (!canonicalPath.EndsWith('/'))
        {
            canonicalPath += "/";
        }

        canonical.Append(canonicalPath).Append('\n');

        var pairs = new List<(string Key, string Value)>();
        foreach (var item in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = item.IndexOf('=');
            var key = eq < 0 ? item : item[..eq];
            var value = eq < 0 ? string.Empty : item[(eq + 1)..];
            pairs.Add((Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
        }

        canonical.Append(string.Join("&", pairs
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => Encode(p.Key) + "=" + Encode(p.Value)))).Append('\n');

        foreach (var name in names)
        {
            if (!lower.TryGetValue(name, out var value))
            {
                return Fail("the signed header '" + name + "' was not received");
            }

            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n');
        canonical.Append(lower.TryGetValue("x-sdk-content-sha256", out var declared) && declared == "UNSIGNED-PAYLOAD"
            ? "UNSIGNED-PAYLOAD"
            : Hex(SHA256.HashData(body)));

        var canonicalText = canonical.ToString();
        var stringToSign = "SDK-HMAC-SHA256\n" + date + "\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalText)));
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secretKey));
        var expected = Hex(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
        return valid
            ? new Result(true, accessKey, null, canonicalText)
            : new Result(false, accessKey, "the signature does not match", canonicalText);

        static Result Fail(string why) => new(false, null, why, null);
    }

    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Hex(byte[] bytes)
    {
        var builder = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
