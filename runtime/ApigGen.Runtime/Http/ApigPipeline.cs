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
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
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

    /// <summary>Starts a request of <paramref name="operationId"/>.</summary>
    public ApigRequest CreateRequest(HttpMethod method, string operationId) => new(method, operationId, _options);

    /// <summary>Sends <paramref name="request"/> and reads the whole response.</summary>
    /// <exception cref="ApigTransportException">The connection failed or the request timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ApigResponse> SendAsync(ApigRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.BuildUri(out var url);
        using var message = new HttpRequestMessage(request.Method, uri);
        var body = request.GetBody();
        if (request.Headers is { } parameters)
        {
            foreach (var header in parameters)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        Authenticate(request, message, uri, body);

        if (body is not null)
        {
            var content = new ReadOnlyMemoryContent(body.Value);
            content.Headers.TryAddWithoutValidation("Content-Type", HeaderValues.JsonContentType);
            message.Content = content;
        }

        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);

        CancellationTokenSource? timeoutSource = null;
        var token = cancellationToken;
        if (_options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(_options.Timeout);
            token = timeoutSource.Token;
        }

        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            var requestId = ApigResponse.ReadRequestId(response);
            byte[] bytes;
            try
            {
                bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or System.IO.IOException)
            {
                throw new ApigTransportException(request.OperationId, url, "The connection broke while the response body was read: " + ex.Message, requestId, ex);
            }

            return new ApigResponse(request.OperationId, url, response, requestId, bytes, _options.TimeProvider);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeoutSource is not null && timeoutSource.IsCancellationRequested)
        {
            throw new ApigTransportException(
                request.OperationId,
                url,
                "The request timed out after " + _options.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s (ApigClientOptions.Timeout).",
                null,
                new TimeoutException("The APIG request timed out.", ex));
        }
        catch (HttpRequestException ex)
        {
            throw new ApigTransportException(request.OperationId, url, "The request could not be completed: " + ex.Message, null, ex);
        }
        finally
        {
            timeoutSource?.Dispose();
        }
    }

    private void Authenticate(ApigRequest request, HttpRequestMessage message, Uri uri, ReadOnlyMemory<byte>? body)
    {
        switch (_options.Credentials)
        {
            case TokenCredentials token:
                message.Headers.TryAddWithoutValidation("X-Auth-Token", token.Value);
                break;
            case AccessKeyCredentials keys:
                var host = uri.Authority;
                var date = SdkHmacSha256Signer.FormatDate(_options.TimeProvider.GetUtcNow());
                var headers = new List<KeyValuePair<string, string>>(4)
                {
                    new("Host", host),
                    new(SdkHmacSha256Signer.DateHeader, date),
                    new("X-Project-Id", _options.ProjectId),
                };
                if (keys.SecurityToken is not null)
                {
                    headers.Add(new("X-Security-Token", keys.SecurityToken));
                }

                var headerParameters = request.Headers?.Count ?? 0;
                for (var i = 0; i < headerParameters; i++)
                {
                    headers.Add(request.Headers![i]);
                }

                var payloadHash = SdkHmacSha256Signer.HexSha256(body is null ? ReadOnlySpan<byte>.Empty : body.Value.Span);
                var authorization = SdkHmacSha256Signer.Authorize(
                    request.Method.Method, uri.AbsolutePath, request.Query, headers, date, payloadHash, keys.AccessKeyId, keys.SecretKey);
                message.Headers.Host = host;
                for (var i = 1; i < headers.Count - headerParameters; i++)
                {
                    message.Headers.TryAddWithoutValidation(headers[i].Key, headers[i].Value);
                }

                message.Headers.TryAddWithoutValidation("Authorization", authorization);
                break;
            default:
                throw new InvalidOperationException("Unknown credentials type.");
        }
    }
}
