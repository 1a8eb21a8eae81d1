using System;
using System.Net.Http;

namespace ApigGen;

/// <summary>Validated retry settings and the decisions they make: what may be repeated, and how long to wait.</summary>
internal sealed class RetryPolicy
{
    public RetryPolicy(int maxRetries, TimeSpan delay, TimeSpan maxDelay)
    {
        MaxRetries = maxRetries;
        Delay = delay;
        MaxDelay = maxDelay;
    }

    public int MaxRetries { get; }

    public TimeSpan Delay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>GET, HEAD, PUT, DELETE, OPTIONS and TRACE: repeating them is harmless by their definition (RFC 9110 §9.2.2).</summary>
    /// <remarks>The shared instances (all that generated code passes) are told by reference, without comparing names.</remarks>
    public static bool IsIdempotentMethod(HttpMethod method) =>
        ReferenceEquals(method, HttpMethod.Post) || ReferenceEquals(method, HttpMethod.Patch) ? false
        : ReferenceEquals(method, HttpMethod.Get) || ReferenceEquals(method, HttpMethod.Put) || ReferenceEquals(method, HttpMethod.Delete)
            || method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete
            || method == HttpMethod.Options || method == HttpMethod.Trace;

    /// <summary>408, 429, 500, 502, 503 and 504: answers that another attempt may turn into a success.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> + 1, or null when the call must stop: no retries left, the
    /// server asked for more than <see cref="MaxDelay"/>, or the wait would end after <paramref name="remaining"/>.
    /// </summary>
    /// <param name="attempt">The attempt that just failed (1 for the first).</param>
    /// <param name="retryAfter">The server's <c>Retry-After</c>, when it sent one.</param>
    /// <param name="remaining">The time left before the call's timeout; null when there is none.</param>
    /// <param name="reason">Why there is no wait, for the debug log.</param>
    public TimeSpan? NextDelay(int attempt, TimeSpan? retryAfter, TimeSpan? remaining, out string? reason)
    {
        reason = null;
        if (attempt > MaxRetries)
        {
            reason = MaxRetries == 0 ? "retries are off" : "no retries left";
            return null;
        }

        TimeSpan delay;
        if (retryAfter is { } asked)
        {
            if (asked > MaxDelay)
            {
                reason = "Retry-After is longer than Retry.MaxDelay";
                return null;
            }

            delay = asked;
        }
        else
        {
            delay = Backoff(attempt);
        }

        if (remaining is { } left && delay >= left)
        {
            reason = "the wait would end after the timeout";
            return null;
        }

        return delay;
    }

    /// <summary>Exponential backoff with jitter: between half and all of <c>min(Delay × 2^(attempt-1), MaxDelay)</c>.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var ceiling = Delay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(ceiling, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.5 + (Random.Shared.NextDouble() * 0.5))));
    }
}
