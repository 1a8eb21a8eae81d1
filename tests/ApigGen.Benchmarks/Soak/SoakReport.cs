using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using ApigGen.Simulator;

namespace ApigGen.Benchmarks.Soak;

/// <summary>The calls of one phase of the soak: how many per fault and operation, how many wrong, and each call's latency.</summary>
internal sealed class SoakPhase
{
    private static readonly int Faults = Enum.GetValues<FaultMode>().Length;
    private static readonly int Ops = Enum.GetValues<SoakOp>().Length;

    private readonly long[] _calls = new long[Faults * Ops];
    private readonly long[] _wrong = new long[Faults * Ops];
    private readonly long[] _ticks;
    private readonly byte[] _faults;
    private int _recorded;

    public SoakPhase(string name, int calls)
    {
        Name = name;
        _ticks = new long[calls];
        _faults = new byte[calls];
    }

    public string Name { get; }

    /// <summary>The calls the phase is to make.</summary>
    public int Planned => _ticks.Length;

    public TimeSpan Elapsed { get; set; }

    public int Calls => Volatile.Read(ref _recorded);

    public long Wrong => _wrong.Sum();

    public void Record(SoakPlan plan, TimeSpan latency, bool wrong)
    {
        var cell = ((int)plan.Fault * Ops) + (int)plan.Op;
        Interlocked.Increment(ref _calls[cell]);
        if (wrong)
        {
            Interlocked.Increment(ref _wrong[cell]);
        }

        var slot = Interlocked.Increment(ref _recorded) - 1;
        if (slot < _ticks.Length)
        {
            _ticks[slot] = latency.Ticks;
            _faults[slot] = (byte)plan.Fault;
        }
    }

    /// <summary>Calls and wrong outcomes per expected outcome (what each call had to end in).</summary>
    public Dictionary<string, (long Calls, long Wrong)> ByOutcome()
    {
        var result = new Dictionary<string, (long Calls, long Wrong)>(StringComparer.Ordinal);
        for (var cell = 0; cell < _calls.Length; cell++)
        {
            if (_calls[cell] == 0)
            {
                continue;
            }

            var label = Label(new SoakPlan((SoakOp)(cell % Ops), (FaultMode)(cell / Ops), 0));
            result.TryGetValue(label, out var sum);
            result[label] = (sum.Calls + _calls[cell], sum.Wrong + _wrong[cell]);
        }

        return result;
    }

    /// <summary>Calls per operation.</summary>
    public long CallsOf(SoakOp op) => Enumerable.Range(0, Faults).Sum(f => _calls[(f * Ops) + (int)op]);

    /// <summary>Latency percentiles in milliseconds of the calls <paramref name="include"/> accepts by fault.</summary>
    public (double P50, double P90, double P99, double Max, int Count) Percentiles(Func<FaultMode, bool> include)
    {
        var count = Math.Min(Calls, _ticks.Length);
        var selected = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            if (include((FaultMode)_faults[i]))
            {
                selected.Add(_ticks[i]);
            }
        }

        if (selected.Count == 0)
        {
            return (0, 0, 0, 0, 0);
        }

        selected.Sort();
        double At(double q) => TimeSpan.FromTicks(selected[Math.Min(selected.Count - 1, (int)(q * selected.Count))]).TotalMilliseconds;
        return (At(0.50), At(0.90), At(0.99), TimeSpan.FromTicks(selected[^1]).TotalMilliseconds, selected.Count);
    }

    private static string Label(SoakPlan plan) => plan.Expect switch
    {
        SoakExpect.Success => plan.Fault == FaultMode.SlowBody ? "own response, body sent slowly" : "own response",
        SoakExpect.ApiError => "ApigException " + (int)plan.Status + " " + (plan.Code ?? "(HTML page)") + (plan.Fault == FaultMode.None ? " (real)" : plan.Fault == FaultMode.SlowBody ? " (real, slow body)" : " (" + plan.Fault + ")"),
        SoakExpect.Transport => "ApigTransportException (" + plan.Fault + ")",
        _ => "cancelled by the caller (" + plan.Fault + ")",
    };
}

