using System;
using System.Linq;
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

if (args.Length == 1 && args[0] == "--profile-generator")
{
    // Runs full uncached generator passes for a while, for a sampling profiler (dotnet-trace) to attach to.
    var generator = new GeneratorBenchmarks { Specs = 500 };
    generator.Setup();
    var clock = System.Diagnostics.Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(20))
    {
        generator.FullUncachedRun();
    }

    return;
}

if (args.Length == 1 && args[0] == "--quick-generator")
{
    // Where a full run's time goes, between full BenchmarkDotNet runs.
    var generator = new GeneratorBenchmarks { Specs = 500 };
    generator.Setup();
    var emitted = generator.EmitAll();
    generator.PrepareReplay();
    for (var i = 0; i < 5; i++)
    {
        generator.DriverReplayOnly();
    }

    Console.WriteLine($"output: {emitted.Sum(e => e.Length) / 1024} KB of C# for {emitted.Count} specs");
    {
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var kept = generator.FullUncachedRun();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        Console.WriteLine($"a driver after a full run keeps {(heapAfter - heapBefore) / 1024} KB alive");
        heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var models = generator.KeepModels();
        heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(models);
        Console.WriteLine($"the bound models of every spec take {(heapAfter - heapBefore) / 1024} KB");
    }

    for (var i = 0; i < 5; i++)
    {
        generator.FullUncachedRun();
        generator.BindOnly();
        generator.BindAndEmitOnly();
        generator.YamlDotNetEventsOnly();
        generator.ReadYamlOnly();
        generator.EmitOnly();
    }

    for (var i = 0; i < 4; i++)
    {
        generator.StepTimes();
    }

    foreach (var (step, elapsed, items) in generator.StepTimes())
    {
        Console.WriteLine($"step {step,-22} {elapsed.TotalMilliseconds,8:F1} ms over {items} items");
    }

    foreach (var (name, run) in new (string, Action)[]
    {
        ("YamlDotNet events", () => generator.YamlDotNetEventsOnly()),
        ("YAML nodes (incl. events)", () => generator.ReadYamlOnly()),
        ("bind (incl. YAML)", () => generator.BindOnly()),
        ("emit alone", () => generator.EmitOnly()),
        ("bind + emit", () => generator.BindAndEmitOnly()),
        ("full driver run", () => generator.FullUncachedRun()),
        ("driver replaying output", () => generator.DriverReplayOnly()),
    })
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var pauseBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var gen1Before = GC.CollectionCount(1);
        var gen2Before = GC.CollectionCount(2);
        for (var i = 0; i < 5; i++)
        {
            run();
        }

        Console.WriteLine($"{name,-24} {clock.Elapsed.TotalMilliseconds / 5,8:F1} ms  {(GC.GetAllocatedBytesForCurrentThread() - before) / 5 / 1024,8} KB  GC: {(GC.CollectionCount(0) - collectionsBefore) / 5.0,4:F1} gen0 {(GC.CollectionCount(1) - gen1Before) / 5.0,4:F1} gen1 {(GC.CollectionCount(2) - gen2Before) / 5.0,4:F1} gen2, {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / 5,6:F1} ms paused");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CallBenchmarks).Assembly).Run(args);
