using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen;

/// <summary>
/// Reads the temporary credentials of an ECS instance's agency from the metadata service: first a session token
/// (<c>PUT /meta-data/latest/api/token</c>, optional: a service that does not offer one answers 404, 405 or 503), then
/// <c>GET /openstack/latest/securitykey</c>, whose JSON holds <c>credential.access</c>, <c>secret</c>,
/// <c>securitytoken</c> and <c>expires_at</c>. Nothing the service answers is ever put in a message.
/// </summary>
internal sealed class EcsMetadataCredentials
{
    internal const string SessionTokenPath = "/meta-data/latest/api/token";
    internal const string SecurityKeyPath = "/openstack/latest/securitykey";
    internal const string SessionTokenHeader = "X-Metadata-Token";
    internal const string SessionTokenTtlHeader = "X-Metadata-Token-Ttl-Seconds";
    private const string SessionTokenTtlSeconds = "21600";

    /// <summary>The most either answer may hold: the service's answers are a few hundred bytes.</summary>
    internal const int MaxAnswerSize = 64 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _sessionTokenUri;
    private readonly Uri _securityKeyUri;

    private EcsMetadataCredentials(Uri endpoint, TimeSpan timeout)
    {
        // The metadata service is link-local: never through a proxy, never following a redirect elsewhere.
        // Its answers are read whole, so they are bounded: a larger one fails before it is read.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }, disposeHandler: true)
        {
            Timeout = timeout,
            MaxResponseContentBufferSize = MaxAnswerSize,
        };
        var baseAddress = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _sessionTokenUri = new Uri(baseAddress + SessionTokenPath, UriKind.Absolute);
        _securityKeyUri = new Uri(baseAddress + SecurityKeyPath, UriKind.Absolute);
    }

    public static ApigCredentials Create(ApigEcsMetadataOptions options)
    {
        const string prefix = nameof(ApigEcsMetadataOptions) + ".";
        var endpoint = options.Endpoint;
        if (EndpointRule.Problem(endpoint, prefix + nameof(ApigEcsMetadataOptions.Endpoint), "http://169.254.169.254") is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException(prefix + nameof(ApigEcsMetadataOptions.Timeout) + " must be positive and finite.", nameof(options));
        }

        if (options.RefreshBefore < TimeSpan.Zero)
        {
            throw new ArgumentException(prefix + nameof(ApigEcsMetadataOptions.RefreshBefore) + " must not be negative.", nameof(options));
        }

        var reader = new EcsMetadataCredentials(endpoint, options.Timeout);
        return new RefreshingCredentials(
            ApigAuthModes.AccessKey,
            reader.FetchAsync,
            options.RefreshBefore,
            "ApigCredentials.FromEcsMetadata(" + UriOrigin.Show(endpoint) + ")");
    }

    private async ValueTask<(ApigCredentials Value, DateTimeOffset? ExpiresAt)> FetchAsync(CancellationToken cancellationToken)
    {
        var sessionToken = await GetSessionTokenAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, _securityKeyUri);
        if (sessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation(SessionTokenHeader, sessionToken);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The body is not shown: it may be anything, and this message reaches logs.
            throw new InvalidOperationException(
                "The ECS metadata service answered " + (int)response.StatusCode + " to GET " + SecurityKeyPath
                + (response.StatusCode == HttpStatusCode.NotFound ? ": is an agency bound to this ECS instance?" : "."));
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return Parse(body);
    }

    /// <summary>A session token for the metadata service, or null when the service does not use them.</summary>
    private async ValueTask<string?> GetSessionTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, _sessionTokenUri);
        request.Headers.TryAddWithoutValidation(SessionTokenTtlHeader, SessionTokenTtlSeconds);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.ServiceUnavailable)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("The ECS metadata service answered " + (int)response.StatusCode + " to PUT " + SessionTokenPath + ".");
        }

        var token = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        return token.Length == 0 || HeaderValues.FindInvalidHeaderChar(token, allowNonAscii: false) >= 0 ? null : token;
    }

    /// <summary>Reads <c>{"credential": {"access", "secret", "securitytoken", "expires_at"}}</c>.</summary>
    internal static (ApigCredentials Value, DateTimeOffset? ExpiresAt) Parse(ReadOnlySpan<byte> body)
    {
        string? access = null, secret = null, securityToken = null, expiresAt = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Malformed("the answer is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCredential = reader.ValueTextEquals("credential"u8);
                reader.Read();
                if (!isCredential || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    // Compared as JSON text, so an escaped name ("acc\u0065ss") is the same member.
                    var member = reader.ValueTextEquals("access"u8) ? 0
                        : reader.ValueTextEquals("secret"u8) ? 1
                        : reader.ValueTextEquals("securitytoken"u8) ? 2
                        : reader.ValueTextEquals("expires_at"u8) ? 3
                        : -1;
                    reader.Read();
                    if (member < 0 || reader.TokenType != JsonTokenType.String)
                    {
                        reader.Skip();
                        continue;
                    }

                    string? value;
                    try
                    {
                        value = reader.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        // Not valid UTF-8; the reader's own message is not shown either.
                        throw Malformed("a credential value is not valid UTF-8");
                    }

                    switch (member)
                    {
                        case 0: access = value; break;
                        case 1: secret = value; break;
                        case 2: securityToken = value; break;
                        default: expiresAt = value; break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            throw Malformed("the answer is not valid JSON");
        }

        if (access is null || secret is null || securityToken is null || expiresAt is null)
        {
            throw Malformed("credential.access, secret, securitytoken or expires_at is missing");
        }

        if (!DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expiry))
        {
            throw Malformed("credential.expires_at is not a date");
        }

        try
        {
            return (ApigCredentials.AccessKey(access, secret, securityToken), expiry);
        }
        catch (ArgumentException ex)
        {
            // The message names the parameter, never the value.
            throw Malformed(ex.Message);
        }

        static InvalidOperationException Malformed(string what) =>
            new("The ECS metadata service's answer to GET " + SecurityKeyPath + " could not be read: " + what + ".");
    }
}
