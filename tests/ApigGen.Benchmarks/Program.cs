using System;
using System.Linq;
using System.Threading.Tasks;
using ApigGen.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

if (args.Length >= 1 && args[0] == "--soak")
{
    // Many callers sharing one generated client per auth mode against the local simulator with faults mixed in:
    // every call must get its own answer, memory must stay flat (Soak/SoakRun.cs; --calls, --callers, --seed, --warmup).
    Environment.ExitCode = await ApigGen.Benchmarks.Soak.SoakRun.RunAsync(args[1..]);
    return;
}

if (args.Length is 3 or 4 && args[0] == "--pair-call")
{
    // Two call benchmarks timed in alternating blocks in one process, the ratio of each round (PairedCalls.cs).
    await PairedCalls.RunAsync(args[1], args[2], args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}

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
        ("ThreeHashes", () => Task.FromResult(benchmarks.ThreeHashes())),
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

if (args.Length is 2 or 3 && args[0] == "--profile-call")
{
    // One call benchmark (HandWritten, GeneratedToken, GeneratedTokenNewUrl, GeneratedAkSk, GeneratedError, ...) in a loop for 20 s (or the seconds
    // given), for a sampling profiler (perf with DOTNET_PerfMapEnabled=1) to attach to, or launch after launch to see how
    // much one launch differs from the next.
    var seconds = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
    var benchmarks = new CallBenchmarks();
    benchmarks.Setup();
    var call = PairedCalls.Pick(benchmarks, args[1]);
    // Every second's mean on its own line (seconds since the start): a launch's phases show as runs of slow seconds.
    var clock = System.Diagnostics.Stopwatch.StartNew();
    long calls = 0, secondCalls = 0;
    var secondStart = TimeSpan.Zero;
    while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
    {
        for (var i = 0; i < 1000; i++)
        {
            await call();
        }

        calls += 1000;
        secondCalls += 1000;
        var now = clock.Elapsed;
        if (now - secondStart >= TimeSpan.FromSeconds(1))
        {
            Console.WriteLine($"  {now.TotalSeconds:F3} s: {(now - secondStart).TotalMilliseconds * 1000 / secondCalls:F2} us/call");
            secondStart = now;
            secondCalls = 0;
        }
    }

    Console.WriteLine($"{args[1]}: {calls} calls, {clock.Elapsed.TotalMilliseconds * 1000 / calls:F2} us/call");
    return;
}

if (args.Length == 1 && args[0] == "--quick-retry-cost")
{
    // The success path of the token call as the runtime makes it (its own retry loop inside ApigPipeline), and the same
    // call wrapped in a Polly.Core 8.9.1 retry pipeline (3 retries, exponential backoff with jitter), paired as --pair-call
    // pairs two benchmarks: what Polly would add, in time and bytes per call.
    var benchmarks = new CallBenchmarks();
    benchmarks.Setup();
    var polly = Polly.RetryResiliencePipelineBuilderExtensions.AddRetry(
        new Polly.ResiliencePipelineBuilder(),
        new Polly.Retry.RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = Polly.DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new Polly.PredicateBuilder().Handle<System.Net.Http.HttpRequestException>(),
        }).Build();
    await PairedCalls.RunAsync(
        "own loop",
        benchmarks.GeneratedToken,
        "in Polly.Core",
        () => polly.ExecuteAsync(static async (state, _) => await state.GeneratedToken(), benchmarks, System.Threading.CancellationToken.None).AsTask(),
        rounds: 8);
    return;
}