/// <summary>Prints the phases of a soak run.</summary>
internal static class SoakReport
{
    public static void PrintPhases(SoakPhase warmup, IReadOnlyList<SoakPhase> phases)
    {
        var all = new[] { warmup }.Concat(phases).ToArray();
        Console.WriteLine($"{"phase",-8} {"calls",8} {"seconds",8} {"calls/s",8} | latency ms, all but hung calls: {"p50",7} {"p90",7} {"p99",7} {"max",7} | fault-free calls: {"p50",7} {"p99",7}");
        foreach (var phase in all)
        {
            var any = phase.Percentiles(f => f != FaultMode.Hang);
            var clean = phase.Percentiles(f => f == FaultMode.None);
            Console.WriteLine($"{phase.Name,-8} {phase.Calls,8} {phase.Elapsed.TotalSeconds,8:F1} {phase.Calls / phase.Elapsed.TotalSeconds,8:F0} | {string.Empty,32} {any.P50,7:F1} {any.P90,7:F1} {any.P99,7:F1} {any.Max,7:F0} | {string.Empty,16} {clean.P50,7:F1} {clean.P99,7:F1}");
        }

        var measured = phases.Sum(p => p.Calls);
        var seconds = phases.Sum(p => p.Elapsed.TotalSeconds);
        Console.WriteLine($"measured (token + AK/SK): {measured} calls in {seconds:F1} s, {measured / seconds:F0} calls/s");
        Console.WriteLine();

        Console.WriteLine("calls per operation (all phases): " + string.Join(", ", Enum.GetValues<SoakOp>().Select(op => op + " " + all.Sum(p => p.CallsOf(op)))));
        Console.WriteLine();
        var labels = all.SelectMany(p => p.ByOutcome().Keys).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();
        var tables = all.Select(p => p.ByOutcome()).ToArray();
        Console.WriteLine($"{"expected outcome",-52} " + string.Join(" ", all.Select(p => $"{p.Name,8}")) + $" {"wrong",6}");
        foreach (var label in labels)
        {
            var cells = tables.Select(t => t.TryGetValue(label, out var v) ? v : default).ToArray();
            Console.WriteLine($"{label,-52} " + string.Join(" ", cells.Select(c => $"{c.Calls,8}")) + $" {cells.Sum(c => c.Wrong),6}");
        }

        Console.WriteLine($"{"total",-52} " + string.Join(" ", all.Select(p => $"{p.Calls,8}")) + $" {all.Sum(p => p.Wrong),6}");
    }
}

/// <summary>
/// Samples the process's memory every few seconds while the soak runs: working set, GC heap, collections per
/// generation. <see cref="Mark"/> takes a sample after a full, compacting collection, to compare points of the run.
/// </summary>
internal sealed class SoakMemory : IDisposable
{
    private readonly List<Sample> _samples = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private long _calls;
    private volatile string _phase = "set-up";

    public SoakMemory(TimeSpan interval)
    {
        _samples.Add(Take("start"));
        _timer = new Timer(_ => Add(Take(null)), null, interval, interval);
    }

    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    public void CallDone() => Interlocked.Increment(ref _calls);

    /// <summary>A sample after a full blocking, compacting collection: the heap as small as it gets at this point.</summary>
    public Sample Mark(string label)
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var sample = Take(label);
        Add(sample);
        return sample;
    }

    public void Print(Sample start, Sample end)
    {
        Sample[] samples;
        lock (_samples)
        {
            samples = _samples.ToArray();
        }

        // At most about 30 rows: every n-th timed sample, and every marked one.
        var step = Math.Max(1, samples.Length / 30);
        Console.WriteLine($"{"s",6} {"phase",-8} {"calls",8} {"working set MB",15} {"GC heap MB",11} {"GC committed MB",16} {"gen0",6} {"gen1",6} {"gen2",6} {"threads",8}  note");
        for (var i = 0; i < samples.Length; i++)
        {
            var s = samples[i];
            if (s.Label is null && i % step != 0 && i != samples.Length - 1)
            {
                continue;
            }

            Console.WriteLine($"{s.Seconds,6:F0} {s.Phase,-8} {s.Calls,8} {s.WorkingSet / 1048576.0,15:F1} {s.Heap / 1048576.0,11:F1} {s.Committed / 1048576.0,16:F1} {s.Gen0,6} {s.Gen1,6} {s.Gen2,6} {s.Threads,8}  {s.Label}");
        }

        Console.WriteLine($"growth from the end of the warm-up to the end ({end.Calls - start.Calls} calls, after a full collection at both points): "
            + $"working set {(end.WorkingSet - start.WorkingSet) / 1048576.0:+0.0;-0.0} MB, GC heap {(end.Heap - start.Heap) / 1048576.0:+0.00;-0.00} MB, "
            + $"GC committed {(end.Committed - start.Committed) / 1048576.0:+0.0;-0.0} MB, "
            + $"{end.Gen2 - start.Gen2} gen2 collections ({end.Gen2 - start.Gen2 - 2} without the forced ones)");
    }

    public void Dispose() => _timer.Dispose();

    private void Add(Sample sample)
    {
        lock (_samples)
        {
            _samples.Add(sample);
        }
    }

    private Sample Take(string? label)
    {
        return new Sample(_clock.Elapsed.TotalSeconds, _phase, Interlocked.Read(ref _calls), Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), ThreadPool.ThreadCount, label);
    }

    /// <summary>
    /// One sample: <see cref="Heap"/> is what the GC counts as in use, <see cref="Committed"/> the memory it holds from the
    /// system (as of the last collection), <see cref="Threads"/> the thread pool's; <see cref="Label"/> is set on marked ones.
    /// </summary>
    internal sealed record Sample(double Seconds, string Phase, long Calls, long WorkingSet, long Heap, long Committed, int Gen0, int Gen1, int Gen2, int Threads, string? Label);
}
