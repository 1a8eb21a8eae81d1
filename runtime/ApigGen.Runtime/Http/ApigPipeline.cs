using System;
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
        new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) },
        disposeHandler: true)
    {
        Timeout = ApigClientOptions.DefaultTimeout,
    });

    private readonly HttpClient _httpClient;
    private readonly ResolvedOptions _options;

    /// <summary>Validates <paramref name="options"/> and creates the pipeline.</summary>
    /// <param name="options">The client options; read once, later changes have no effect.</param>
    /// <param name="httpClient">The client to send with; when null a shared, pooled client is used.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are missing something or contradict each other.</exception>
    public ApigPipeline(ApigClientOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Resolve();
        _httpClient = httpClient ?? SharedClient.Value;
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

    /// <summary>The largest response body read; a larger one is a transport error.</summary>
    public const int MaxResponseBytes = 32 * 1024 * 1024;

    /// <summary>Sends <paramref name="request"/> and reads the whole response.</summary>
    /// <exception cref="InvalidOperationException">A header parameter has a name HttpClient refuses on a request (<c>Content-Language</c>); nothing is sent.</exception>
    /// <exception cref="ApigTransportException">The connection failed or the request timed out.</exception>
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
                System.Buffers.ArrayPool<byte>.Shared.Return(pooled);
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

        CancellationTokenSource? timeoutSource = null;
        var token = cancellationToken;
        if (_options.Timeout is { } timeout && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            token = timeoutSource.Token;
        }

        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            var requestId = ApigResponse.ReadRequestId(response);
            byte[] bytes;
            try
            {
                bytes = await ReadBodyAsync(response, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or System.IO.IOException)
            {
                throw new ApigTransportException(request.OperationId, request.Endpoint, "The connection broke while the response body was read: " + ex.Message, requestId, ex);
            }

            return new ApigResponse(request.OperationId, request.Endpoint, response, requestId, bytes, _options.TimeProvider);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && (timeoutSource?.IsCancellationRequested == true || ex.InnerException is TimeoutException))
        {
            var limit = timeoutSource is not null ? _options.Timeout!.Value : _httpClient.Timeout;
            throw new ApigTransportException(
                request.OperationId,
                request.Endpoint,
                "The request timed out after " + limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s ("
                    + (timeoutSource is not null ? "ApigClientOptions.Timeout" : "HttpClient.Timeout") + ").",
                null,
                new TimeoutException("The APIG request timed out.", ex));
        }
        catch (HttpRequestException ex)
        {
            throw new ApigTransportException(request.OperationId, request.Endpoint, "The request could not be completed: " + ex.Message, null, ex);
        }
        finally
        {
            timeoutSource?.Dispose();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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

        if (length > MaxResponseBytes)
        {
            throw new System.IO.IOException("The response body of " + length + " bytes is larger than " + MaxResponseBytes + " bytes.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (length is { } exact)
            {
                var bytes = new byte[exact];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                return bytes;
            }

            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                var count = 0;
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length >= MaxResponseBytes)
                        {
                            throw new System.IO.IOException("The response body is larger than " + MaxResponseBytes + " bytes.");
                        }

                        var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, count).CopyTo(larger);
                        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return buffer.AsSpan(0, count).ToArray();
                    }

                    count += read;
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
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
