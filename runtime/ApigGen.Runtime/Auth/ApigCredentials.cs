using System;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen;

/// <summary>How a client authenticates to APIG: an IAM token, or an access key pair that signs each request.</summary>
/// <remarks>
/// <para>
/// Fixed credentials (<see cref="Token(string)"/>, <see cref="AccessKey(string, string, string?)"/>) last as long as the
/// client. Credentials that change (<see cref="FromTokenProvider"/>, <see cref="FromAccessKeyProvider"/>,
/// <see cref="FromEcsMetadata"/>) are read for every request, so a rotated token or key takes effect without a new client.
/// </para>
/// <para>Secrets never appear in <see cref="object.ToString"/>, exception messages or logs.</para>
/// </remarks>
public abstract class ApigCredentials
{
    /// <summary>The default of the <c>refreshBefore</c> margin of providers: 5 minutes.</summary>
    public static readonly TimeSpan DefaultRefreshBefore = TimeSpan.FromMinutes(5);

    private protected ApigCredentials()
    {
    }

    /// <summary>Which kind of credentials this yields: <see cref="ApigAuthModes.Token"/> or <see cref="ApigAuthModes.AccessKey"/>.</summary>
    internal abstract ApigAuthModes Mode { get; }

    /// <summary>
    /// The credentials to use for the request about to be sent: a <see cref="TokenCredentials"/> or an
    /// <see cref="AccessKeyCredentials"/>. Completes synchronously, allocating nothing, while a cached value is fresh.
    /// </summary>
    internal abstract ValueTask<ApigCredentials> GetCurrentAsync(TimeProvider timeProvider, CancellationToken cancellationToken);

    /// <summary>
    /// The gateway refused <paramref name="used"/> (401): credentials from a source drop it, so that the next request asks
    /// the source again. True when the next request will not use <paramref name="used"/> as it is (asks the source, or has
    /// a newer value already), which makes repeating the refused request worthwhile; false for fixed credentials.
    /// </summary>
    internal virtual bool Refused(ApigCredentials used, TimeProvider timeProvider) => false;

    /// <summary>
    /// Authenticates with tokens from <paramref name="provider"/>, sent as header <c>X-Auth-Token</c>. A token is kept until
    /// <paramref name="refreshBefore"/> before its <see cref="ApigIssuedToken.ExpiresAt"/> (or half its remaining life when
    /// that is shorter), then the provider is asked again by one request at a time: while the old token is still valid the
    /// other requests go on with it, and once it has expired they wait for the new one. A token without an expiry is asked
    /// for again on every request: return it from a field you replace when it rotates.
    /// </summary>
    /// <param name="provider">Obtains a token, for example from IAM or a secret store.</param>
    /// <param name="refreshBefore">How long before expiry a token is replaced; default <see cref="DefaultRefreshBefore"/>.</param>
    /// <remarks>
    /// <para>
    /// When the provider fails, a token that has not expired yet is still used, and the provider is asked again 30 seconds
    /// later (or when the token expires, if sooner), not on every request; otherwise the call fails with
    /// <see cref="ApigTransportException"/> holding the provider's exception.
    /// </para>
    /// <para>
    /// A token the gateway refuses (401) is dropped and the call repeated once with the provider's next one (unless
    /// retries are off); one the provider gave less than 30 seconds earlier is kept until then.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="refreshBefore"/> is negative.</exception>
    public static ApigCredentials FromTokenProvider(Func<CancellationToken, ValueTask<ApigIssuedToken>> provider, TimeSpan? refreshBefore = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new RefreshingCredentials(
            ApigAuthModes.Token,
            async cancellationToken =>
            {
                var issued = await provider(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The token provider returned null.");
                return (new TokenCredentials(issued.Value), issued.ExpiresAt);
            },
            CheckMargin(refreshBefore),
            "ApigCredentials.FromTokenProvider(…)");
    }

    /// <summary>
    /// Signs every request (SDK-HMAC-SHA256) with keys from <paramref name="provider"/>, such as temporary AK/SK with a
    /// security token. Keys are kept and replaced exactly as tokens are in <see cref="FromTokenProvider"/>.
    /// </summary>
    /// <param name="provider">Obtains the keys, for example from IAM's temporary credentials or a secret store.</param>
    /// <param name="refreshBefore">How long before expiry keys are replaced; default <see cref="DefaultRefreshBefore"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="refreshBefore"/> is negative.</exception>
    public static ApigCredentials FromAccessKeyProvider(Func<CancellationToken, ValueTask<ApigIssuedAccessKey>> provider, TimeSpan? refreshBefore = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new RefreshingCredentials(
            ApigAuthModes.AccessKey,
            async cancellationToken =>
            {
                var issued = await provider(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The access key provider returned null.");
                return (new AccessKeyCredentials(issued.AccessKeyId, issued.SecretKey, issued.SecurityToken), issued.ExpiresAt);
            },
            CheckMargin(refreshBefore),
            "ApigCredentials.FromAccessKeyProvider(…)");
    }

    /// <summary>
    /// Signs every request with the temporary AK/SK and security token of the ECS instance's agency, read from the ECS
    /// metadata service as Huawei's official SDKs read it (<c>/openstack/latest/securitykey</c>, with a metadata session
    /// token when the service offers one), and read again before they expire. Opt-in: nothing else ever calls the
    /// metadata service.
    /// </summary>
    /// <param name="options">Where the service is and how long to wait for it; defaults to <c>http://169.254.169.254</c>.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message names the property).</exception>
    public static ApigCredentials FromEcsMetadata(ApigEcsMetadataOptions? options = null) => EcsMetadataCredentials.Create(options ?? new ApigEcsMetadataOptions());

    private static TimeSpan CheckMargin(TimeSpan? refreshBefore)
    {
        var margin = refreshBefore ?? DefaultRefreshBefore;
        if (margin < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(refreshBefore), "The refresh margin must not be negative.");
        }

        return margin;
    }

    /// <summary>Authenticates with an IAM user token, sent as header <c>X-Auth-Token</c>.</summary>
    /// <param name="token">The token (the <c>X-Subject-Token</c> header of IAM's token response).</param>
    /// <exception cref="ArgumentException">The token is empty, starts or ends with white space, or contains a control character or a non-ASCII character (it could not be sent as a header).</exception>
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
    /// A value is empty, starts or ends with white space, or contains a control character; or the access key or security token, which are sent as headers,
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
    internal static void CheckSecret(string value, string name, bool sent)
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

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[value.Length - 1]))
        {
            // Pasted with a space: a header would carry it into the signature's Authorization, and a secret key would key a
            // different signature, so APIG would refuse the call far from the cause.
            throw new ArgumentException($"The {name} starts or ends with white space; trim it (keys and tokens have none).", name);
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

    internal override ApigAuthModes Mode => ApigAuthModes.Token;

    internal override ValueTask<ApigCredentials> GetCurrentAsync(TimeProvider timeProvider, CancellationToken cancellationToken) => new(this);

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

    internal override ApigAuthModes Mode => ApigAuthModes.AccessKey;

    internal override ValueTask<ApigCredentials> GetCurrentAsync(TimeProvider timeProvider, CancellationToken cancellationToken) => new(this);

    public override string ToString() => SecurityToken is null
        ? "ApigCredentials.AccessKey(***, ***)"
        : "ApigCredentials.AccessKey(***, ***, ***)";
}
