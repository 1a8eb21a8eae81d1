using System;
using BenchmarkDotNet.Jobs;

namespace ApigGen.Benchmarks;

/// <summary>
/// <c>--job dry</c> (Program.cs): one invocation of each benchmark, to check that it runs, in place of the jobs the
/// benchmark classes configure themselves (BenchmarkDotNet would otherwise run the dry job besides theirs).
/// </summary>
internal static class DryRun
{
    /// <summary>Set to 1 by Program.cs for <c>--job dry</c>; the benchmark processes inherit it.</summary>
    public const string Variable = "APIGGEN_BENCHMARK_DRY";

    /// <summary>Whether this is a dry run: classes with jobs of their own then add none.</summary>
    public static bool IsOn => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>BenchmarkDotNet's dry job, with the generated project importing Directory.Build.targets (the YamlDotNet swap).</summary>
    public static Job Job => Job.Dry.WithArguments(new Argument[] { new MsBuildArgument("/p:ImportDirectoryBuildTargets=true") }).WithId("Dry");
}
