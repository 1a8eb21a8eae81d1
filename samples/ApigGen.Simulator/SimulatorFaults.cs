using System;

namespace ApigGen.Simulator;

/// <summary>What the simulator does instead of answering normally.</summary>
public enum FaultMode
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>500 with <c>APIG.9999</c> "System error".</summary>
    ServerError,

    /// <summary>503 with <c>APIG.0201</c>-style "backend unavailable" JSON.</summary>
    ServiceUnavailable,

    /// <summary>429 with <c>Retry-After</c> and <c>APIG.1101</c>-style throttling JSON.</summary>
    TooManyRequests,

    /// <summary>Abort the connection without answering.</summary>
    DropConnection,

    /// <summary>502 with an HTML page, as a proxy in front of APIG would send.</summary>
    MalformedBody,

    /// <summary>200 with a JSON body cut off in the middle.</summary>
    TruncatedSuccessBody,

    /// <summary>200 with a JSON body that lacks the mandatory members of list responses.</summary>
    MissingMandatoryMember,

    /// <summary>200 with a complete JSON body followed by more text, as a proxy that appends to a response would send.</summary>
    TrailingContentAfterBody,

    /// <summary>
    /// Answer normally, but send a JSON body in pieces with <see cref="SimulatorFaults.SlowBodyPause"/> between them
    /// (chunked, no <c>Content-Length</c>), as a slow or congested link would deliver it.
    /// </summary>
    SlowBody,

    /// <summary>200 announcing a longer <c>Content-Length</c> than it sends: part of a JSON body, a pause (<see cref="SimulatorFaults.SlowBodyPause"/>), then the connection is aborted.</summary>
    DropMidBody,

    /// <summary>Never answer: wait until the client goes away (cancels, times out or closes the connection).</summary>
    Hang,
}

/// <summary>Switchable faults; thread-safe.</summary>
public sealed class SimulatorFaults
{
    private volatile FaultMode _mode;
    private long _latencyTicks;
    private FaultMode _nextMode;
    private int _nextCount;

    /// <summary>The active fault.</summary>
    public FaultMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(System.Threading.Interlocked.Read(ref _latencyTicks));
        set => System.Threading.Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>The <c>Retry-After</c> seconds sent with <see cref="FaultMode.TooManyRequests"/>.</summary>
    public int RetryAfterSeconds { get; set; } = 7;

    /// <summary>The pause between the pieces of a <see cref="FaultMode.SlowBody"/> answer.</summary>
    public TimeSpan SlowBodyPause
    {
        get => TimeSpan.FromTicks(System.Threading.Interlocked.Read(ref _slowBodyPauseTicks));
        set => System.Threading.Interlocked.Exchange(ref _slowBodyPauseTicks, value.Ticks);
    }

    private long _slowBodyPauseTicks = TimeSpan.FromMilliseconds(20).Ticks;

    /// <summary>
    /// Chooses the fault of each request from what arrived (its <see cref="RecordedRequest.RequestId"/> is the
    /// <c>X-Request-Id</c> it will be answered with); when set, its answer is used instead of <see cref="Mode"/>.
    /// Called on Kestrel's threads, concurrently: it must be thread-safe.
    /// </summary>
    public Func<RecordedRequest, FaultMode>? Choose { get; set; }

    /// <summary>Act like a newer APIG: add unknown members and unknown enum values to every JSON body.</summary>
    public bool NewerServer { get; set; }

    /// <summary>Answers the next <paramref name="count"/> APIG calls with <paramref name="mode"/>, then as <see cref="Mode"/> says.</summary>
    public void FailNext(int count, FaultMode mode)
    {
        lock (this)
        {
            (_nextMode, _nextCount) = (mode, count);
        }
    }

    /// <summary>The fault for the call arriving now: one of those <see cref="FailNext"/> arranged, else <see cref="Mode"/>.</summary>
    public FaultMode Take()
    {
        lock (this)
        {
            if (_nextCount > 0)
            {
                _nextCount--;
                return _nextMode;
            }
        }

        return Mode;
    }

    /// <summary>Back to normal.</summary>
    public void Clear()
    {
        FailNext(0, FaultMode.None);
        Mode = FaultMode.None;
        Choose = null;
        Latency = TimeSpan.Zero;
        NewerServer = false;
    }
}
