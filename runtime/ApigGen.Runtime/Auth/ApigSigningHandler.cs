using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen;

/// <summary>
/// A <see cref="DelegatingHandler"/> that authenticates any request to APIG, so endpoints without a spec can be
/// called by hand: with AK/SK credentials it signs the request (SDK-HMAC-SHA256, adding <c>X-Sdk-Date</c>,
/// <c>X-Project-Id</c> and <c>X-Security-Token</c> when known); with a token it adds <c>X-Auth-Token</c>.
/// </summary>
/// <remarks>
/// <para>
/// Give it an inner handler that does not follow redirects, such as
/// <c>new SocketsHttpHandler { AllowAutoRedirect = false }</c> (with <c>IHttpClientFactory</c>:
/// <c>ConfigurePrimaryHttpMessageHandler</c>). A handler that follows them sends <c>X-Auth-Token</c>,
/// <c>X-Security-Token</c> and the body to whatever address the server names; only <c>Authorization</c> is dropped.
/// When that happened, this handler throws <see cref="HttpRequestException"/> naming both hosts instead of returning
/// the other host's answer.
/// </para>
/// <para>
/// Every header is signed as it is sent: a header with several values (two <c>Accept</c> values, a <c>User-Agent</c>
/// with a comment) is signed joined the way <see cref="HttpClient"/> writes it on the wire.
/// </para>
/// </remarks>
public sealed class ApigSigningHandler : DelegatingHandler
{
    private readonly ApigCredentials _credentials;
    private readonly string? _projectId;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> or use it with <c>IHttpClientFactory</c>.</summary>
    /// <param name="credentials">The credentials.</param>
    /// <param name="projectId">Sent and signed as <c>X-Project-Id</c> when given.</param>
    /// <param name="timeProvider">The clock for <c>X-Sdk-Date</c>; defaults to the system clock.</param>
    public ApigSigningHandler(ApigCredentials credentials, string? projectId = null, TimeProvider? timeProvider = null)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        if (projectId is not null && HeaderValues.FindInvalidHeaderChar(projectId, allowNonAscii: false) >= 0)
        {
            throw new ArgumentException("The project id must be printable ASCII without line breaks or control characters: it is sent as header X-Project-Id.", nameof(projectId));
        }

        _projectId = projectId;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no RequestUri.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("ApigSigningHandler needs an absolute RequestUri (set HttpClient.BaseAddress or use an absolute URI).");
        }

        var current = await _credentials.GetCurrentAsync(_timeProvider, cancellationToken).ConfigureAwait(false);
        if (current is TokenCredentials)
        {
            ApigAuthentication.Apply(request, current, new SigningInput
            {
                Host = string.Empty,
                Path = default,
                Query = default,
                PayloadHash = default,
                Date = string.Empty,
                KeepExisting = true,
            });
            return Refusal(current, CheckOrigin(uri, await base.SendAsync(request, cancellationToken).ConfigureAwait(false)));
        }

        string payloadHash;
        if (request.Headers.TryGetValues(SdkHmacSha256Signer.ContentSha256Header, out var declared) && string.Join(",", declared) == SdkHmacSha256Signer.UnsignedPayload)
        {
            payloadHash = SdkHmacSha256Signer.UnsignedPayload;
        }
        else
        {
            var bytes = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            payloadHash = SdkHmacSha256Signer.HexSha256(bytes);
        }

        var host = request.Headers.Host ?? ApigAuthentication.HostHeader(uri);
        request.Headers.Host = null;
        request.Headers.Remove(ApigAuthentication.AuthorizationHeader);
        var date = request.Headers.NonValidated.TryGetValues(SdkHmacSha256Signer.DateHeader, out var sentDate)
            ? sentDate.ToString()
            : SdkHmacSha256Signer.FormatDate(_timeProvider.GetUtcNow());
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in request.Headers.NonValidated)
        {
            // HeaderStringValues joins several values with the header's own separator (", " for Accept, " " for
            // User-Agent), exactly as HttpClient writes the header line: the signature covers what is sent.
            headers.Add(new KeyValuePair<string, string>(header.Key, header.Value.ToString()));
        }

        var query = uri.Query.Length > 0 ? uri.Query.Substring(1) : string.Empty;
        ApigAuthentication.Apply(request, current, new SigningInput
        {
            Host = host,
            Path = uri.AbsolutePath,
            Query = query,
            PayloadHash = payloadHash,
            Date = date,
            ProjectId = _projectId,
            OtherHeaders = headers,
            KeepExisting = true,
        });
        return Refusal(current, CheckOrigin(uri, await base.SendAsync(request, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>
    /// A 401 answer: credentials from a source drop the refused value, so the next request asks the source again (the
    /// handler does not repeat the request itself; the client's pipeline does).
    /// </summary>
    private HttpResponseMessage Refusal(ApigCredentials used, HttpResponseMessage response)
    {
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            _credentials.Refused(used, _timeProvider);
        }

        return response;
    }

    /// <summary>
    /// Refuses an answer from another scheme, host or port than the request's: an inner handler followed a redirect, so
    /// the answer is another server's (and the credentials may have gone with it).
    /// </summary>
    private static HttpResponseMessage CheckOrigin(Uri sent, HttpResponseMessage response)
    {
        var final = response.RequestMessage?.RequestUri;
        if (final is null || !final.IsAbsoluteUri || UriOrigin.Same(sent, final))
        {
            return response;
        }

        response.Dispose();
        throw new HttpRequestException(
            "The inner handler followed a redirect from " + UriOrigin.Show(sent) + " to " + UriOrigin.Show(final)
            + "; its answer was discarded, but that host may have received the credentials and the body. Turn redirects off in the inner handler (new SocketsHttpHandler { AllowAutoRedirect = false }).");
    }
}
