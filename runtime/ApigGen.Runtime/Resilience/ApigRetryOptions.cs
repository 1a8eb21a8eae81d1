using System;

namespace ApigGen;

/// <summary>
/// How a call is repeated after a transient failure. Every attempt is built and signed again (a fresh <c>X-Sdk-Date</c>),
/// and <see cref="ApigClientOptions.Timeout"/> bounds the whole call, waits included.
/// </summary>
/// <remarks>
/// <para>
/// Repeated: GET, HEAD, PUT and DELETE, and POST or PATCH of operations whose spec says <c>idempotent: true</c>, after a
/// 408, 429, 500, 502, 503 or 504 answer or a connection failure (refused, reset, dropped before the answer was read).
/// Never repeated: a timeout, a cancellation, an answer larger than <see cref="ApigClientOptions.MaxResponseBodySize"/>,
/// a redirected answer, or any other status.
/// </para>
/// <para>
/// The wait before retry <c>n</c> (1, 2, …) is drawn at random between half and all of
/// <c>min(Delay × 2^(n-1), MaxDelay)</c>. A <c>Retry-After</c> the server sends replaces it; when it asks for more than
/// <see cref="MaxDelay"/>, or a wait would end after the call's timeout, the call stops and the last answer stands.
/// </para>
/// </remarks>
public sealed class ApigRetryOptions
{
    /// <summary>The default of <see cref="MaxRetries"/>: 3.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>The largest accepted <see cref="MaxRetries"/>: 10.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>The default of <see cref="Delay"/>: 500 ms.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The default of <see cref="MaxDelay"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>How many times a call may be repeated after its first attempt (0 to <see cref="MaxRetriesLimit"/>); 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>The base of the exponential backoff: the longest wait before the first retry. Must be positive.</summary>
    public TimeSpan Delay { get; set; } = DefaultDelay;

    /// <summary>
    /// The longest wait between two attempts, backoff or <c>Retry-After</c> (a server asking for more ends the retries).
    /// At least <see cref="Delay"/>.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = DefaultMaxDelay;

    /// <summary>Checks the values, naming the property to fix.</summary>
    internal RetryPolicy Resolve()
    {
        const string prefix = nameof(ApigClientOptions) + "." + nameof(ApigClientOptions.Retry) + ".";
        if (MaxRetries is < 0 or > MaxRetriesLimit)
        {
            throw new ArgumentException($"{prefix}{nameof(MaxRetries)} must be between 0 (no retries) and {MaxRetriesLimit}.", nameof(ApigClientOptions.Retry));
        }

        if (Delay <= TimeSpan.Zero || Delay == System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{prefix}{nameof(Delay)} must be positive and finite.", nameof(ApigClientOptions.Retry));
        }

        if (MaxDelay < Delay || MaxDelay == System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{prefix}{nameof(MaxDelay)} must be finite and at least {nameof(Delay)}.", nameof(ApigClientOptions.Retry));
        }

        return new RetryPolicy(MaxRetries, Delay, MaxDelay);
    }

    /// <inheritdoc />
    public override string ToString() => $"ApigRetryOptions {{ MaxRetries = {MaxRetries}, Delay = {Delay}, MaxDelay = {MaxDelay} }}";
}
