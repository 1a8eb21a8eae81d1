using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Benchmarks.Apig;
using ApigGen.Simulator;

namespace ApigGen.Benchmarks.Soak;

/// <summary>
/// The soak run (<c>--soak</c>): many concurrent callers share one generated <see cref="ApigClient"/> per auth mode and
/// call the certificate family on the local simulator, which mixes in faults chosen per call. Every call must end in
/// its own response or its own typed error; memory must stay flat after the warm-up. Not a test: run by hand, it
/// prints its figures and exits with 1 when any call went wrong.
/// </summary>
internal sealed class SoakRun
{
    private readonly SoakOptions _options;
    private readonly SoakRegistry _registry = new();
    private readonly SoakPem _pem = new();
    private readonly ConcurrentQueue<string> _wrong = new();
    private long _wrongCount;
    private ApigSimulator _simulator = null!;
    private SoakCaller[] _callers = Array.Empty<SoakCaller>();

    private SoakRun(SoakOptions options) => _options = options;

    /// <summary>Runs the soak with the command line after <c>--soak</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (SoakOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine("usage: --soak [--calls N (100000)] [--callers N (1000)] [--seed N (1)] [--warmup N (calls/10)] [--sample-seconds S (5)] [--crosstalk N (off)] [--retries N (2)]");
            return 2;
        }

        return await new SoakRun(options).RunAsync().ConfigureAwait(false);
    }

    private async Task<int> RunAsync()
    {
        var o = _options;
        Console.WriteLine($"soak: {o.Callers} callers, {o.Calls} calls (half with a token, half with AK/SK), {o.Warmup} warm-up calls, seed {o.Seed}, {o.Retries} retries; "
            + $"{Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
        _simulator = await ApigSimulator.StartAsync().ConfigureAwait(false);
        await using var simulator = _simulator;
        simulator.RecordRequests = false;
        // The generated clients' shared HttpClient, unless a negative control asks for crosstalk.
        using var http = o.Crosstalk > 0 ? new System.Net.Http.HttpClient(new SoakCrosstalkHandler(o.Crosstalk)) : null;
        if (http is not null)
        {
            Console.WriteLine($"negative control: one request in {o.Crosstalk} is sent with the certificate of another caller's request; wrong outcomes are expected");
        }

        var token = new ApigClient(Options(ApigCredentials.Token(SimulatorState.DefaultToken)), http);
        var signing = new ApigClient(Options(ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey)), http);

        _callers = Enumerable.Range(0, o.Callers).Select(i => new SoakCaller(i, o.Seed, _registry)).ToArray();
        _registry.SetCallers(_callers);
        var setup = Stopwatch.StartNew();
        await CreateOwnCertificatesAsync(token).ConfigureAwait(false);
        Console.WriteLine($"set-up: {o.Callers} certificates created in {setup.Elapsed.TotalSeconds:F1} s");
        simulator.Faults.Choose = _registry.Choose;

        // Made before the warm-up ends, so that their latency arrays are not counted as growth.
        var warmup = new SoakPhase("warm-up", o.Warmup);
        var phases = new[] { new SoakPhase("token", o.Calls / 2), new SoakPhase("AK/SK", o.Calls - (o.Calls / 2)) };
        using var memory = new SoakMemory(TimeSpan.FromSeconds(o.SampleSeconds));
        await RunPhaseAsync(warmup, i => i % 2 == 0 ? token : signing, memory).ConfigureAwait(false);
        var start = memory.Mark("end of warm-up");
        await RunPhaseAsync(phases[0], _ => token, memory).ConfigureAwait(false);
        await RunPhaseAsync(phases[1], _ => signing, memory).ConfigureAwait(false);
        var end = memory.Mark("end");
        simulator.Faults.Choose = null;

        Console.WriteLine();
        SoakReport.PrintPhases(warmup, phases);
        Console.WriteLine();
        memory.Print(start, end);
        Console.WriteLine();
        Console.WriteLine($"simulator: {simulator.ValidSignatures} AK/SK signatures verified, {simulator.InvalidSignatures} failed; "
            + $"{simulator.RejectedTokens} tokens and {simulator.Unauthenticated} unauthenticated requests refused");
        Console.WriteLine($"fault chooser: {_registry.Orphans} requests matched no call in flight{(_registry.FirstOrphan is { } first ? " (first: " + first + ")" : string.Empty)}; "
            + $"{_registry.LateHangs} requests of cancelled calls arrived late; {SoakCaller.ResetBeforeHeaders} mid-body drops reset the connection before the headers were read; "
            + $"{SoakCaller.Retried} calls ended in an error after retries (more than one attempt, each signed again)");
        var wrong = Interlocked.Read(ref _wrongCount) + _registry.Orphans + simulator.InvalidSignatures + simulator.RejectedTokens + simulator.Unauthenticated;
        Console.WriteLine($"wrong outcomes: {Interlocked.Read(ref _wrongCount)}");
        foreach (var line in _wrong)
        {
            Console.WriteLine("  " + line);
        }

        Console.WriteLine(wrong == 0 ? "PASS: every call got its own response or its own typed error; every signature verified" : "FAIL");
        return wrong == 0 ? 0 : 1;
    }

    private ApigClientOptions Options(ApigCredentials credentials) => new()
    {
        Endpoint = _simulator.Endpoint,
        ProjectId = SimulatorState.DefaultProjectId,
        Credentials = credentials,
        // Retries as configured (--retries, default 2): a retried call must still end in its own answer, with as many
        // arrivals at the simulator as its exception counts attempts. MaxDelay 1 s: the simulator's 429 asks for 7 s,
        // which is more, so that answer stands at once instead of stalling the run.
        Retry = new ApigRetryOptions { MaxRetries = _options.Retries, Delay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromSeconds(1) },
    };

    /// <summary>Every caller's own certificate, 50 creates at a time, without faults.</summary>
    private async Task CreateOwnCertificatesAsync(ApigClient client)
    {
        using var gate = new SemaphoreSlim(50);
        await Task.WhenAll(_callers.Select(async caller =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var created = await client.CreateCertificateV2Async(new CreateCertificateV2Request { Body = _pem.Form(caller.CurrentName) }).ConfigureAwait(false);
                caller.CertificateId = created.Id!;
                if (!_registry.Add(created.Id!, caller))
                {
                    throw new InvalidOperationException("The simulator gave two certificates the id " + created.Id);
                }
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Every caller makes its share of the phase's calls, one after another, all callers at once.</summary>
    private async Task RunPhaseAsync(SoakPhase phase, Func<int, ApigClient> clientOf, SoakMemory memory)
    {
        var (name, calls) = (phase.Name, phase.Planned);
        memory.Phase = name;
        var clock = Stopwatch.StartNew();
        var callers = _callers.Select(caller => Task.Run(async () =>
        {
            IApigClient client = clientOf(caller.Index);
            var share = (calls / _callers.Length) + (caller.Index < calls % _callers.Length ? 1 : 0);
            for (var i = 0; i < share; i++)
            {
                var plan = caller.NextPlan();
                var started = Stopwatch.GetTimestamp();
                var wrong = await caller.CallAsync(client, plan, _pem).ConfigureAwait(false);
                phase.Record(plan, Stopwatch.GetElapsedTime(started), wrong is not null);
                memory.CallDone();
                if (wrong is not null)
                {
                    Interlocked.Increment(ref _wrongCount);
                    _wrong.Enqueue(name + ", caller " + caller.Index + ", " + plan + ": " + wrong);
                }
            }
        })).ToArray();
        await Task.WhenAll(callers).ConfigureAwait(false);
        phase.Elapsed = clock.Elapsed;
        Console.WriteLine($"{name}: {calls} calls in {phase.Elapsed.TotalSeconds:F1} s, {calls / phase.Elapsed.TotalSeconds:F0} calls/s, {phase.Wrong} wrong");
    }
}

/// <summary>The command line of the soak run.</summary>
internal sealed record SoakOptions(int Calls, int Callers, int Seed, int Warmup, double SampleSeconds, int Crosstalk, int Retries)
{
    public static SoakOptions? Parse(string[] args)
    {
        int calls = 100_000, callers = 1_000, seed = 1, crosstalk = 0, retries = 2;
        int? warmup = null;
        double sampleSeconds = 5;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                return null;
            }

            switch (args[i])
            {
                case "--calls": calls = (int)value; break;
                case "--callers": callers = (int)value; break;
                case "--seed": seed = (int)value; break;
                case "--warmup": warmup = (int)value; break;
                case "--sample-seconds": sampleSeconds = value; break;
                case "--crosstalk": crosstalk = (int)value; break;
                case "--retries": retries = (int)value; break;
                default: return null;
            }
        }

        return callers is < 1 or > 99_999 || calls < 2 || sampleSeconds <= 0 ? null : new SoakOptions(calls, callers, seed, warmup ?? calls / 10, sampleSeconds, crosstalk, retries);
    }
}
