using System;
using System.Threading.Tasks;
using ApigGen.Benchmarks;
using BenchmarkDotNet.Running;

if (args.Length == 1 && args[0] == "--quick-allocations")
{
    // A fast look between full BenchmarkDotNet runs: bytes allocated per call on this thread.
    var benchmarks = new CallBenchmarks();
    benchmarks.Setup();
    foreach (var (name, call) in new (string, Func<Task>)[]
    {
        ("HandWritten", benchmarks.HandWritten),
        ("GeneratedToken", benchmarks.GeneratedToken),
        ("GeneratedAkSk", benchmarks.GeneratedAkSk),
        ("HandWrittenError", benchmarks.HandWrittenError),
        ("GeneratedError", benchmarks.GeneratedError),
    })
    {
        for (var i = 0; i < 2000; i++)
        {
            await call();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        const int calls = 20000;
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        Console.WriteLine($"{name,-18} {(GC.GetAllocatedBytesForCurrentThread() - before) / calls,6} B/call  {clock.Elapsed.TotalMilliseconds * 1000 / calls,8:F2} us/call");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CallBenchmarks).Assembly).Run(args);
