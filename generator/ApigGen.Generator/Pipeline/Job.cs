using System;
using System.Collections.Generic;
using System.Threading;

namespace ApigGen.Generator.Pipeline;

/// <summary>A piece of work a helper thread of <see cref="JobQueue"/> can run.</summary>
internal abstract class Job
{
    /// <summary>Runs the job unless another thread has started it; false when one had.</summary>
    internal abstract bool TryRun();
}

/// <summary>
/// The work of one pipeline item (parsing and binding a spec, emitting a file), created by one step and handed to
/// <see cref="JobQueue"/> at once, so that an idle core can run it while the driver is still creating the other items'
/// jobs; the next step calls <see cref="Join"/>, which runs the work on its own thread when no helper has started it.
/// So no step ever waits for a free thread, and a busy or single-core machine runs everything on the driver's thread,
/// as a sequential pipeline would. The work must read only its input: its result is then the same whichever thread
/// ran it.
/// </summary>
/// <remarks>
/// Equal exactly when the inputs are equal, which is what the driver's cache compares; the result plays no part. A
/// helper never lets an exception out (on a thread-pool thread it would end the compiler's process): a run that
/// throws, or that its run's cancellation stopped, leaves no result, and <see cref="Join"/> does the work again on the
/// joining thread, under its own token, where exceptions take their usual path.
/// </remarks>
internal sealed class Job<TInput, TResult> : Job, IEquatable<Job<TInput, TResult>>
    where TResult : class
{
    private const int Waiting = 0;
    private const int Running = 1;
    private const int Finished = 2;

    private readonly Func<TInput, CancellationToken, TResult> _work;
    private readonly object _gate = new();
    private CancellationToken _cancellationToken;
    private int _state;
    private TResult? _result;

    /// <param name="input">What the work reads; equality of jobs is equality of inputs.</param>
    /// <param name="work">The work: reads only its input, and may run on any thread.</param>
    /// <param name="cancellationToken">The token of the driver run that created the job: a helper's run stops with it.</param>
    public Job(TInput input, Func<TInput, CancellationToken, TResult> work, CancellationToken cancellationToken)
    {
        Input = input;
        _work = work;
        _cancellationToken = cancellationToken;
    }

    public TInput Input { get; }

    /// <summary>Whether some thread has finished running the job (with a result or without).</summary>
    internal bool IsFinished => Volatile.Read(ref _state) == Finished;

    internal override bool TryRun()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Waiting) != Waiting)
        {
            return false;
        }

        TResult? result = null;
        try
        {
            if (!_cancellationToken.IsCancellationRequested)
            {
                result = _work(Input, _cancellationToken);
            }
        }
        catch (Exception)
        {
            // No result: Join does the work again, on its thread and under its token, where the exception takes its usual path.
        }
        finally
        {
            // The driver keeps the job in its cache: it must not keep the run's token (and its source) alive too.
            _cancellationToken = default;
            lock (_gate)
            {
                _result = result;
                Volatile.Write(ref _state, Finished);
                Monitor.PulseAll(_gate);
            }
        }

        return true;
    }

    /// <summary>
    /// Takes the job's result: the work runs on this thread if no thread has started it; while a helper runs it, this
    /// thread runs other queued jobs, then waits. The job lets go of the result (the driver keeps the job): a second
    /// call does the work again.
    /// </summary>
    public TResult Join(CancellationToken cancellationToken)
    {
        TryRun();
        while (!IsFinished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!JobQueue.RunOne())
            {
                lock (_gate)
                {
                    if (!IsFinished)
                    {
                        // Woken by PulseAll when the job finishes; the timeout only bounds how late a cancellation is seen.
                        Monitor.Wait(_gate, 50);
                    }
                }
            }
        }

        var result = Interlocked.Exchange(ref _result, null);
        if (result is not null)
        {
            return result;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _work(Input, cancellationToken);
    }

    public bool Equals(Job<TInput, TResult>? other) => other is not null && EqualityComparer<TInput>.Default.Equals(Input, other.Input);

    public override bool Equals(object? obj) => Equals(obj as Job<TInput, TResult>);

    public override int GetHashCode() => EqualityComparer<TInput>.Default.GetHashCode(Input!);
}
