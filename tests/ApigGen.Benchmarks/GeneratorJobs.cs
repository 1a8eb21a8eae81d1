using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ApigGen.Benchmarks;

/// <summary>
/// The jobs of the generator benchmarks: both garbage collectors, workstation (this benchmark process's default, as in
/// an IDE) and server (what the compiler server, VBCSCompiler, runs with in a build: its runtimeconfig sets
/// System.GC.Server). Ten iterations rather than the short job's three: the shared CI machine is noisy. None with
/// <c>--job dry</c> (<see cref="DryRun"/>).
/// </summary>
internal sealed class GeneratorJobs : ManualConfig
{
    public GeneratorJobs()
    {
        if (DryRun.IsOn)
        {
            return;
        }

        // The projects BenchmarkDotNet generates (under bin/) skip Directory.Build.targets by default; this one swaps in
        // the YamlDotNet build the package ships, so they must import it.
        var job = Job.ShortRun.WithIterationCount(10).WithArguments(new Argument[] { new MsBuildArgument("/p:ImportDirectoryBuildTargets=true") });
        AddJob(job.WithGcServer(false).WithId("WorkstationGC"));
        AddJob(job.WithGcServer(true).WithId("ServerGC"));
    }
}
