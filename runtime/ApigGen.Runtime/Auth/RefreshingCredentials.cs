using System;
using System.Threading;
using System.Threading.Tasks;

namespace ApigGen;

/// <summary>
/// Credentials obtained from a source and kept until shortly before they expire. One refresh runs at a time: while the
/// value it replaces is still valid, only the request that refreshes waits for it and the others go on with that value;
/// once it has expired, requests wait for the new one. A value that has not expired yet outlives a failed refresh, which
/// is not tried again for <see cref="RetryAfterFailure"/>, so a failing source is not asked on every request.
/// </summary>
internal sealed class RefreshingCredentials : ApigCredentials
{
    /// <summary>How long a still-valid value is used before a refresh that failed is tried again (never past its expiry).</summary>
    internal static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly Func<CancellationToken, ValueTask<(ApigCredentials Value, DateTimeOffset? ExpiresAt)>> _fetch;
    private readonly TimeSpan _refreshBefore;
    private readonly string _description;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Entry? _current;

    /// <summary>The source's last value had no expiry: it is asked for every request, without queueing requests behind one another.</summary>
    private volatile bool _unbounded;

    public RefreshingCredentials(
        ApigAuthModes mode,
        Func<CancellationToken, ValueTask<(ApigCredentials Value, DateTimeOffset? ExpiresAt)>> fetch,
        TimeSpan refreshBefore,
        string description)
    {
        Mode = mode;
        _fetch = fetch;
        _refreshBefore = refreshBefore;
        _description = description;
    }

    internal override ApigAuthModes Mode { get; }

    internal override ValueTask<ApigCredentials> GetCurrentAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var current = _current;
        var gateHeld = false;
        if (current is not null)
        {
            var now = timeProvider.GetUtcNow();
            if (current.IsFresh(now))
            {
                return new ValueTask<ApigCredentials>(current.Value);
            }

            if (now < current.ExpiresAt)
            {
                // Due for a refresh but still valid: the request that takes the gate refreshes; while it does, the others
                // need not wait for it.
                gateHeld = _gate.Wait(0);
                if (!gateHeld)
                {
                    return new ValueTask<ApigCredentials>(current.Value);
                }
            }
        }

        return _unbounded && !gateHeld ? FetchUnboundedAsync(timeProvider, cancellationToken) : RefreshAsync(timeProvider, gateHeld, cancellationToken);
    }

    private async ValueTask<ApigCredentials> FetchUnboundedAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var fetched = Checked(await _fetch(cancellationToken).ConfigureAwait(false));
        if (fetched.ExpiresAt is { } expiresAt)
        {
            var now = timeProvider.GetUtcNow();
            _current = new Entry(fetched.Value, expiresAt, RefreshAt(now, expiresAt), now);
            _unbounded = false;
        }

        return fetched.Value;
    }

    /// <summary>Asks the source under the gate (taken here unless <paramref name="gateHeld"/>), unless another request just did.</summary>
    private async ValueTask<ApigCredentials> RefreshAsync(TimeProvider timeProvider, bool gateHeld, CancellationToken cancellationToken)
    {
        if (!gateHeld)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // Another request may have refreshed while this one waited.
            var current = _current;
            var now = timeProvider.GetUtcNow();
            if (current is not null && current.IsFresh(now))
            {
                return current.Value;
            }

            (ApigCredentials Value, DateTimeOffset? ExpiresAt) fetched;
            try
            {
                fetched = await _fetch(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && current?.ExpiresAt is { } expiry && now < expiry)
            {
                // Still valid: use it, and ask again after a pause (or at its expiry, whichever comes first).
                var retryAt = now + RetryAfterFailure;
                _current = new Entry(current.Value, expiry, retryAt < expiry ? retryAt : expiry, current.FetchedAt);
                return current.Value;
            }

            fetched = Checked(fetched);
            _current = fetched.ExpiresAt is { } expiresAt
                ? new Entry(fetched.Value, expiresAt, RefreshAt(now, expiresAt), now)
                : null;
            _unbounded = fetched.ExpiresAt is null;
            return fetched.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The gateway refused <paramref name="used"/>: unless the source gave it moments ago, it is dropped as if it had
    /// expired, so requests wait for the source's next value; one given less than <see cref="RetryAfterFailure"/> ago is
    /// kept until then (a source that keeps giving refused credentials is not asked on every request).
    /// </summary>
    internal override bool Refused(ApigCredentials used, TimeProvider timeProvider)
    {
        var current = _current;
        if (current is null)
        {
            // A source whose values carry no expiry is asked on every request anyway.
            return false;
        }

        if (!ReferenceEquals(current.Value, used))
        {
            // Another request has renewed it already.
            return true;
        }

        var now = timeProvider.GetUtcNow();
        var retryAt = current.FetchedAt + RetryAfterFailure;
        if (now < retryAt)
        {
            Interlocked.CompareExchange(ref _current, new Entry(current.Value, current.ExpiresAt, current.RefreshAt < retryAt ? current.RefreshAt : retryAt, current.FetchedAt), current);
            return false;
        }

        Interlocked.CompareExchange(ref _current, new Entry(current.Value, now, now, current.FetchedAt), current);

        // Whatever another request did meanwhile: the next request asks the source unless it holds the refused value, valid.
        var latest = _current;
        return latest is null || !ReferenceEquals(latest.Value, used) || latest.ExpiresAt <= now;
    }

    /// <summary>The source's answer, if its credentials are of the kind these stand for (a client was built for that kind).</summary>
    private (ApigCredentials Value, DateTimeOffset? ExpiresAt) Checked((ApigCredentials Value, DateTimeOffset? ExpiresAt) fetched)
        => fetched.Value.Mode == Mode ? fetched : throw new InvalidOperationException(_description + " returned credentials of another kind.");

    /// <summary>When to ask again: <c>refreshBefore</c> ahead of expiry, or halfway there when the value lives shorter than twice that.</summary>
    private DateTimeOffset RefreshAt(DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var life = expiresAt - now;
        if (life <= TimeSpan.Zero)
        {
            return now;
        }

        return life < _refreshBefore + _refreshBefore ? now + (life / 2) : expiresAt - _refreshBefore;
    }

    public override string ToString() => _description;

    private sealed class Entry(ApigCredentials value, DateTimeOffset expiresAt, DateTimeOffset refreshAt, DateTimeOffset fetchedAt)
    {
        public ApigCredentials Value { get; } = value;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public DateTimeOffset RefreshAt { get; } = refreshAt;

        /// <summary>When the source gave the value.</summary>
        public DateTimeOffset FetchedAt { get; } = fetchedAt;

        public bool IsFresh(DateTimeOffset now) => now < RefreshAt;
    }
}