if (args.Length == 2 && args[0] == "--cold-generator")
{
    // The first run of the generator in this process (its code and YamlDotNet's not compiled yet: what a cold csc pays)
    // against five more uncached runs over the same specs, whole API (catalogue or facts). Start a fresh process per look.
    var texts = WholeApiBenchmarks.Texts(args[1]);
    var compilation = CorpusCheck.EmptyCompilation(withReferences: false);
    for (var run = 0; run < 6; run++)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = CorpusCheck.NewDriver(texts).RunGenerators(compilation).GetRunResult();
        Console.WriteLine($"{(run == 0 ? "cold" : "warm")} run {run + 1}: {clock.Elapsed.TotalMilliseconds:F0} ms, {result.GeneratedTrees.Length} files for {texts.Count} specs");
    }

    return;
}

if (args.Length is 1 or 2 && args[0] == "--profile-generator")
{
    // Runs one part of the generator (full, emit, bind, yaml, events, index, crossfile, replay) over 500 specs for 20 s, for a sampling profiler
    // (perf with DOTNET_PerfMapEnabled=1, or dotnet-trace) to attach to.
    var (generator, run) = GeneratorPart(args.Length == 2 ? args[1] : "full");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(20))
    {
        run();
    }

    return;
}

if (args.Length == 2 && args[0] == "--call-allocation-types")
{
    // What one call of CallBenchmarks (by method name) allocates, by type: the runtime's sampled allocation ticks over 1,000,000 calls.
    var benchmarks = new CallBenchmarks();
    benchmarks.Setup();
    var method = typeof(CallBenchmarks).GetMethod(args[1]) ?? throw new ArgumentException("No call named " + args[1]);
    var call = (Func<Task>)(() => (Task)method.Invoke(benchmarks, null)!);
    for (var i = 0; i < 20000; i++)
    {
        await call();
    }

    const int calls = 1000000;
    using (var listener = new AllocationListener())
    {
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        listener.Print(runs: calls, inBytes: true);
    }

    return;
}

if (args.Length is 1 or 2 && args[0] == "--allocation-types")
{
    // What one part of the generator (full, emit, bind, yaml, events, index, crossfile, replay) allocates per run, by type (sampled by the runtime).
    var (_, run) = GeneratorPart(args.Length == 2 ? args[1] : "full");
    for (var i = 0; i < 10; i++)
    {
        run();
    }

    using var listener = new AllocationListener();
    for (var i = 0; i < 20; i++)
    {
        run();
    }

    listener.Print(runs: 20);
    return;
}

if (args.Length == 1 && args[0] == "--gc-trace")
{
    // Every garbage collection during six full runs: generation, pause and what it promoted. Then the same while only
    // binding (models dropped at once) and while keeping every bound model, which shows what the survivors cost.
    var generator = new GeneratorBenchmarks { Specs = 500 };
    generator.Setup();
    for (var i = 0; i < 15; i++)
    {
        generator.FullUncachedRun();
    }

    using var listener = new GcListener();
    for (var i = 0; i < 6; i++)
    {
        listener.Mark("full run " + i);
        generator.FullUncachedRun();
    }

    for (var i = 0; i < 3; i++)
    {
        listener.Mark("bind, models dropped " + i);
        generator.BindOnly();
    }

    for (var i = 0; i < 3; i++)
    {
        listener.Mark("bind, models kept " + i);
        GC.KeepAlive(generator.KeepModels());
    }

    listener.Print();
    return;
}

if (args.Length == 2 && args[0] == "--quick-part")
{
    // One part of the generator (full, emit, bind, yaml, events, index, crossfile, replay) over 500 specs, 60 times: for A/B
    // comparisons of one part on a noisy machine (compare the best times of alternating runs).
    var (_, run) = GeneratorPart(args[1]);
    var sample = Measure(run, warmups: 15, runs: 60);
    Console.WriteLine($"{args[1]}: median {sample.Median:F2} ms, best {sample.Min:F2} ms, {sample.AllocatedKb} KB allocated, {sample.GcPauseMs:F1} ms GC pause, {sample.CpuMs:F1} ms CPU per run");
    return;
}

