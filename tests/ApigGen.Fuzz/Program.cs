using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using ApigGen.Fuzz.Responses;
using ApigGen.Fuzz.Specs;

namespace ApigGen.Fuzz;

/// <summary>
/// <c>dotnet run -c Release --project tests/ApigGen.Fuzz -- MODE [--count N] [--seed S] [--case I] [--start I] [--out DIR]
/// [--batch N] [--compile-every N]</c>, or <c>specs --file F</c>; MODE is <c>specs</c>, <c>responses</c> or <c>all</c>. Exit code 1 when an
/// invariant broke. <c>--case I</c> reruns one case of a seed (the reproducer a failure prints).
/// </summary>
internal static class Program
{
    private const string Usage = "usage: ApigGen.Fuzz specs|responses|all [--count N] [--seed S] [--case I] [--start I] [--out DIR] [--batch N] [--compile-every N] | specs --file F";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("specs" or "responses" or "all"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }

            options[args[i].Substring(2)] = args[++i];
        }

        long Get(string name, long fallback) => options.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var seed = Get("seed", 1);
        var count = Get("count", 1000);
        var start = Get("start", 0);
        if (options.ContainsKey("case"))
        {
            start = Get("case", 0);
            count = 1;
        }

        var output = options.TryGetValue("out", out var dir) ? Path.GetFullPath(dir) : Path.Combine(Environment.CurrentDirectory, "fuzz-out");
        var failures = 0;
        if (args[0] is "specs" or "all")
        {
            var report = new FuzzReport("specs", seed, output);
            var fuzzer = new SpecFuzzer(new SpecMutator(Corpus.SpecSeeds()), report)
            {
                BatchSize = (int)Get("batch", 25),
                CompileEvery = (int)Get("compile-every", 1),
                ProgressEvery = count >= 5000 ? 5000 : 0,
            };
            if (options.TryGetValue("file", out var file))
            {
                // A reproducer written by an earlier run (or any spec file), checked alone.
                Console.WriteLine("specs: " + file);
                return fuzzer.CheckFile(File.ReadAllBytes(file)) ? 0 : 1;
            }

            Console.WriteLine($"specs: seed {seed}, cases {start}..{start + count - 1}, corpus {Corpus.SpecSeeds().Count} specs");
            fuzzer.Run(start, count);
            Console.WriteLine(report.Summary());
            failures += report.FailureCount;
        }

        if (args[0] is "responses" or "all")
        {
            var report = new FuzzReport("responses", seed, output);
            var fuzzer = await ResponseFuzzer.CreateAsync(report).ConfigureAwait(false);
            fuzzer.ProgressEvery = count >= 20000 ? 20000 : 0;
            Console.WriteLine($"responses: seed {seed}, cases {start}..{start + count - 1}, operations: {string.Join(", ", fuzzer.OperationNames)}");
            foreach (var skipped in fuzzer.Skipped)
            {
                Console.WriteLine("left out (no valid request could be built): " + skipped);
            }

            await fuzzer.RunAsync(start, count).ConfigureAwait(false);
            Console.WriteLine(report.Summary());
            failures += report.FailureCount;
        }

        return failures == 0 ? 0 : 1;
    }
}
