using System;
using System.Threading;

namespace ApigGen;

/// <summary>
/// The call's one timeout (<see cref="ApigClientOptions.Timeout"/>, else the given client's <see cref="System.Net.Http.HttpClient.Timeout"/>,
/// else <see cref="ApigClientOptions.DefaultTimeout"/>): headers, body, retries and the waits between them.
/// </summary>
public sealed partial class ApigPipeline
{
    /// <summary>
    /// The token that cancels a step when the call's timeout runs out or the caller cancels: the caller's own when the
    /// timeout is infinite, else that of the call's token source, made now if no step needed it before. With the system
    /// clock one source per thread is reused (reset after an uncancelled call), so a call costs no timer allocation, and its
    /// timer is armed (<see cref="Arm(ref CallTimeout)"/>) only when the call has to wait for something: a step that
    /// completes at once cannot overrun the timeout. Another clock (a test's) gets a source of its own, armed at once.
    /// </summary>
    private CancellationToken Token(ref CallTimeout timeout, CancellationToken cancellationToken)
    {
        if (timeout.Source is { } existing)
        {
            return existing.Token;
        }

        if (_timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return cancellationToken;
        }

        CancellationTokenSource source;
        if (_systemClock)
        {
            var cache = PerThreadCache.Current;
            source = cache.TimeoutSource ?? new CancellationTokenSource();
            cache.TimeoutSource = null;
        }
        else
        {
            source = new CancellationTokenSource(_timeout, _timeProvider);
        }

        if (cancellationToken.CanBeCanceled)
        {
            timeout.Registration = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source);
        }

        timeout.Source = source;
        return source.Token;
    }

    /// <summary>The call's start: read now if the call has not needed it before.</summary>
    private long Start(ref CallTimeout timeout)
    {
        if (!timeout.HasStarted)
        {
            timeout.Started = _timeProvider.GetTimestamp();
            timeout.HasStarted = true;
        }

        return timeout.Started;
    }

    /// <summary>Before a step waits: starts the call's clock if it has not started, arms the timer, and remembers that it did.</summary>
    private void Arm(ref CallTimeout timeout)
    {
        Arm(timeout.Source, Start(ref timeout));
        timeout.Armed = true;
    }

    /// <summary>
    /// Starts (or moves) the system-clock timer of <paramref name="source"/> to fire when the call's timeout, counted from
    /// <paramref name="started"/>, runs out. A no-op without a source (no step took a token of the call's) or with another clock.
    /// </summary>
    private void Arm(CancellationTokenSource? source, long started)
    {
        if (source is null || !_systemClock)
        {
            return;
        }

        var remaining = _timeout - _timeProvider.GetElapsedTime(started);
        source.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1));
    }

    /// <summary>The call is over: its link to the caller's token goes, and its source goes back to this thread's cache when it can be reset.</summary>
    private void EndTimeout(ref CallTimeout timeout)
    {
        timeout.Registration.Dispose();
        if (timeout.Source is not { } source)
        {
            return;
        }

        if (_systemClock && source.TryReset())
        {
            // Possibly another thread than the one the source came from: the call may have resumed anywhere.
            PerThreadCache.Current.TimeoutSource = source;
        }
        else
        {
            source.Dispose();
        }
    }

    private ApigTransportException TimedOut(in SealedRequest request, string? requestId, bool answered, int attempt, Exception cause, bool byHttpClient = false) =>
        TimedOut(request.OperationId, request.Endpoint, requestId, answered, attempt, cause, byHttpClient);

    /// <summary>
    /// The timeout of a call. <paramref name="byHttpClient"/>: the given HttpClient's own <c>Timeout</c> ended the send, not
    /// the call's timer; when the call's timeout is another setting (ApigClientOptions.Timeout, longer), the message names
    /// the HttpClient's, so that the caller looks at the setting that fired.
    /// </summary>
    private ApigTransportException TimedOut(string operationId, string endpoint, string? requestId, bool answered, int attempt, Exception cause, bool byHttpClient = false)
    {
        var timedOut = byHttpClient && _httpClient.Timeout != System.Threading.Timeout.InfiniteTimeSpan && _httpClient.Timeout < _timeout
            ? Seconds(_httpClient.Timeout) + " s (HttpClient.Timeout of the HttpClient the client was given, which is shorter than " + _timeoutSetting + ", " + Seconds(_timeout) + " s)"
            : Seconds(_timeout) + " s (" + _timeoutSetting + ")";
        return new(
            operationId,
            endpoint,
            "The request timed out after " + timedOut + (answered ? ", while the response body was read." : attempt > 1 ? ", after " + attempt + " attempts." : "."),
            requestId,
            new TimeoutException("The APIG request timed out.", cause))
        {
            Attempts = attempt,
            ErrorType = "timeout",
        };

        static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// When a call started and its token source. Work that completes at once cannot overrun the timeout, so the clock is
    /// read only when the call first waits for something, and the source made only when a step first takes a token (at
    /// once when the call is traced, measured or logged, or runs on another clock than the system's): a call answered
    /// without waiting, with nothing to fetch or read, never reads the clock nor makes a source. The synchronous work
    /// before the first wait (building and signing the message, microseconds) is not counted.
    /// </summary>
    private struct CallTimeout
    {
        public long Started;
        public bool HasStarted;
        public bool Armed;
        public CancellationTokenSource? Source;
        public CancellationTokenRegistration Registration;
    }
}
