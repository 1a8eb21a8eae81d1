using System;

namespace ApigGen;

/// <summary>How a client authenticates to APIG: an IAM token, or an access key pair that signs each request.</summary>
/// <remarks>Secrets never appear in <see cref="object.ToString"/>, exception messages or logs.</remarks>
public abstract class ApigCredentials
{
    private protected ApigCredentials()
    {
    }

    /// <summary>Authenticates with an IAM user token, sent as header <c>X-Auth-Token</c>.</summary>
    /// <param name="token">The token (the <c>X-Subject-Token</c> header of IAM's token response).</param>
    /// <exception cref="ArgumentException">The token is empty, or contains a control character or a non-ASCII character (it could not be sent as a header).</exception>
    public static ApigCredentials Token(string token)
    {
        CheckSecret(token, nameof(token), sent: true);
        return new TokenCredentials(token);
    }

    /// <summary>Signs every request with SDK-HMAC-SHA256, as Huawei's official SDKs do.</summary>
    /// <param name="accessKey">The access key id (AK), sent in <c>Authorization</c>.</param>
    /// <param name="secretKey">The secret access key (SK); never sent.</param>
    /// <param name="securityToken">The security token of temporary credentials, sent as <c>X-Security-Token</c>.</param>
    /// <exception cref="ArgumentException">
    /// A value is empty or contains a control character; or the access key or security token, which are sent as headers,
    /// contain a non-ASCII character.
    /// </exception>
    public static ApigCredentials AccessKey(string accessKey, string secretKey, string? securityToken = null)
    {
        CheckSecret(accessKey, nameof(accessKey), sent: true);
        CheckSecret(secretKey, nameof(secretKey), sent: false);
        if (securityToken is not null)
        {
            CheckSecret(securityToken, nameof(securityToken), sent: true);
        }

        return new AccessKeyCredentials(accessKey, secretKey, securityToken);
    }

    /// <summary>Refuses a value that could not be sent as it is, without ever echoing it (it is a secret).</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="sent">Whether the value travels in a header (then it must be printable ASCII) or only keys the signature.</param>
    private static void CheckSecret(string value, string name, bool sent)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }

        if (value.Trim().Length == 0)
        {
            throw new ArgumentException($"The {name} must not be empty.", name);
        }

        if (HeaderValues.HasLineBreak(value))
        {
            // Never echo the value: it is a secret.
            throw new ArgumentException($"The {name} must not contain a line break (CR or LF).", name);
        }

        var invalid = HeaderValues.FindInvalidHeaderChar(value, allowNonAscii: !sent);
        if (invalid >= 0)
        {
            // The position and the kind of character help find the mistake; the value itself is never shown.
            var what = value[invalid] < 0x80 ? "a control character" : "a non-ASCII character";
            throw new ArgumentException(
                $"The {name} must not contain {what} (found at position {invalid}): " + (sent ? "it is sent as an HTTP header." : "it could not be a key."),
                name);
        }
    }
}

internal sealed class TokenCredentials : ApigCredentials
{
    public TokenCredentials(string token) => Value = token;

    public string Value { get; }

    public override string ToString() => "ApigCredentials.Token(***)";
}

internal sealed class AccessKeyCredentials : ApigCredentials
{
    public AccessKeyCredentials(string accessKey, string secretKey, string? securityToken)
    {
        AccessKeyId = accessKey;
        SecretKey = secretKey;
        SecurityToken = securityToken;
    }

    public string AccessKeyId { get; }

    public string SecretKey { get; }

    public string? SecurityToken { get; }

    public override string ToString() => SecurityToken is null
        ? "ApigCredentials.AccessKey(***, ***)"
        : "ApigCredentials.AccessKey(***, ***, ***)";
}
