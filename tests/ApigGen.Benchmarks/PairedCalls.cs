using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace ApigGen.Benchmarks;

/// <summary>
/// Paired runs of two call benchmarks in one process (argument <c>--pair-call A B [rounds]</c>): each round times a block
/// of calls of each, in alternating order, so that both meet the same machine load, JIT state and GC (timed as this thread's CPU time on Linux, so that other processes' load counts less); the ratio of each
/// round is printed and their median. Quicker and steadier between two runs than two BenchmarkDotNet runs a minute apart;
/// BenchmarkDotNet stays the measurement of record.
/// </summary>
internal static class PairedCalls
{
    private const int CallsPerBlock = 50_000;

    public static Task RunAsync(string first, string second, int rounds)
    {
        var benchmarks = new CallBenchmarks();
        benchmarks.Setup();
        return RunAsync(first, Pick(benchmarks, first), second, Pick(benchmarks, second), rounds);
    }

    /// <summary>
    /// Times <paramref name="a"/> and <paramref name="b"/> as above and prints every round: both times, what
    /// <paramref name="b"/> adds in time and bytes per call, the ratio; then the medians of the ratio and of the difference.
    /// </summary>
    public static async Task RunAsync(string first, Func<Task> a, string second, Func<Task> b, int rounds)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(5))
        {
            // Warm-up: every method through the tiers (dynamic PGO included, compiled on a background thread) before anything is timed.
            await TimeAsync(a, CallsPerBlock / 10);
            await TimeAsync(b, CallsPerBlock / 10);
        }

        var ratios = new List<double>();
        var differences = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            (double Ns, long Bytes) timeA, timeB;
            if (round % 2 == 0)
            {
                timeA = await TimeAsync(a, CallsPerBlock);
                timeB = await TimeAsync(b, CallsPerBlock);
            }
            else
            {
                timeB = await TimeAsync(b, CallsPerBlock);
                timeA = await TimeAsync(a, CallsPerBlock);
            }

            ratios.Add(timeB.Ns / timeA.Ns);
            differences.Add(timeB.Ns - timeA.Ns);
            Console.WriteLine(
                $"round {round + 1,2}: {first} {timeA.Ns,7:F0} ns  {second} {timeB.Ns,7:F0} ns  difference {timeB.Ns - timeA.Ns,6:F0} ns {timeB.Bytes - timeA.Bytes,5} B/call  ratio {timeB.Ns / timeA.Ns:F3}");
        }

        ratios.Sort();
        differences.Sort();
        Console.WriteLine($"{second} / {first}: median {ratios[ratios.Count / 2]:F3}, min {ratios[0]:F3}, max {ratios[^1]:F3}; difference median {differences[differences.Count / 2]:F0} ns; over {rounds} rounds of {CallsPerBlock} calls each");
    }

    /// <summary>
    /// Nanoseconds per call of this thread's CPU time where the OS can tell it (Linux: the calls complete synchronously, so
    /// they run on this thread; time the thread spent preempted by other processes does not count), else wall-clock time;
    /// and the bytes each call allocated on this thread.
    /// </summary>
    private static async Task<(double Ns, long Bytes)> TimeAsync(Func<Task> call, int calls)
    {
        var clock = Stopwatch.StartNew();
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpuNanoseconds();
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        var used = ThreadCpuNanoseconds() - cpu;
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - bytes) / calls;
        return (cpu >= 0 && used >= 0 ? (double)used / calls : clock.Elapsed.TotalMilliseconds * 1_000_000 / calls, perCall);
    }

    private static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        // CLOCK_THREAD_CPUTIME_ID
        return clock_gettime(3, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : -1;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    internal static Func<Task> Pick(CallBenchmarks benchmarks, string name) => name switch
    {
        "HandWritten" => benchmarks.HandWritten,
        "GeneratedToken" => benchmarks.GeneratedToken,
        "GeneratedTokenNewUrl" => benchmarks.GeneratedTokenNewUrl,
        "GeneratedAkSk" => benchmarks.GeneratedAkSk,
        "HandWrittenError" => benchmarks.HandWrittenError,
        "GeneratedError" => benchmarks.GeneratedError,
        "Refit" => benchmarks.Refit,
        "ThreeHashes" => () => Task.FromResult(benchmarks.ThreeHashes()),
        _ => throw new ArgumentException("unknown call " + name + "; one of HandWritten, GeneratedToken, GeneratedTokenNewUrl, GeneratedAkSk, HandWrittenError, GeneratedError, Refit, ThreeHashes"),
    };
}
