using System;
using System.Threading;

namespace ApigGen;

/// <summary>
/// The objects a call borrows for its synchronous steps, one of each per thread, behind a single thread-static field:
/// every borrow reads thread-local storage once (on Linux each such read is a call into the C runtime), and taking an
/// object out or putting it back is then a plain field write. A borrower takes the object out (so that a second call
/// interleaved on the same thread gets a new one) and puts it back when done, possibly on another thread.
/// </summary>
internal sealed class PerThreadCache
{
    [ThreadStatic]
    private static PerThreadCache? t_current;

    /// <summary>This thread's cache.</summary>
    public static PerThreadCache Current => t_current ?? Create();

    /// <summary>A request builder with its URL and JSON buffers (<see cref="ApigRequest"/>).</summary>
    public ApigRequest? Request;

    /// <summary>A validator, cleared (<see cref="ApigValidator"/>).</summary>
    public ApigValidator? Validator;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static PerThreadCache Create() => t_current = new PerThreadCache();

    /// <summary>A system-clock timeout source that was never cancelled, reset (<see cref="ApigPipeline"/>).</summary>
    public CancellationTokenSource? TimeoutSource;
}
