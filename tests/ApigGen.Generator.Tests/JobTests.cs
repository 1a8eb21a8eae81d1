using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Generator.Binding;
using ApigGen.Generator.Model;
using ApigGen.Generator.Pipeline;
using ApigGen.Generator.Tests.Infrastructure;
using ApigGen.Testing;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// Binds (and emissions) run as jobs that helper threads may start before the pipeline's next step joins them: whichever
/// thread runs a job, the step gets one result, worked out once, and nothing escapes on a helper thread.
/// </summary>
public sealed class JobTests
{
    private static readonly string Seed = File.ReadAllText(Catalogue.FileOf("BatchAssociateDomainsV2"));

    private static readonly GlobalOptionsModel Options = new("TestApp.Apig");

    /// <summary>A bind job as the pipeline makes them, binding with <paramref name="bind"/>.</summary>
    private static Job<(SpecInputModel, GlobalOptionsModel), BindResult> BindJob(
        SpecInputModel spec,
        GlobalOptionsModel options,
        CancellationToken cancellationToken,
        Func<SpecInputModel, GlobalOptionsModel, CancellationToken, BindResult>? bind = null) =>
        new((spec, options), (pair, token) => SpecBinder.BindSafely(pair.Item1, pair.Item2, token, bind), cancellationToken);

    private static SpecInputModel Spec(int i) =>
        new("/src/App/op" + i + ".apig.yaml", "op" + i + ".apig.g.cs", SeedSpecs.Numbered(Seed, i), null);

    [Fact]
    public void JoinBindsOnItsOwnThreadWhenNoOtherThreadStartedTheJob()
    {
        var bind = new CountingBind();
        var job = BindJob(Spec(1), Options, CancellationToken.None, bind.Bind);

        var result = job.Join(CancellationToken.None);

        Assert.Equal(1, bind.Calls);
        Assert.Equal(Environment.CurrentManagedThreadId, bind.LastThread);
        Assert.Equal(SpecBinder.Bind(Spec(1), Options, CancellationToken.None), result);
        Assert.NotNull(result.Model);
        Assert.False(job.TryRun()); // finished: never bound twice by helpers
    }

    [Fact]
    public async Task JoinTakesTheResultOfARunOnAnotherThreadWithoutBindingAgain()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var calls = 0;
        var helperResult = SpecBinder.Bind(Spec(2), Options, CancellationToken.None);
        var job = BindJob(Spec(2), Options, CancellationToken.None, (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            started.Set();
            release.Wait();
            return helperResult;
        });

        var helper = Task.Run(job.TryRun);
        started.Wait();
        var joined = Task.Run(() => job.Join(CancellationToken.None));
        release.Set();

        Assert.True(await helper);
        Assert.Same(helperResult, await joined);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void AJobWhoseRunWasCancelledIsBoundAgainByAJoinThatGoesOn()
    {
        var bind = new CountingBind();
        var job = BindJob(Spec(3), Options, new CancellationToken(canceled: true), bind.Bind);

        Assert.True(job.TryRun()); // a helper takes it after its run was cancelled: no bind
        Assert.Equal(0, bind.Calls);

        var result = job.Join(CancellationToken.None);

        Assert.Equal(1, bind.Calls);
        Assert.NotNull(result.Model);
    }

    [Fact]
    public void AJoinWhoseRunIsCancelledThrowsOperationCanceled()
    {
        var cancelled = new CancellationToken(canceled: true);
        var bind = new CountingBind();
        var job = BindJob(Spec(4), Options, cancelled, bind.Bind);
        job.TryRun();

        Assert.Throws<OperationCanceledException>(() => job.Join(cancelled));
        Assert.Equal(0, bind.Calls);
    }

    [Fact]
    public async Task NothingEscapesOnAHelperThreadAndTheJoinStillGetsAResult()
    {
        var calls = 0;
        var job = BindJob(Spec(5), Options, CancellationToken.None, (input, options, token) =>
        {
            // The first run (on the "helper") throws what BindSafely lets through; the join binds again.
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new OperationCanceledException("not this run's token");
            }

            return SpecBinder.Bind(input, options, token);
        });

