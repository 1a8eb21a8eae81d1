using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace ApigGen.Runtime.Tests.Infrastructure;

/// <summary>
/// A fake clock that reports every timer armed with a finite due time other than <see cref="Ignored"/> (the call's own
/// timeout): the waits between attempts. Tests read a wait, then advance the clock by it; nothing sleeps.
/// </summary>
public sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public RecordingTimeProvider()
        : base(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The due time not reported (the pipeline's timeout).</summary>
    public TimeSpan Ignored { get; set; } = TimeSpan.FromMinutes(10);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Armed first, reported after: a test that advances the clock on the report must find the timer in place.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime != Ignored)
        {
            _waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The next wait armed; fails after 30 s of real time (a wait that never comes).</summary>
    public async Task<TimeSpan> NextWaitAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _waits.Reader.ReadAsync(limit.Token);
    }

    /// <summary>Whether a wait was armed and not yet read.</summary>
    public bool HasPendingWait => _waits.Reader.TryPeek(out _);
}
