using System;
using System.Collections.Generic;
using System.Net.Http;

namespace ApigGen;

/// <summary>What a request's signature covers beyond the credentials: host, path, query, body hash, date and other headers.</summary>
internal readonly ref struct SigningInput
{
    /// <summary>The <c>Host</c> header as sent.</summary>
    public required string Host { get; init; }

    /// <summary>The path as sent (percent-encoded).</summary>
    public required ReadOnlySpan<char> Path { get; init; }

    /// <summary>The query as sent, without <c>?</c>; may be empty.</summary>
    public required ReadOnlySpan<char> Query { get; init; }

    /// <summary>Lower-case hex SHA-256 of the body, or <c>UNSIGNED-PAYLOAD</c>.</summary>
    public required ReadOnlySpan<char> PayloadHash { get; init; }

    /// <summary>The <c>X-Sdk-Date</c> value; added to the message unless it has one (then it is among <see cref="OtherHeaders"/>).</summary>
    public required string Date { get; init; }

    /// <summary>Sent and signed as <c>X-Project-Id</c> unless null or the message has one.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The message's other headers to sign (not <c>Host</c>, not <c>Authorization</c>), as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? OtherHeaders { get; init; }

    /// <summary>
    /// Whether the message may already carry <c>X-Sdk-Date</c>, <c>X-Project-Id</c> or <c>X-Security-Token</c> (a hand-built
    /// request through <see cref="ApigSigningHandler"/>): those are kept as they are and signed with <see cref="OtherHeaders"/>.
    /// </summary>
    public bool KeepExisting { get; init; }
}

/// <summary>
/// The one place where credentials go onto a request, for <see cref="ApigPipeline"/> and <see cref="ApigSigningHandler"/>:
/// a token as <c>X-Auth-Token</c>; access keys as an SDK-HMAC-SHA256 signature with <c>X-Sdk-Date</c>,
/// <c>X-Project-Id</c> and <c>X-Security-Token</c>.
/// </summary>
internal static class ApigAuthentication
{
    public const string TokenHeader = "X-Auth-Token";
    public const string ProjectIdHeader = "X-Project-Id";
    public const string SecurityTokenHeader = "X-Security-Token";
    public const string AuthorizationHeader = "Authorization";

    /// <summary>
    /// The <c>Host</c> header of a request to <paramref name="uri"/>, signed and sent as it is: the host in its ASCII form
    /// (an internationalised name as punycode, an IPv6 address in brackets), with the port unless it is the scheme's default.
    /// </summary>
    public static string HostHeader(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? "[" + uri.IdnHost + "]" : uri.IdnHost;
        return uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Applies a token to a message that has no <c>X-Auth-Token</c> yet: a token needs nothing of the request.</summary>
    public static void ApplyToken(HttpRequestMessage message, TokenCredentials token) =>
        message.Headers.TryAddWithoutValidation(TokenHeader, token.Value);

    /// <summary>Applies <paramref name="current"/> (a resolved <see cref="TokenCredentials"/> or <see cref="AccessKeyCredentials"/>) to <paramref name="message"/>.</summary>
    public static void Apply(HttpRequestMessage message, ApigCredentials current, in SigningInput input)
    {
        var headers = message.Headers;
        switch (current)
        {
            case TokenCredentials token:
                if (input.KeepExisting)
                {
                    headers.Remove(TokenHeader);
                }

                ApplyToken(message, token);
                return;

            case AccessKeyCredentials keys:
                var addDate = !(input.KeepExisting && headers.Contains(SdkHmacSha256Signer.DateHeader));
                var projectId = input.ProjectId is not null && !(input.KeepExisting && headers.Contains(ProjectIdHeader)) ? input.ProjectId : null;
                var securityToken = keys.SecurityToken is not null && !(input.KeepExisting && headers.Contains(SecurityTokenHeader)) ? keys.SecurityToken : null;
                var others = input.OtherHeaders?.Count ?? 0;
                var signed = new KeyValuePair<string, string>[1 + (addDate ? 1 : 0) + (projectId is null ? 0 : 1) + (securityToken is null ? 0 : 1) + others];
                var n = 0;
                signed[n++] = new("host", input.Host);
                if (projectId is not null)
                {
                    signed[n++] = new("x-project-id", projectId);
                }

                if (addDate)
                {
                    signed[n++] = new("x-sdk-date", input.Date);
                }

                if (securityToken is not null)
                {
                    signed[n++] = new("x-security-token", securityToken);
                }

                for (var i = 0; i < others; i++)
                {
                    signed[n++] = input.OtherHeaders![i];
                }

                var authorization = SdkHmacSha256Signer.Authorize(
                    message.Method.Method, input.Path, input.Query, signed, input.Date, input.PayloadHash, keys.AccessKeyId, keys.SecretKey);
                headers.Host = input.Host;
                if (addDate)
                {
                    headers.TryAddWithoutValidation(SdkHmacSha256Signer.DateHeader, input.Date);
                }

                if (projectId is not null)
                {
                    headers.TryAddWithoutValidation(ProjectIdHeader, projectId);
                }

                if (securityToken is not null)
                {
                    headers.TryAddWithoutValidation(SecurityTokenHeader, securityToken);
                }

                if (input.KeepExisting)
                {
                    headers.Remove(AuthorizationHeader);
                }

                headers.TryAddWithoutValidation(AuthorizationHeader, authorization);
                return;

            default:
                throw new InvalidOperationException("Unknown credentials type.");
        }
    }
}
