using System;

namespace ApigGen;

/// <summary>A token as a provider of <see cref="ApigCredentials.FromTokenProvider"/> hands it out, with when it expires.</summary>
/// <remarks>The token never appears in <see cref="ToString"/>.</remarks>
public sealed class ApigIssuedToken
{
    /// <summary>Creates the value.</summary>
    /// <param name="value">The token (the <c>X-Subject-Token</c> header of IAM's token response).</param>
    /// <param name="expiresAt">When the token expires (IAM's <c>expires_at</c>); null when unknown: then it is asked for on every request.</param>
    /// <exception cref="ArgumentException">The token is empty, or contains a control or non-ASCII character.</exception>
    public ApigIssuedToken(string value, DateTimeOffset? expiresAt)
    {
        ApigCredentials.CheckSecret(value, "token", sent: true);
        Value = value;
        ExpiresAt = expiresAt;
    }

    /// <summary>The token.</summary>
    public string Value { get; }

    /// <summary>When the token expires; null when unknown.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <inheritdoc />
    public override string ToString() => "ApigIssuedToken { Value = ***, ExpiresAt = " + (ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown") + " }";
}

/// <summary>
/// An access key pair, with the security token of temporary credentials, as a provider of
/// <see cref="ApigCredentials.FromAccessKeyProvider"/> hands it out, with when it expires.
/// </summary>
/// <remarks>No key or token ever appears in <see cref="ToString"/>.</remarks>
public sealed class ApigIssuedAccessKey
{
    /// <summary>Creates the value.</summary>
    /// <param name="accessKeyId">The access key id (AK).</param>
    /// <param name="secretKey">The secret access key (SK).</param>
    /// <param name="securityToken">The security token of temporary credentials, sent as <c>X-Security-Token</c>; null for permanent keys.</param>
    /// <param name="expiresAt">When the keys expire; null when unknown: then they are asked for on every request.</param>
    /// <exception cref="ArgumentException">A value is empty or could not be sent (see <see cref="ApigCredentials.AccessKey(string, string, string?)"/>).</exception>
    public ApigIssuedAccessKey(string accessKeyId, string secretKey, string? securityToken, DateTimeOffset? expiresAt)
    {
        ApigCredentials.CheckSecret(accessKeyId, "accessKey", sent: true);
        ApigCredentials.CheckSecret(secretKey, "secretKey", sent: false);
        if (securityToken is not null)
        {
            ApigCredentials.CheckSecret(securityToken, "securityToken", sent: true);
        }

        AccessKeyId = accessKeyId;
        SecretKey = secretKey;
        SecurityToken = securityToken;
        ExpiresAt = expiresAt;
    }

    /// <summary>The access key id.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key.</summary>
    public string SecretKey { get; }

    /// <summary>The security token of temporary credentials; null for permanent keys.</summary>
    public string? SecurityToken { get; }

    /// <summary>When the keys expire; null when unknown.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <inheritdoc />
    public override string ToString() => "ApigIssuedAccessKey { AccessKeyId = ***, SecretKey = ***, SecurityToken = " + (SecurityToken is null ? "none" : "***")
        + ", ExpiresAt = " + (ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown") + " }";
}
