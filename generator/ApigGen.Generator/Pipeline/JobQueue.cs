using System;
using System.Collections.Concurrent;
using System.Runtime;
using System.Threading;

namespace ApigGen.Generator.Pipeline;

/// <summary>
/// Where <see cref="Job"/>s wait for an idle core. A few helpers on the thread pool (see <see cref="HelperLimitFor"/>)
/// take jobs in order while the driver's own thread is still creating them; the driver's thread then joins each in
/// turn, running itself any job no helper has started. So a busy or single-core machine does everything on the
/// driver's thread, as a sequential pipeline would, and an idle one shares the work.
/// </summary>
/// <remarks>
/// One queue and one helper limit for the whole process (a compiler server builds many projects at once): a helper
/// runs whatever job comes next, each under the token of the run that created it. A job stays queued until a helper or
/// a waiting joiner dequeues it, even after its own joiner ran it (dequeuing it then costs nothing), and helpers run
/// until the queue is empty, so nothing stays queued for long.
/// </remarks>
internal static class JobQueue
{
    /// <summary>
    /// The most helpers, whatever the core count: a compiler server builds several projects at once, and YamlDotNet keeps
    /// two string builders per core for reuse while each scan of a scalar takes four, so more threads make it allocate more.
    /// </summary>
    public const int MaxHelpers = 3;

    private static readonly ConcurrentQueue<Job> Jobs = new();

    private static int s_helpers;

    /// <summary>How many helpers this process may run (see <see cref="HelperLimitFor"/>).</summary>
    internal static int Limit { get; } = HelperLimitFor(GCSettings.IsServerGC, Cores());

    /// <summary>
    /// A job doing <paramref name="work"/> on <paramref name="input"/>, queued for a helper when <paramref name="parallel"/>
    /// (the project's <c>ApigGenParallel</c>) allows it and the process may run helpers; otherwise the joining step runs it.
    /// </summary>
    public static Job<TInput, TResult> Start<TInput, TResult>(TInput input, Func<TInput, CancellationToken, TResult> work, bool parallel, CancellationToken cancellationToken)
        where TResult : class
    {
        var job = new Job<TInput, TResult>(input, work, cancellationToken);
        if (parallel && Limit > 0)
        {
            Jobs.Enqueue(job);
            AddHelper();
        }

        return job;
    }

    /// <summary>Runs the next queued job nobody has started; false when there is none.</summary>
    public static bool RunOne()
    {
        while (Jobs.TryDequeue(out var job))
        {
            if (job.TryRun())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How many helpers a process may run: one fewer than its cores (at most <see cref="MaxHelpers"/>), and none under
    /// workstation GC. csc and the compiler server run server GC, where helpers took a 500-spec run from about 107 to
    /// about 90 ms here. Under workstation GC all threads share one small young generation: the helpers' allocations
    /// brought more collections, each stopping every thread, and no steady gain for half as much CPU again.
    /// </summary>
    internal static int HelperLimitFor(bool serverGc, int cores) => serverGc ? Math.Max(0, Math.Min(MaxHelpers, cores - 1)) : 0;

    /// <summary>
    /// The cores this process may use: the thread pool's minimum worker count, which is the processor count unless the host
    /// set it (analyzers may not read <c>Environment</c>, RS1035).
    /// </summary>
    private static int Cores()
    {
        ThreadPool.GetMinThreads(out var workers, out _);
        return workers;
    }

    private static void AddHelper()
    {
        while (true)
        {
            var helpers = Volatile.Read(ref s_helpers);
            if (helpers >= Limit)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref s_helpers, helpers + 1, helpers) == helpers)
            {
                break;
            }
        }

        // Unsafe: the helper needs none of the caller's execution context (and must not keep it alive).
        ThreadPool.UnsafeQueueUserWorkItem(static _ => Help(), null);
    }

    private static void Help()
    {
        try
        {
            while (RunOne())
            {
            }
        }
        finally
        {
            Interlocked.Decrement(ref s_helpers);
        }

        // A job queued between the last empty TryDequeue and the decrement above would wait for its joiner: start a helper for it.
        if (!Jobs.IsEmpty)
        {
            AddHelper();
        }
    }
}
