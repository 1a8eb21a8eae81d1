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
    /// <exception cref="ArgumentException">The token is empty or contains a line break.</exception>
    public static ApigCredentials Token(string token)
    {
        CheckSecret(token, nameof(token));
        return new TokenCredentials(token);
    }

    /// <summary>Signs every request with SDK-HMAC-SHA256, as Huawei's official SDKs do.</summary>
    /// <param name="accessKey">The access key id (AK), sent in <c>Authorization</c>.</param>
    /// <param name="secretKey">The secret access key (SK); never sent.</param>
    /// <param name="securityToken">The security token of temporary credentials, sent as <c>X-Security-Token</c>.</param>
    /// <exception cref="ArgumentException">A value is empty or contains a line break.</exception>
    public static ApigCredentials AccessKey(string accessKey, string secretKey, string? securityToken = null)
    {
        CheckSecret(accessKey, nameof(accessKey));
        CheckSecret(secretKey, nameof(secretKey));
        if (securityToken is not null)
        {
            CheckSecret(securityToken, nameof(securityToken));
        }

        return new AccessKeyCredentials(accessKey, secretKey, securityToken);
    }

    private static void CheckSecret(string value, string name)
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