if (args.Length == 1 && args[0] == "--parts")
{
    // Each stage of a 500-spec run alone, 30 times: median, best, allocations and GC pause. For comparing changes.
    var generator = new GeneratorBenchmarks { Specs = 500 };
    generator.Setup();
    PrintParts(generator);
    return;
}

if (args.Length is 1 or 2 && args[0] == "--quick-full")
{
    // Only the full uncached run, 40 times (median, mean, allocations, GC pauses): a quick comparison between two
    // changes. BenchmarkDotNet's figures are the ones to report.
    var generator = new GeneratorBenchmarks { Specs = args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500 };
    generator.Setup();
    var sample = Measure(() => generator.FullUncachedRun(), warmups: 15, runs: 40);
    Console.WriteLine($"full uncached run, {generator.Specs} specs, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC: median {sample.Median:F1} ms, mean {sample.Mean:F1} ms, min {sample.Min:F1} ms; "
        + $"{sample.AllocatedKb} KB allocated, {sample.GcPauseMs:F1} ms GC pause, {sample.CpuMs:F1} ms CPU per run");
    return;
}

if (args.Length == 1 && args[0] == "--quick-generator")
{
    // Where a full run's time goes: output size, what a driver keeps, time per tracked step, then each stage alone.
    var generator = new GeneratorBenchmarks { Specs = 500 };
    generator.Setup();
    var emitted = generator.EmitAll();
    Console.WriteLine($"output: {emitted.Sum(e => e.Length) / 1024} KB of C# for {emitted.Count} specs");
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

    for (var i = 0; i < 4; i++)
    {
        generator.StepTimes();
    }

    foreach (var (step, elapsed, items) in generator.StepTimes())
    {
        Console.WriteLine($"step {step,-22} {elapsed.TotalMilliseconds,8:F1} ms over {items} items");
    }

    PrintParts(generator);
    return;
}

if (args.Length is 2 or 3 && args[0] == "--facts-corpus")
{
    // The facts-only corpus (FactsCorpus.cs) written into a folder, for build-time.sh: one spec per operation. Unless
    // --unchecked is given, only the specs this checkout's generator turns into code that compiles are written; the
    // others are named on standard error (syntax still being implemented).
    var directory = args[1];
    var specs = FactsCorpus.Specs().Select(spec => (Name: spec.OperationId + ".apig.yaml", spec.Yaml)).ToList();
    if (args.Length == 3 && args[2] != "--unchecked")
    {
        throw new ArgumentException("--facts-corpus DIR [--unchecked], not " + args[2]);
    }

    var (kept, skipped) = args.Length == 3 ? (specs, new()) : CorpusCheck.Check(specs, compile: true);
    foreach (var (name, reason) in skipped.OrderBy(s => s.Name, StringComparer.Ordinal))
    {
        Console.Error.WriteLine("skipped " + name + ": " + reason);
    }

    FactsCorpus.Write(directory, only: kept.Select(spec => spec.Name[..^".apig.yaml".Length]).ToHashSet(StringComparer.Ordinal));
    Console.WriteLine($"facts-only corpus: {kept.Count} of {specs.Count} operations written to {directory}; {skipped.Count} skipped");
    return;
}

if (args.Length == 3 && args[0] == "--seed-corpus")
{
    // N copies of the seed spec, numbered as GeneratorBenchmarks makes them, written into a folder (build-time.sh --mode warm).
    var count = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    System.IO.Directory.CreateDirectory(args[1]);
    var seed = System.IO.File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "seed.apig.yaml"));
    for (var i = 0; i < count; i++)
    {
        System.IO.File.WriteAllText(System.IO.Path.Combine(args[1], "op" + i + ".apig.yaml"), ApigGen.Testing.SeedSpecs.Numbered(seed, i));
    }

    Console.WriteLine($"seed-shaped corpus: {count} specs written to {args[1]}");
    return;
}

