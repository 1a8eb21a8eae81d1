using System;
using System.Threading;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Binding;

/// <summary>
/// The parse and bind of one spec, handed to <see cref="BindQueue"/> as soon as the driver gives us the spec, so that
/// an idle core can run it while the driver is still handing over the others. <see cref="Join"/> (the next pipeline
/// step) takes the result, and binds on its own thread when no other thread has started: a job never waits for a
/// thread to become free. A bind reads only its own input, so the result is the same whichever thread ran it.
/// </summary>
/// <remarks>
/// Equal exactly when input and options are equal, which is what the driver's cache compares; the result is not part
/// of equality. A job never lets an exception out on another thread: <see cref="SpecBinder.BindSafely"/> turns every
/// exception but cancellation into a diagnostic, and a job whose run was cancelled (or failed anyway) is bound again by
/// <see cref="Join"/>, on the joining thread and under its token.
/// </remarks>
internal sealed class BindJob : IEquatable<BindJob>
{
    private const int Waiting = 0;
    private const int Running = 1;
    private const int Finished = 2;

    private readonly Func<SpecInputModel, GlobalOptionsModel, CancellationToken, BindResult>? _bind;
    private CancellationToken _cancellationToken;
    private readonly object _gate = new();
    private int _state;
    private BindResult? _result;

    /// <param name="input">The spec.</param>
    /// <param name="options">The project's options.</param>
    /// <param name="cancellationToken">The token of the driver run that created the job: a run on another thread stops with it.</param>
    /// <param name="bind">Tests only: what binds, instead of <see cref="SpecBinder.Bind"/>.</param>
    public BindJob(SpecInputModel input, GlobalOptionsModel options, CancellationToken cancellationToken, Func<SpecInputModel, GlobalOptionsModel, CancellationToken, BindResult>? bind = null)
    {
        Input = input;
        Options = options;
        _cancellationToken = cancellationToken;
        _bind = bind;
    }

    public SpecInputModel Input { get; }

    public GlobalOptionsModel Options { get; }

    /// <summary>Whether some thread has finished running the job (successfully or not).</summary>
    internal bool IsFinished => Volatile.Read(ref _state) == Finished;

    /// <summary>Runs the job unless another thread has started it; false when it had.</summary>
    internal bool TryRun()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Waiting) != Waiting)
        {
            return false;
        }

        BindResult? result = null;
        try
        {
            if (!_cancellationToken.IsCancellationRequested)
            {
                result = SpecBinder.BindSafely(Input, Options, _cancellationToken, _bind);
            }
        }
        catch (Exception)
        {
            // Cancellation (or anything BindSafely let through): no result, and Join binds again if its own run goes on.
            // Nothing may escape here: on a thread-pool thread it would end the compiler's process.
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
    /// The job's result: bound on this thread if no thread has started it; otherwise, while another thread binds it, this
    /// one runs other queued jobs, then waits for it.
    /// </summary>
    public BindResult Join(CancellationToken cancellationToken)
    {
        TryRun();
        while (!IsFinished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!BindQueue.RunOne())
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

        var result = Volatile.Read(ref _result);
        if (result is not null)
        {
            return result;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return SpecBinder.BindSafely(Input, Options, cancellationToken, _bind);
    }

    public bool Equals(BindJob? other) => other is not null && Input.Equals(other.Input) && Options.Equals(other.Options);

    public override bool Equals(object? obj) => Equals(obj as BindJob);

    public override int GetHashCode() => unchecked((Input.GetHashCode() * 397) ^ Options.GetHashCode());
}
