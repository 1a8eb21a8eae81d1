using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen;

/// <summary>
/// Sends the requests of generated clients: builds the absolute URI from the options, authenticates (token or
/// SDK-HMAC-SHA256 signature), applies the timeout and turns failures into <see cref="ApigException"/> or
/// <see cref="ApigTransportException"/>. Never mutates the <see cref="HttpClient"/> it is given.
/// </summary>
/// <remarks>Infrastructure for generated code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApigPipeline
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(
        new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),

            // A redirect would carry X-Auth-Token, X-Security-Token and the body to whatever address the server names.
            AllowAutoRedirect = false,
        },
        disposeHandler: true)
    {
        // The pipeline times the whole call itself, body included (see SendAsync); HttpClient's timeout stops at the headers.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    });

    /// <summary>Bodies announced up to this size get an exact buffer at once; beyond it, memory follows the bytes that arrive.</summary>
    private const int ExactBufferLimit = 64 * 1024;

    /// <summary>Growing body buffers come from the shared pool up to this size; larger ones are left to the GC, so the pool never keeps them.</summary>
    private const int PooledBufferLimit = 1024 * 1024;

    [ThreadStatic]
    private static CancellationTokenSource? t_timeoutSource;

    private readonly HttpClient _httpClient;
    private readonly ResolvedOptions _options;
    private readonly TimeSpan _timeout;
    private readonly string _timeoutSetting;

    /// <summary>Validates <paramref name="options"/> and creates the pipeline.</summary>
    /// <param name="options">The client options; read once, later changes have no effect.</param>
    /// <param name="httpClient">
    /// The client to send with; when null a shared, pooled client is used that never follows redirects. A client that does
    /// follow them (the default of <see cref="HttpClient"/>) still never yields a redirected answer: the call fails.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are missing something or contradict each other.</exception>
    public ApigPipeline(ApigClientOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Resolve();
        _httpClient = httpClient ?? SharedClient.Value;
        if (_options.Timeout is { } timeout)
        {
            (_timeout, _timeoutSetting) = (timeout, "ApigClientOptions.Timeout");
        }
        else if (httpClient is null)
        {
            (_timeout, _timeoutSetting) = (ApigClientOptions.DefaultTimeout, "the default of ApigClientOptions.Timeout");
        }
        else
        {
            (_timeout, _timeoutSetting) = (httpClient.Timeout, "HttpClient.Timeout");
        }
    }

    /// <summary>Starts a request of <paramref name="operationId"/>, which accepts the credentials of <paramref name="authModes"/>.</summary>
    /// <exception cref="InvalidOperationException">The client's credentials are of a kind the operation does not accept; nothing is sent.</exception>
    public ApigRequest CreateRequest(HttpMethod method, string operationId, ApigAuthModes authModes = ApigAuthModes.Token | ApigAuthModes.AccessKey)
    {
        var mode = _options.Credentials is TokenCredentials ? ApigAuthModes.Token : ApigAuthModes.AccessKey;
        if ((authModes & mode) == 0)
        {
            throw new InvalidOperationException(
                operationId + " accepts only " + (mode == ApigAuthModes.Token ? "AK/SK credentials (ApigCredentials.AccessKey)" : "a token (ApigCredentials.Token)")
                + ", but the client was configured with " + (mode == ApigAuthModes.Token ? "a token" : "an access key") + ". Nothing was sent.");
        }

        return ApigRequest.Rent(method, operationId, _options);
    }

    /// <summary>The default largest response body read (<see cref="ApigClientOptions.DefaultMaxResponseBodySize"/>); a larger one is a transport error.</summary>
    public const int MaxResponseBytes = ApigClientOptions.DefaultMaxResponseBodySize;

    /// <summary>Sends <paramref name="request"/> and reads the whole response.</summary>
    /// <remarks>
    /// One timeout covers the whole call, headers and body: <see cref="ApigClientOptions.Timeout"/>, else the given
    /// client's <see cref="HttpClient.Timeout"/>, else <see cref="ApigClientOptions.DefaultTimeout"/>.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A header parameter has a name HttpClient refuses on a request (<c>Content-Language</c>); nothing is sent.</exception>
    /// <exception cref="ApigTransportException">
    /// The connection failed, the call timed out, the body was larger than <see cref="ApigClientOptions.MaxResponseBodySize"/>,
    /// or the answer came from another address than the endpoint (the <see cref="HttpClient"/> followed a redirect).
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<ApigResponse> SendAsync(ApigRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sealedRequest = request.Seal();
        try
        {
            return await SendAsync(sealedRequest, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (sealedRequest.PooledBody is { } pooled)
            {
                // The body may hold a private key or a password: the next renter of this array must not find it.
                pooled.AsSpan(0, sealedRequest.BodyLength).Clear();
                ArrayPool<byte>.Shared.Return(pooled);
            }
        }
    }

    private async ValueTask<ApigResponse> SendAsync(SealedRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var url = request.Url;
        using var message = new HttpRequestMessage(request.Method, new Uri(url, UriKind.Absolute));
        if (request.Headers is { } parameters)
        {
            foreach (var header in parameters)
            {
                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    // HttpClient refuses some names on a request (Content-Language, Expires, … belong to a body's content
                    // headers); dropping the value silently would send a different request than the caller built.
                    throw new InvalidOperationException(
                        request.OperationId + ": the header parameter '" + header.Key + "' cannot be sent as a request header (HttpClient keeps that name for a body's content headers). Nothing was sent.");
                }
            }
        }

        Authenticate(request, message);
        if (request.PooledBody is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body.AsMemory(0, request.BodyLength));
            message.Content.Headers.TryAddWithoutValidation("Content-Type", HeaderValues.JsonContentType);
        }

        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);

        var timeoutSource = StartTimeout(cancellationToken, out var registration);
        var token = timeoutSource?.Token ?? cancellationToken;
        string? requestId = null;
        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            requestId = ApigResponse.ReadRequestId(response);
            CheckOrigin(request, message.RequestUri, requestId);
            var bytes = await ReadBodyAsync(response, _options.MaxResponseBodySize, token).ConfigureAwait(false);
            return new ApigResponse(request.OperationId, request.Endpoint, response, requestId, bytes, _options.TimeProvider);
        }
        catch (Exception ex) when (ex is not ApigTransportException && !cancellationToken.IsCancellationRequested
            && (timeoutSource?.IsCancellationRequested == true || (ex is OperationCanceledException && ex.InnerException is TimeoutException)))
        {
            throw new ApigTransportException(
                request.OperationId,
                request.Endpoint,
                "The request timed out after " + _timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s ("
                    + _timeoutSetting + ")" + (requestId is null ? "." : ", while the response body was read."),
                requestId,
                new TimeoutException("The APIG request timed out.", ex));
        }
        catch (Exception ex) when (ex is HttpRequestException or System.IO.IOException)
        {
            throw new ApigTransportException(
                request.OperationId,
                request.Endpoint,
                (requestId is null ? "The request could not be completed: " : "The response body could not be read: ") + ex.Message,
                requestId,
                ex);
        }
        finally
        {
            registration.Dispose();
            if (timeoutSource is not null)
            {
                ReturnTimeout(timeoutSource);
            }
        }
    }

    /// <summary>
    /// A token source that cancels after the call's timeout or when the caller cancels; null when the timeout is infinite.
    /// One source per thread is reused (reset after an uncancelled call), so a call costs no timer allocation.
    /// </summary>
    private CancellationTokenSource? StartTimeout(CancellationToken cancellationToken, out CancellationTokenRegistration registration)
    {
        registration = default;
        if (_timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        var source = t_timeoutSource ?? new CancellationTokenSource();
        t_timeoutSource = null;
        source.CancelAfter(_timeout);
        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source);
        }

        return source;
    }

    private static void ReturnTimeout(CancellationTokenSource source)
    {
        if (source.TryReset())
        {
            t_timeoutSource = source;
        }
        else
        {
            source.Dispose();
        }
    }

    /// <summary>
    /// Fails when the answer came from another scheme, host or port than the endpoint's: the caller's <see cref="HttpClient"/>
    /// followed a redirect, so the answer is not the endpoint's (and the credentials may have gone with it).
    /// </summary>
    private void CheckOrigin(in SealedRequest request, Uri? finalUri, string? requestId)
    {
        var origin = _options.Origin;
        if (finalUri is null
            || (string.Equals(finalUri.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(finalUri.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
                && finalUri.Port == origin.Port))
        {
            return;
        }

        throw new ApigTransportException(
            request.OperationId,
            request.Endpoint,
            "The HttpClient followed a redirect from " + origin.GetLeftPart(UriPartial.Authority) + " to " + finalUri.GetLeftPart(UriPartial.Authority)
                + ", so the answer is not the endpoint's and was discarded; the other host may have received the credentials and the body."
                + " Turn redirects off in the client you pass (new SocketsHttpHandler { AllowAutoRedirect = false }, or"
                + " ConfigurePrimaryHttpMessageHandler with it for IHttpClientFactory)",
            requestId);
    }

    /// <summary>
    /// Reads the body, at most <paramref name="limit"/> bytes. Memory follows the bytes that arrive: a <c>Content-Length</c>
    /// header alone never makes it allocate more than <see cref="ExactBufferLimit"/>.
    /// </summary>
    private static async ValueTask<byte[]> ReadBodyAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        // 204 first: touching Content would create an empty one.
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return Array.Empty<byte>();
        }

        var content = response.Content;
        var length = content.Headers.ContentLength;
        if (length == 0)
        {
            return Array.Empty<byte>();
        }

        if (length > limit)
        {
            throw new System.IO.IOException("The response body of " + length + " bytes is larger than " + limit + " bytes (ApigClientOptions.MaxResponseBodySize).");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (length is { } exact && exact <= ExactBufferLimit)
            {
                var bytes = new byte[exact];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                return bytes;
            }

            return await ReadGrowingAsync(stream, limit, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask<byte[]> ReadGrowingAsync(System.IO.Stream stream, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (count > limit)
                    {
                        throw new System.IO.IOException("The response body is larger than " + limit + " bytes (ApigClientOptions.MaxResponseBodySize).");
                    }

                    // One byte past the limit is room enough to tell a body of exactly the limit from a larger one.
                    var size = (int)Math.Min((long)buffer.Length * 2, (long)limit + 1);
                    var larger = size <= PooledBufferLimit ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    Release(buffer, count);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (count > limit)
                    {
                        throw new System.IO.IOException("The response body is larger than " + limit + " bytes (ApigClientOptions.MaxResponseBodySize).");
                    }

                    return buffer.AsSpan(0, count).ToArray();
                }

                count += read;
            }
        }
        finally
        {
            Release(buffer, count);
        }
    }

    /// <summary>Clears what a body buffer held (answers carry secrets too) and gives a pooled one back; a larger one is left to the GC.</summary>
    private static void Release(byte[] buffer, int count)
    {
        buffer.AsSpan(0, Math.Min(count, buffer.Length)).Clear();
        if (buffer.Length <= PooledBufferLimit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Authenticate(in SealedRequest request, HttpRequestMessage message)
    {
        var url = request.Url;
        var pathStart = request.PathStart;
        var queryStart = request.QueryStart;
        switch (_options.Credentials)
        {
            case TokenCredentials token:
                message.Headers.TryAddWithoutValidation("X-Auth-Token", token.Value);
                break;
            case AccessKeyCredentials keys:
                var uri = message.RequestUri!;
                var host = uri.IsDefaultPort ? uri.IdnHost : uri.Authority;
                var date = SdkHmacSha256Signer.FormatDate(_options.TimeProvider.GetUtcNow());
                var headerParameters = request.Headers?.Count ?? 0;
                var headers = new KeyValuePair<string, string>[3 + (keys.SecurityToken is null ? 0 : 1) + headerParameters];
                headers[0] = new("host", host);
                headers[1] = new("x-project-id", _options.ProjectId);
                headers[2] = new("x-sdk-date", date);
                if (keys.SecurityToken is not null)
                {
                    headers[3] = new("x-security-token", keys.SecurityToken);
                }

                for (var i = 0; i < headerParameters; i++)
                {
                    headers[headers.Length - headerParameters + i] = request.Headers![i];
                }

                Span<char> payloadHash = stackalloc char[64];
                SdkHmacSha256Signer.HexSha256(request.Body, payloadHash);

                var pathEnd = queryStart < 0 ? url.Length : queryStart - 1;
                var authorization = SdkHmacSha256Signer.Authorize(
                    request.Method.Method,
                    url.AsSpan(pathStart, pathEnd - pathStart),
                    queryStart < 0 ? ReadOnlySpan<char>.Empty : url.AsSpan(queryStart),
                    headers,
                    date,
                    payloadHash,
                    keys.AccessKeyId,
                    keys.SecretKey);
                message.Headers.Host = host;
                message.Headers.TryAddWithoutValidation(SdkHmacSha256Signer.DateHeader, date);
                message.Headers.TryAddWithoutValidation("X-Project-Id", _options.ProjectId);
                if (keys.SecurityToken is not null)
                {
                    message.Headers.TryAddWithoutValidation("X-Security-Token", keys.SecurityToken);
                }

                message.Headers.TryAddWithoutValidation("Authorization", authorization);
                break;
            default:
                throw new InvalidOperationException("Unknown credentials type.");
        }
    }
}