var jobAt = Array.IndexOf(args, "--job");
if (jobAt >= 0 && jobAt + 1 < args.Length && args[jobAt + 1].Equals("dry", StringComparison.OrdinalIgnoreCase))
{
    // A check that the benchmarks run at all (one invocation each): BenchmarkDotNet would add the command line's job to
    // the jobs a class configures and run those too, so the classes with jobs of their own (GeneratorJobs) add none when
    // DryRun.Variable is set, and the one job is given here. The generated project still imports
    // Directory.Build.targets (the YamlDotNet build the package ships), as the classes' own jobs do.
    Environment.SetEnvironmentVariable(DryRun.Variable, "1");
    var config = DefaultConfig.Instance.AddJob(DryRun.Job);
    BenchmarkSwitcher.FromAssembly(typeof(CallBenchmarks).Assembly).Run(args.Take(jobAt).Concat(args.Skip(jobAt + 2)).ToArray(), config);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CallBenchmarks).Assembly).Run(args);

// Each stage of a run alone (after a set-up one), timed by Measure.
static void PrintParts(GeneratorBenchmarks generator)
{
    generator.PrepareEmitInputs();
    generator.PrepareReplay();
    foreach (var (name, run) in new (string, Action)[]
    {
        ("YamlDotNet events", () => generator.YamlDotNetEventsOnly()),
        ("YAML nodes (incl. events)", () => generator.ReadYamlOnly()),
        ("bind (incl. YAML)", () => generator.BindOnly()),
        ("schema index + slices", () => generator.IndexOnly()),
        ("cross-file rules", () => generator.CrossFileOnly()),
        ("emit", () => generator.EmitOnly()),
        ("bind + emit", () => generator.BindAndEmitOnly()),
        ("driver replaying output", () => generator.DriverReplayOnly()),
        ("full driver run", () => generator.FullUncachedRun()),
    })
    {
        var sample = Measure(run, warmups: 10, runs: 30);
        Console.WriteLine($"{name,-26} median {sample.Median,7:F2} ms  best {sample.Min,7:F2} ms  {sample.AllocatedKb,7} KB  GC pause {sample.GcPauseMs,5:F1} ms  CPU {sample.CpuMs,7:F1} ms");
    }
}

// Runs warm-ups, then times each run: what the quick modes print.
static Sample Measure(Action run, int warmups, int runs)
{
    for (var i = 0; i < warmups; i++)
    {
        run();
    }

    var times = new double[runs];
    // Every thread's allocations and processor time (the generator's helper threads and the GC's threads included), not only this one's.
    var pauseBefore = GC.GetTotalPauseDuration();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < runs; i++)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        run();
        times[i] = clock.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    return new Sample(times[runs / 2], times.Average(), times[0], (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / runs / 1024, (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / runs, cpu.TotalMilliseconds / runs);
}

static (GeneratorBenchmarks Generator, Action Run) GeneratorPart(string part)
{
    var generator = new GeneratorBenchmarks { Specs = 500 };
    generator.Setup();
    generator.PrepareEmitInputs();
    if (part == "replay")
    {
        generator.PrepareReplay();
    }

    Action run = part switch
    {
        "full" => () => generator.FullUncachedRun(),
        "replay" => () => generator.DriverReplayOnly(),
        "emit" => () => generator.EmitOnly(),
        "bind" => () => generator.BindOnly(),
        "yaml" => () => generator.ReadYamlOnly(),
        "events" => () => generator.YamlDotNetEventsOnly(),
        "index" => () => generator.IndexOnly(),
        "crossfile" => () => generator.CrossFileOnly(),
        _ => throw new ArgumentException("part: full, emit, bind, yaml, events, index, crossfile or replay, not " + part),
    };
    return (generator, run);
}

/// <summary>Timings of repeated runs, in milliseconds, with allocations, GC pause and processor time (all threads) per run.</summary>
internal sealed record Sample(double Median, double Mean, double Min, long AllocatedKb, double GcPauseMs, double CpuMs);
