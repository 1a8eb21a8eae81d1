using System;
using System.Buffers;
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace ApigGen;

/// <summary>
/// Sends the requests of generated clients: builds the absolute URI from the options, authenticates (token or
/// SDK-HMAC-SHA256 signature) every attempt afresh, repeats transient failures (<see cref="ApigClientOptions.Retry"/>),
/// applies the timeout to the whole call, traces, measures and logs it, and turns failures into
/// <see cref="ApigException"/> or <see cref="ApigTransportException"/>. Never mutates the <see cref="HttpClient"/> it is given.
/// </summary>
/// <remarks>Infrastructure for generated code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class ApigPipeline
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

    private readonly HttpClient _httpClient;
    private readonly ResolvedOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly bool _systemClock;
    private readonly RetryPolicy _retry;
    private readonly ILogger? _logger;
    private readonly TimeSpan _timeout;
    private readonly string _timeoutSetting;

    /// <summary>
    /// The HttpClient's own timeout ends a send no later than the call's timeout would (measured from the same moment), so
    /// a first send that nothing waited before needs no token of ours (see SendAsync).
    /// </summary>
    private readonly bool _clientTimeoutBoundsSend;

    /// <summary>The credentials are a token or a fixed key pair, resolved once: an attempt has nothing to fetch.</summary>
    private readonly bool _staticCredentials;

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
        _timeProvider = _options.TimeProvider;
        _systemClock = ReferenceEquals(_timeProvider, TimeProvider.System);
        _retry = _options.Retry;
        _logger = _options.LoggerFactory?.CreateLogger(ApigLog.Category);
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

        _staticCredentials = _options.Credentials is TokenCredentials or AccessKeyCredentials;
        _clientTimeoutBoundsSend = _systemClock && httpClient is not null && httpClient.Timeout != System.Threading.Timeout.InfiniteTimeSpan
            && httpClient.Timeout <= _timeout;
    }

    /// <summary>Starts a request of <paramref name="operationId"/>, which accepts the credentials of <paramref name="authModes"/>.</summary>
    /// <remarks>A POST or PATCH made this way is never repeated; GET, HEAD, PUT and DELETE are (see <see cref="ApigClientOptions.Retry"/>).</remarks>
    /// <exception cref="InvalidOperationException">The client's credentials are of a kind the operation does not accept; nothing is sent.</exception>
    public ApigRequest CreateRequest(HttpMethod method, string operationId, ApigAuthModes authModes = ApigAuthModes.Token | ApigAuthModes.AccessKey) =>
        CreateRequest(method, operationId, authModes, idempotent: false);

    /// <summary>
    /// Starts a request of <paramref name="operationId"/>, which accepts the credentials of <paramref name="authModes"/>;
    /// <paramref name="idempotent"/> says whether repeating it is harmless (the spec's <c>idempotent: true</c>), which lets a
    /// POST or PATCH be retried.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client's credentials are of a kind the operation does not accept; nothing is sent.</exception>
    public ApigRequest CreateRequest(HttpMethod method, string operationId, ApigAuthModes authModes, bool idempotent)
    {
        var mode = _options.Credentials.Mode;
        if ((authModes & mode) == 0)
        {
            throw new InvalidOperationException(
                operationId + " accepts only " + (mode == ApigAuthModes.Token ? "AK/SK credentials (ApigCredentials.AccessKey)" : "a token (ApigCredentials.Token)")
                + ", but the client was configured with " + (mode == ApigAuthModes.Token ? "a token" : "an access key") + ". Nothing was sent.");
        }

        return ApigRequest.Rent(method, operationId, _options, idempotent);
    }

    /// <summary>Sends <paramref name="request"/>, repeating it after a transient failure, and reads the whole response.</summary>
    /// <remarks>
    /// One timeout covers the whole call, headers, body, retries and the waits between them: <see cref="ApigClientOptions.Timeout"/>,
    /// else the given client's <see cref="HttpClient.Timeout"/>, else <see cref="ApigClientOptions.DefaultTimeout"/>.
    /// An error answer that retries did not cure is returned (the caller turns it into <see cref="ApigException"/>).
    /// </remarks>
    /// <exception cref="InvalidOperationException">A header parameter has a name HttpClient refuses on a request (<c>Content-Language</c>); nothing is sent.</exception>
    /// <exception cref="ApigTransportException">
    /// The connection failed, the call timed out, the body was larger than <see cref="ApigClientOptions.MaxResponseBodySize"/>,
    /// the answer came from another address than the endpoint (the <see cref="HttpClient"/> followed a redirect), or the
    /// credentials could not be obtained.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<ApigResponse> SendAsync(ApigRequest request, CancellationToken cancellationToken) =>
        SendCoreAsync(Seal(request), streaming: false, cancellationToken);

    /// <summary>
    /// Sends <paramref name="request"/> like <see cref="SendAsync(ApigRequest, CancellationToken)"/> and finishes the call:
    /// a success answer is turned into the operation's result by <paramref name="readSuccess"/> (a static lambda: no
    /// closure per call), an error answer into an <see cref="ApigException"/> (<see cref="ApigResponse.CreateException"/>).
    /// </summary>
    /// <typeparam name="T">The operation's result.</typeparam>
    /// <param name="request">The request, built; it is sealed at once (nothing may use it afterwards).</param>
    /// <param name="readSuccess">Reads the result from a success answer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ApigException">The API answered with an error status.</exception>
    /// <exception cref="ApigTransportException">As for <see cref="SendAsync(ApigRequest, CancellationToken)"/>, or the success answer could not be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<T> SendAsync<T>(ApigRequest request, Func<ApigResponse, T> readSuccess, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readSuccess);
        return Finish(SendCoreAsync(Seal(request), streaming: false, cancellationToken), streaming: false, readSuccess, readBody: null);
    }

    /// <summary>
    /// Sends <paramref name="request"/> like <see cref="SendAsync{T}(ApigRequest, Func{ApigResponse, T}, CancellationToken)"/>,
    /// the result of a success answer being its JSON body, read by <paramref name="readBody"/> as
    /// <see cref="ApigResponseReader.Read{T}(ApigResponse, ApigBodyReader{T})"/> does.
    /// </summary>
    /// <typeparam name="T">The operation's result.</typeparam>
    /// <param name="request">The request, built; it is sealed at once (nothing may use it afterwards).</param>
    /// <param name="readBody">Reads the result from the body's JSON value (a static lambda: no closure per call).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ApigException">The API answered with an error status.</exception>
    /// <exception cref="ApigTransportException">As for <see cref="SendAsync(ApigRequest, CancellationToken)"/>, or the body is not the JSON the spec describes.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<T> SendAsync<T>(ApigRequest request, ApigBodyReader<T> readBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readBody);
        return Finish(SendCoreAsync(Seal(request), streaming: false, cancellationToken), streaming: false, readSuccess: null, readBody);
    }

    /// <summary>
    /// Sends <paramref name="request"/> like <see cref="SendAsync(ApigRequest, CancellationToken)"/>, but a success answer's
    /// body is not read: <see cref="ApigResponse.TakeContent"/> hands it over as a stream the caller reads and disposes. An
    /// error answer is read whole (within <see cref="ApigClientOptions.MaxResponseBodySize"/>) as usual.
    /// </summary>
    /// <remarks>
    /// The call's timeout and retries end when the success answer's headers arrive: reading the stream is bounded only by
    /// the caller's own cancellation, and <see cref="ApigClientOptions.MaxResponseBodySize"/> does not apply to it. A
    /// failure while the caller reads surfaces as the stream's own <see cref="System.IO.IOException"/>, never as a retry.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A header parameter has a name HttpClient refuses on a request; nothing is sent.</exception>
    /// <exception cref="ApigTransportException">As for <see cref="SendAsync(ApigRequest, CancellationToken)"/>, up to the success answer's headers.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<ApigResponse> SendStreamingAsync(ApigRequest request, CancellationToken cancellationToken) =>
        SendCoreAsync(Seal(request), streaming: true, cancellationToken);

    /// <summary>
    /// Sends <paramref name="request"/> like <see cref="SendStreamingAsync(ApigRequest, CancellationToken)"/> and finishes the
    /// call as <see cref="SendAsync{T}(ApigRequest, Func{ApigResponse, T}, CancellationToken)"/> does; when
    /// <paramref name="readSuccess"/> fails, the body stream is disposed before the exception goes on.
    /// </summary>
    /// <typeparam name="T">The operation's result, which takes over the body stream (<see cref="ApigResponse.TakeContent"/>).</typeparam>
    /// <param name="request">The request, built; it is sealed at once (nothing may use it afterwards).</param>
    /// <param name="readSuccess">Reads the result from a success answer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ApigException">The API answered with an error status.</exception>
    /// <exception cref="ApigTransportException">As for <see cref="SendStreamingAsync(ApigRequest, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<T> SendStreamingAsync<T>(ApigRequest request, Func<ApigResponse, T> readSuccess, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readSuccess);
        return Finish(SendCoreAsync(Seal(request), streaming: true, cancellationToken), streaming: true, readSuccess, readBody: null);
    }

    private static SealedRequest Seal(ApigRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Seal();
    }

    /// <summary>
    /// The result of a call's answer as a task: at once when the call completed without waiting (no state machine of its
    /// own), else when it completes. A failure to read it (an error answer's <see cref="ApigException"/>) fails the task.
    /// </summary>
    private static Task<T> Finish<T>(ValueTask<ApigResponse> pending, bool streaming, Func<ApigResponse, T>? readSuccess, ApigBodyReader<T>? readBody)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            return FinishAsync(pending, streaming, readSuccess, readBody);
        }

        try
        {
            var answer = pending.Result;
            if (!answer.IsSuccess)
            {
                // The error becomes the task's exception without being thrown here: the caller's await throws it, once.
                return Task.FromException<T>(answer.CreateException());
            }

            return Task.FromResult(Read(answer, streaming, readSuccess, readBody));
        }
        catch (OperationCanceledException ex) when (ex.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    private static async Task<T> FinishAsync<T>(ValueTask<ApigResponse> pending, bool streaming, Func<ApigResponse, T>? readSuccess, ApigBodyReader<T>? readBody) =>
        Read(await pending.ConfigureAwait(false), streaming, readSuccess, readBody);

    /// <summary>
    /// The result of an answer: read by <paramref name="readBody"/> (its JSON body) or <paramref name="readSuccess"/> when it is
    /// a success, else its <see cref="ApigException"/>. A streamed body the result did not take over is disposed on failure.
    /// </summary>
    private static T Read<T>(in ApigResponse answer, bool streaming, Func<ApigResponse, T>? readSuccess, ApigBodyReader<T>? readBody)
    {
        if (!answer.IsSuccess)
        {
            throw answer.CreateException();
        }

        if (readBody is not null)
        {
            return ApigResponseReader.Read(answer, readBody);
        }

        if (!streaming)
        {
            return readSuccess!(answer);
        }

        try
        {
            return readSuccess!(answer);
        }
        catch
        {
            // The result never took the stream over: nobody else will dispose it (and with it the connection).
            answer.DisposeContent();
            throw;
        }
    }

    /// <summary>The call: every attempt, the timeout, telemetry; its answer, success or error, as it is.</summary>
    private async ValueTask<ApigResponse> SendCoreAsync(SealedRequest request, bool streaming, CancellationToken cancellationToken)
    {
        // One state machine for the whole call, every attempt included; the pooled body goes back in the outer finally.
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var activity = ApigTelemetry.Start(request, _options.Origin);
            var observed = activity is not null || _logger is not null || ApigTelemetry.Duration.Enabled;

            // A call that is traced, measured or logged takes its start at once; otherwise the clock is read when the
            // call first has to wait, and the timeout's token source is made when a step first needs it (CallTimeout).
            var timeout = default(CallTimeout);
            if (observed || !_systemClock)
            {
                Start(ref timeout);
            }

            if (!_systemClock)
            {
                // Another clock's timer runs from the source's making: the call's start.
                Token(ref timeout, cancellationToken);
            }

            var attempt = 0;
            ApigResponse final;
            try
            {
                // The wait before a repeated attempt, decided when the last one ended.
                TimeSpan? retryWait = null;

                // The credentials of the last attempt, and whether the call already repeated an attempt they were refused for.
                ApigCredentials? used = null;
                var renewedAfterRefusal = false;
                while (true)
                {
                    if (retryWait is { } wait)
                    {
                        await DelayRetryAsync(request, attempt, timeout.Started, wait, cancellationToken, timeout.Source, Token(ref timeout, cancellationToken)).ConfigureAwait(false);
                        timeout.Armed = true;
                        retryWait = null;
                    }

                    attempt++;

                    // Decided before any wait (above), so the answer never lives across an await: the state machine keeps no copy.
                    ApigResponse response;
                    try
                    {
                        // One attempt: fresh credentials, a fresh message and signature, the answer read whole (or,
                        // streaming, a success answer's body left open).
                        var current = used = await GetCredentialsAsync(request, attempt, cancellationToken, ref timeout).ConfigureAwait(false);
                        if (_logger is not null && _logger.IsEnabled(LogLevel.Debug))
                        {
                            // Guarded here: the URL without its query is cut out of the full one only when the line is written.
                            ApigLog.AttemptStarting(_logger, request.OperationId, attempt, request.Method.Method, request.Endpoint);
                        }

                        using var message = CreateMessage(request, current);
                        var sentUri = message.RequestUri;
                        string? requestId = null;
                        var answered = false;
                        try
                        {
                            // The HttpClient's own timeout, when it ends the send no later than the call's would and nothing
                            // has waited yet (both clocks start now), bounds the send alone: the client then links the
                            // caller's token only, not ours too. It surfaces as a TaskCanceledException over a
                            // TimeoutException, caught below as the call's timeout.
                            var clientTimeoutBounds = _clientTimeoutBoundsSend && !timeout.Armed;
                            var sending = _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, clientTimeoutBounds ? cancellationToken : Token(ref timeout, cancellationToken));
                            if (!sending.IsCompleted)
                            {
                                if (clientTimeoutBounds)
                                {
                                    Start(ref timeout);
                                }
                                else
                                {
                                    Arm(ref timeout);
                                }
                            }

                            var answer = await sending.ConfigureAwait(false);
                            var handedOver = false;
                            try
                            {
                                answered = true;
                                requestId = ApigResponse.ReadRequestId(answer);
                                if (!ReferenceEquals(message.RequestUri, sentUri))
                                {
                                    // Only a redirect replaces the request's URI, so a plain answer costs no host comparison.
                                    CheckOrigin(request, message.RequestUri, requestId, attempt);
                                }

                                if (streaming && (int)answer.StatusCode is >= 200 and <= 299)
                                {
                                    // The body goes to the caller unread; the stream owns the response from here on.
                                    var opening = answer.Content.ReadAsStreamAsync(Token(ref timeout, cancellationToken));
                                    if (!opening.IsCompleted)
                                    {
                                        Arm(ref timeout);
                                    }

                                    var stream = await opening.ConfigureAwait(false);
                                    handedOver = true;
                                    response = new ApigResponse(request.OperationId, request.Endpoint, answer, requestId, Array.Empty<byte>(), _timeProvider, attempt, new ApigResponseStream(stream, answer));
                                }
                                else
                                {
                                    var reading = ReadBodyAsync(answer, _options.MaxResponseBodySize, cancellationToken, ref timeout);
                                    if (!reading.IsCompleted)
                                    {
                                        Arm(ref timeout);
                                    }

                                    var bytes = await reading.ConfigureAwait(false);
                                    response = new ApigResponse(request.OperationId, request.Endpoint, answer, requestId, bytes, _timeProvider, attempt);
                                }
                            }
                            finally
                            {
                                if (!handedOver)
                                {
                                    answer.Dispose();
                                }
                            }
                        }
                        catch (Exception ex) when (ex is not ApigTransportException && !cancellationToken.IsCancellationRequested
                            && (timeout.Source?.IsCancellationRequested == true || (ex is OperationCanceledException && ex.InnerException is TimeoutException)))
                        {
                            // Not our timer: the HttpClient's own Timeout ended the send.
                            throw TimedOut(request, requestId, answered, attempt, ex, byHttpClient: timeout.Source?.IsCancellationRequested != true);
                        }
                        catch (Exception ex) when (ex is ResponseTooLargeException or HttpRequestException or System.IO.IOException)
                        {
                            throw AttemptFailed(request, ex, requestId, answered, attempt);
                        }
                    }
                    catch (ApigTransportException failure) when (failure.IsTransient && request.Idempotent
                        && RetryDelay(request, attempt, Start(ref timeout), null, failure.ErrorType!) is { } delay)
                    {
                        retryWait = delay;
                        continue;
                    }

                    if ((int)response.StatusCode == 401 && !_staticCredentials && RenewRefused(request, used!, attempt, ref renewedAfterRefusal))
                    {
                        continue;
                    }

                    if (!response.IsSuccess && RetryPolicy.IsTransientStatus((int)response.StatusCode) && request.Idempotent
                        && RetryDelay(request, attempt, Start(ref timeout), response.RetryAfter, StatusText((int)response.StatusCode)) is { } pause)
                    {
                        retryWait = pause;
                        continue;
                    }

                    if (observed)
                    {
                        Completed(request, response, timeout.Started, activity);
                    }

                    final = response;
                    break;
                }
            }
            catch (Exception ex) when (observed)
            {
                Failed(request, ex, attempt, timeout.Started, activity);
                throw;
            }
            finally
            {
                EndTimeout(ref timeout);
            }

            return final;
        }
        finally
        {
            if (request.PooledBody is { } pooled)
            {
                // Every attempt sent these bytes; only now is the call over. The body may hold a private key or a
                // password: the next renter of this array must not find it.
                PooledBuffers.Release(pooled, request.BodyLength);
            }
        }
    }

    /// <summary>
    /// The credentials of one attempt (a rotating source may have renewed them): at once when they are at hand, else
    /// awaited under the call's timeout. A failure to obtain them is an <see cref="ApigTransportException"/>.
    /// </summary>
    private ValueTask<ApigCredentials> GetCredentialsAsync(in SealedRequest request, int attempt, CancellationToken cancellationToken, ref CallTimeout timeout)
    {
        if (_staticCredentials)
        {
            // A token or a fixed key pair: nothing to fetch, so no token to cancel the fetch with.
            return new ValueTask<ApigCredentials>(_options.Credentials);
        }

        ValueTask<ApigCredentials> pending;
        try
        {
            pending = _options.Credentials.GetCurrentAsync(_timeProvider, Token(ref timeout, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw CredentialsFailed(request, attempt, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(request, null, answered: false, attempt, ex);
        }

        if (pending.IsCompletedSuccessfully)
        {
            return pending;
        }

        Arm(ref timeout);
        return AwaitCredentialsAsync(pending, request.OperationId, request.Endpoint, attempt, cancellationToken);
    }

    private async ValueTask<ApigCredentials> AwaitCredentialsAsync(ValueTask<ApigCredentials> pending, string operationId, string endpoint, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw CredentialsFailed(operationId, endpoint, attempt, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(operationId, endpoint, null, answered: false, attempt, ex);
        }
    }

    /// <summary>
    /// After a 401 with credentials from a source: the refused value is dropped, so that the next attempt or call asks the
    /// source again, and true when this call should repeat its attempt at once with what the source gives. A call repeats
    /// once for that, whatever its method (the gateway refused it before anything ran), and not at all when retries are off.
    /// </summary>
    private bool RenewRefused(in SealedRequest request, ApigCredentials used, int attempt, ref bool renewedAfterRefusal)
    {
        if (!_options.Credentials.Refused(used, _timeProvider) || renewedAfterRefusal || _retry.MaxRetries == 0)
        {
            return false;
        }

        renewedAfterRefusal = true;
        if (_logger is not null)
        {
            ApigLog.CredentialsRefused(_logger, request.OperationId, attempt);
        }

        return true;
    }

    /// <summary>
    /// The wait before the next attempt, or null when the call must stop (no retries left, a <c>Retry-After</c> beyond the
    /// cap, or a wait that would outlast the timeout); logs the decision.
    /// </summary>
    private TimeSpan? RetryDelay(in SealedRequest request, int attempt, long started, TimeSpan? retryAfter, string outcome)
    {
        TimeSpan? remaining = _timeout == System.Threading.Timeout.InfiniteTimeSpan ? null : _timeout - _timeProvider.GetElapsedTime(started);
        var delay = _retry.NextDelay(attempt, retryAfter, remaining, out var reason);
        if (delay is not { } wait)
        {
            if (_logger is not null && _retry.MaxRetries > 0)
            {
                ApigLog.RetryNotMade(_logger, request.OperationId, attempt, outcome, reason!);
            }

            return null;
        }

        if (_logger is not null)
        {
            ApigLog.RetryScheduled(_logger, request.OperationId, attempt, outcome, wait.TotalMilliseconds, retryAfter is null ? string.Empty : " (Retry-After)");
        }

        return wait;
    }

    /// <summary>Waits <paramref name="wait"/> before the next attempt, under the call's timeout (its end is a timeout failure).</summary>
    private async ValueTask DelayRetryAsync(
        SealedRequest request, int attempt, long started, TimeSpan wait, CancellationToken cancellationToken,
        CancellationTokenSource? timeoutSource, CancellationToken token)
    {
        try
        {
            Arm(timeoutSource, started);
            await Task.Delay(wait, _timeProvider, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(request, null, answered: false, attempt, ex);
        }
    }

    private ApigTransportException CredentialsFailed(in SealedRequest request, int attempt, Exception cause) =>
        CredentialsFailed(request.OperationId, request.Endpoint, attempt, cause);

    private ApigTransportException CredentialsFailed(string operationId, string endpoint, int attempt, Exception cause) =>
        new(operationId, endpoint, "The credentials could not be obtained (" + _options.Credentials + "): " + cause.Message, null, cause)
        {
            Attempts = attempt,
            ErrorType = "credentials",
        };

    /// <summary>The span, the duration and the log line of a call that got an answer (a success or an error status).</summary>
    private void Completed(in SealedRequest request, in ApigResponse response, long started, Activity? activity)
    {
        var elapsed = _timeProvider.GetElapsedTime(started);
        var status = (int)response.StatusCode;
        var errorType = response.IsSuccess ? null : StatusText(status);
        if (activity is not null)
        {
            ApigTelemetry.Stop(activity, status, errorType, response.RequestId, errorType is null ? null : response.ReadErrorCode(), response.Attempts, null);
        }

        if (ApigTelemetry.Duration.Enabled)
        {
            ApigTelemetry.RecordDuration(elapsed.TotalSeconds, request.OperationId, request.Method.Method, status, errorType);
        }

        if (_logger is not null)
        {
            ApigLog.CallCompleted(_logger, request.OperationId, status, elapsed.TotalMilliseconds, response.Attempts, ServerText.ShownShort(response.RequestId));
        }
    }

    /// <summary>The span, the duration and the log line of a call that ended with an exception.</summary>
    private void Failed(in SealedRequest request, Exception exception, int attempt, long started, Activity? activity)
    {
        var elapsed = _timeProvider.GetElapsedTime(started);
        var transport = exception as ApigTransportException;
        var errorType = transport?.ErrorType ?? (exception is OperationCanceledException ? "cancelled" : exception.GetType().FullName!);
        var attempts = transport?.Attempts ?? attempt;
        if (activity is not null)
        {
            // The message names the operation and the endpoint without query; never a secret.
            ApigTelemetry.Stop(activity, 0, errorType, transport?.RequestId, null, attempts, transport?.Message);
        }

        if (ApigTelemetry.Duration.Enabled)
        {
            ApigTelemetry.RecordDuration(elapsed.TotalSeconds, request.OperationId, request.Method.Method, 0, errorType);
        }

        if (_logger is not null)
        {
            ApigLog.CallFailed(_logger, request.OperationId, errorType, elapsed.TotalMilliseconds, attempts, ServerText.ShownShort(transport?.RequestId));
        }
    }

    /// <summary>
    /// The failure of an attempt's send or read: a body over <see cref="ApigClientOptions.MaxResponseBodySize"/> (final), or a
    /// connection or protocol failure (transient: repeated for an idempotent request).
    /// </summary>
    private static ApigTransportException AttemptFailed(in SealedRequest request, Exception failure, string? requestId, bool answered, int attempt)
    {
        var cause = ServerText.ShownCause(failure);
        return cause is ResponseTooLargeException
            ? new ApigTransportException(request.OperationId, request.Endpoint, "The response body could not be read: " + cause.Message, requestId, cause)
            {
                Attempts = attempt,
                ErrorType = "response_too_large",
            }
            : new ApigTransportException(
                request.OperationId,
                request.Endpoint,
                (answered ? "The response body could not be read: " : "The request could not be completed: ") + cause.Message,
                requestId,
                cause)
            {
                Attempts = attempt,
                ErrorType = ErrorTypeOf(cause),
                IsTransient = true,
            };
    }

    /// <summary>OpenTelemetry's <c>error.type</c> for a failed send: the kind of <see cref="HttpRequestError"/>, else the exception's type.</summary>
    private static string ErrorTypeOf(Exception exception) => exception is HttpRequestException http
        ? http.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "name_resolution_error",
            HttpRequestError.ConnectionError => "connection_error",
            HttpRequestError.SecureConnectionError => "secure_connection_error",
            HttpRequestError.HttpProtocolError => "http_protocol_error",
            HttpRequestError.ResponseEnded => "response_ended",
            HttpRequestError.InvalidResponse => "invalid_response",
            HttpRequestError.ProxyTunnelError => "proxy_tunnel_error",
            _ => exception.GetType().FullName!,
        }
        : exception.GetType().FullName!;

    private static string StatusText(int status) => status switch
    {
        408 => "408",
        429 => "429",
        500 => "500",
        502 => "502",
        503 => "503",
        504 => "504",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Fails when the answer came from another scheme, host or port than the endpoint's: the caller's <see cref="HttpClient"/>
    /// followed a redirect, so the answer is not the endpoint's (and the credentials may have gone with it).
    /// </summary>
    private void CheckOrigin(in SealedRequest request, Uri? finalUri, string? requestId, int attempt)
    {
        var origin = _options.Origin;
        if (finalUri is null || UriOrigin.Same(finalUri, origin))
        {
            return;
        }

        throw new ApigTransportException(
            request.OperationId,
            request.Endpoint,
            "The HttpClient followed a redirect from " + UriOrigin.Show(origin) + " to " + UriOrigin.Show(finalUri)
                + ", so the answer is not the endpoint's and was discarded; the other host may have received the credentials and the body."
                + " Turn redirects off in the client you pass (new SocketsHttpHandler { AllowAutoRedirect = false }, or"
                + " ConfigurePrimaryHttpMessageHandler with it for IHttpClientFactory)",
            requestId)
        {
            Attempts = attempt,
            ErrorType = "redirect",
        };
    }

    /// <summary>The message of one attempt: header parameters, credentials (a fresh signature and date), body, User-Agent.</summary>
    private HttpRequestMessage CreateMessage(in SealedRequest request, ApigCredentials current)
    {
        var message = new HttpRequestMessage(request.Method, request.Uri ?? new Uri(request.Url, UriKind.Absolute));
        try
        {
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

            Authenticate(request, message, current);
            if (request.PooledBody is { } body)
            {
                // A fresh content over the same pooled bytes each attempt: they stay valid until SendAsync returns.
                message.Content = new ReadOnlyMemoryContent(body.AsMemory(0, request.BodyLength));
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? HeaderValues.JsonContentType);
            }

            message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private void Authenticate(in SealedRequest request, HttpRequestMessage message, ApigCredentials current)
    {
        if (current is TokenCredentials token)
        {
            ApigAuthentication.ApplyToken(message, token);
            return;
        }

        var url = request.Url;
        var queryStart = request.QueryStart;
        Span<char> payloadHash = stackalloc char[64];
        SdkHmacSha256Signer.HexSha256(request.Body, payloadHash);
        var pathEnd = queryStart < 0 ? url.Length : queryStart - 1;
        ApigAuthentication.Apply(message, current, new SigningInput
        {
            Host = _options.HostHeader,
            Path = url.AsSpan(request.PathStart, pathEnd - request.PathStart),
            Query = queryStart < 0 ? ReadOnlySpan<char>.Empty : url.AsSpan(queryStart),
            PayloadHash = payloadHash,
            Date = SdkHmacSha256Signer.FormatDate(_timeProvider.GetUtcNow()),
            ProjectId = _options.ProjectId,
            OtherHeaders = request.Headers,
        });
    }
}