        Assert.True(await Task.Run(job.TryRun));
        var result = job.Join(CancellationToken.None);

        Assert.Equal(2, calls);
        Assert.NotNull(result.Model);
    }

    [Fact]
    public void AnExceptionInABindOnAHelperBecomesAPIG0001OnThatFile()
    {
        var job = BindJob(Spec(6), Options, CancellationToken.None, (_, _, _) => throw new InvalidOperationException("bug"));

        Assert.True(job.TryRun());
        var diagnostic = Assert.Single(job.Join(CancellationToken.None).Diagnostics);

        Assert.Equal("APIG0001", diagnostic.Id);
        Assert.Equal("/src/App/op6.apig.yaml", diagnostic.Location.FilePath);
    }

    [Fact]
    public async Task WorkThatThrowsOnAHelperThrowsAgainOnTheJoiningThreadOnly()
    {
        var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
        var job = new Job<string, string>("file.apig.g.cs", (input, _) =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            throw new InvalidOperationException("emitter bug in " + input);
        }, CancellationToken.None);

        Assert.True(await Task.Run(job.TryRun)); // the helper's run swallows it...

        var thrown = Assert.Throws<InvalidOperationException>(() => job.Join(CancellationToken.None)); // ...the join's run reports it
        Assert.Equal("emitter bug in file.apig.g.cs", thrown.Message);
        Assert.Equal(2, threads.Count);
        Assert.Contains(Environment.CurrentManagedThreadId, threads);
    }

    [Fact]
    public void JoinLetsGoOfTheResultItTakes()
    {
        // The driver keeps every job in its cache: a job that kept its result would keep a second copy of each output.
        var calls = 0;
        var job = new Job<int, string>(7, (input, _) => "result " + input + " #" + Interlocked.Increment(ref calls), CancellationToken.None);

        Assert.Equal("result 7 #1", job.Join(CancellationToken.None));
        Assert.Equal("result 7 #2", job.Join(CancellationToken.None)); // worked out again: nothing was kept
    }

    [Theory]
    [InlineData(true, 1, 0)]
    [InlineData(true, 2, 1)]
    [InlineData(true, 4, 3)]
    [InlineData(true, 64, JobQueue.MaxHelpers)]
    [InlineData(false, 2, 0)]
    [InlineData(false, 64, 0)]
    [InlineData(true, 0, 0)]
    public void HelpersAreOneFewerThanTheCoresUnderServerGcOnly(bool serverGc, int cores, int helpers) =>
        Assert.Equal(helpers, JobQueue.HelperLimitFor(serverGc, cores));

    [Fact]
    public void AQueuedJobIsRunByAHelperWithoutAnyJoin()
    {
        if (JobQueue.Limit == 0)
        {
            return; // a single-core machine runs no helper: every job runs on its joining thread
        }

        Assert.NotEqual(Environment.CurrentManagedThreadId, RunOneJobOnAHelper());
    }

    [Fact]
    public void WithoutParallelEveryJobRunsOnTheJoiningThread()
    {
        if (JobQueue.Limit > 0)
        {
            RunOneJobOnAHelper(); // a helper is up and idle: had the jobs below been queued, it would take some of them
        }

        var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
        var jobs = Enumerable.Range(0, 50)
            .Select(i => JobQueue.Start(i, (input, _) =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                Thread.Sleep(2);
                return "file " + input;
            }, parallel: false, CancellationToken.None))
            .ToArray();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => "file " + i), jobs.Select(job => job.Join(CancellationToken.None)));
        Assert.Equal(new[] { Environment.CurrentManagedThreadId }, threads.Distinct());
    }

    /// <summary>Queues a job nobody joins and waits (at most a minute: the thread pool may be slow to start a thread) until a helper has run it; returns that helper's thread.</summary>
    private static int RunOneJobOnAHelper()
    {
        using var ran = new ManualResetEventSlim();
        var thread = -1;
        JobQueue.Start(0, (input, _) =>
        {
            thread = Environment.CurrentManagedThreadId;
            ran.Set();
            return "helped";
        }, parallel: true, CancellationToken.None);
        Assert.True(ran.Wait(TimeSpan.FromMinutes(1)), "no helper ran the queued job");
        return thread;
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(" FALSE ", false)]
    [InlineData("", true)]
    public void ApigGenParallelIsReadFromTheProjectAndChangesNoOutput(string? property, bool parallel)
    {
        var specs = Enumerable.Range(0, 8).Select(i => new Spec("/src/TestApp/op" + i + ".apig.yaml", Spec(i).Text)).ToArray();

        var (result, _, _) = new GeneratorHarness(parallel: property).Run(specs);
        var (reference, _, _) = new GeneratorHarness().Run(specs);

        var options = (GlobalOptionsModel)result.Results.Single().TrackedSteps[TrackingNames.GlobalOptions].Single().Outputs.Single().Value;
        Assert.Equal(parallel, options.Parallel);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            reference.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            result.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void TheseTestsRunUnderServerGcAsTheCompilerDoes()
    {
        // Otherwise no pipeline test would run a helper (ServerGarbageCollection in the project file).
        Assert.True(System.Runtime.GCSettings.IsServerGC);
        ThreadPool.GetMinThreads(out var cores, out _);
        Assert.Equal(JobQueue.HelperLimitFor(serverGc: true, cores), JobQueue.Limit);
    }

    [Fact]
    public void JobsAreEqualExactlyWhenInputAndOptionsAre()
    {
        var bound = BindJob(Spec(7), Options, CancellationToken.None);
        bound.Join(CancellationToken.None);

        Assert.Equal(bound, BindJob(Spec(7), new GlobalOptionsModel("TestApp.Apig"), CancellationToken.None)); // results play no part
        Assert.Equal(bound.GetHashCode(), BindJob(Spec(7), Options, CancellationToken.None).GetHashCode());
        Assert.NotEqual(bound, BindJob(Spec(8), Options, CancellationToken.None));
        Assert.NotEqual(bound, BindJob(Spec(7), new GlobalOptionsModel("Other.Apig"), CancellationToken.None));
        Assert.NotEqual(bound, BindJob(Spec(7) with { NamespaceOption = "Elsewhere" }, Options, CancellationToken.None));
    }

    [Fact]
    public async Task BindingOnManyThreadsAtOnceGivesWhatBindingOnOneThreadGives()
    {
        var specs = Enumerable.Range(100, 64).Select(Spec).ToArray();
        var expected = specs.Select(spec => SpecBinder.Bind(spec, Options, CancellationToken.None)).ToArray();

        // Jobs through the queue (its helpers take some), three more threads taking queued jobs as fast as they can, and
        // this thread joining them in order, as the driver does.
        var jobs = specs.Select(spec => JobQueue.Start((spec, Options), static (pair, token) => SpecBinder.BindSafely(pair.Item1, pair.Item2, token), parallel: true, CancellationToken.None)).ToArray();
        var takers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (JobQueue.RunOne())
            {
            }
        })).ToArray();
        var results = jobs.Select(job => job.Join(CancellationToken.None)).ToArray();
        await Task.WhenAll(takers);

        Assert.Equal(expected, results);
        Assert.All(jobs, job => Assert.True(job.IsFinished));
    }

    /// <summary>The real bind, counting its calls and remembering the thread of the last one.</summary>
    private sealed class CountingBind
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public int LastThread { get; private set; } = -1;

        public BindResult Bind(SpecInputModel input, GlobalOptionsModel options, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            LastThread = Environment.CurrentManagedThreadId;
            return SpecBinder.Bind(input, options, cancellationToken);
        }
    }
}
