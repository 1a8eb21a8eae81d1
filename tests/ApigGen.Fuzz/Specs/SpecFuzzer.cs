using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ApigGen.Fuzz.Specs;

/// <summary>
/// Spec fuzzing: generated specs through the generator, several per driver run (each in its own namespace so that they
/// do not meet), checking that no exception escapes, that no APIG0001 is reported, that every diagnostic lies inside its
/// own file, and that every accepted spec generates code that compiles with no warning (nullable, documentation).
/// A batch with a problem is rerun spec by spec, so that every failure names one spec and one case.
/// </summary>
internal sealed class SpecFuzzer
{
    private static readonly Regex CaseInName = new(@"Fuzz[./\\]c(\d+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly GeneratorRunner _runner = new();
    private readonly SpecMutator _mutator;
    private readonly FuzzReport _report;
    private TimeSpan _slowestBatch;
    private string _slowestBatchCases = string.Empty;
    private long _compiledCases;
    private TimeSpan _makeTime;

    public SpecFuzzer(SpecMutator mutator, FuzzReport report)
    {
        _mutator = mutator;
        _report = report;
    }

    /// <summary>Specs per driver run.</summary>
    public int BatchSize { get; init; } = 25;

    /// <summary>Compile the output of every Nth batch (1: every batch).</summary>
    public int CompileEvery { get; init; } = 1;

    /// <summary>Prints progress to the console every this many cases (0: never).</summary>
    public int ProgressEvery { get; init; }

    public void Run(long start, long count)
    {
        var clock = Stopwatch.StartNew();
        var batchNumber = 0;
        for (var first = start; first < start + count; first += BatchSize, batchNumber++)
        {
            var last = Math.Min(first + BatchSize, start + count);
            var cases = new List<SpecCase>();
            var makeClock = Stopwatch.StartNew();
            for (var i = first; i < last; i++)
            {
                cases.Add(_mutator.Make(_report.Seed, i));
            }

            _makeTime += makeClock.Elapsed;

            if (_report.OutputDirectory is not null)
            {
                Directory.CreateDirectory(_report.OutputDirectory);
                File.WriteAllText(Path.Combine(_report.OutputDirectory, "specs-progress.txt"), $"seed {_report.Seed}, running cases {first}..{last - 1} (if the process died, rerun them with --case)\n");
            }

            var compile = batchNumber % CompileEvery == 0;
            var batchClock = Stopwatch.StartNew();
            var evaluation = Evaluate(cases, compile);
            batchClock.Stop();
            if (batchClock.Elapsed > _slowestBatch)
            {
                _slowestBatch = batchClock.Elapsed;
                _slowestBatchCases = first + ".." + (last - 1);
            }

            foreach (var outcome in evaluation.Outcomes)
            {
                _report.Count(outcome);
            }

            if (compile)
            {
                _compiledCases += evaluation.Outcomes.Count(o => o == "accepted");
            }

            if (evaluation.Problems.Count > 0)
            {
                Attribute(cases, evaluation, compile);
            }

            _report.Cases += cases.Count;
            if (_report.OutputDirectory is not null)
            {
                // The summary so far, so that a run stopped early still reports what it did.
                _report.Elapsed = clock.Elapsed;
                File.WriteAllText(Path.Combine(_report.OutputDirectory, "specs-summary.txt"), _report.Summary());
                _report.Elapsed = TimeSpan.Zero;
            }

            if (ProgressEvery > 0 && (_report.Cases / ProgressEvery) != ((_report.Cases - cases.Count) / ProgressEvery))
            {
                Console.WriteLine($"  specs: {_report.Cases} cases, {_report.FailureCount} failures, {clock.Elapsed.TotalSeconds:0} s");
            }
        }

        _report.Elapsed += clock.Elapsed;
        _report.Notes.Clear();
        _report.Notes.Add($"accepted specs whose output was compiled: {_compiledCases} (every {(CompileEvery == 1 ? "batch" : CompileEvery + "th batch")} of {BatchSize})");
        _report.Notes.Add($"time making cases: {_makeTime.TotalSeconds:0.0} s");
        _report.Notes.Add($"slowest batch: cases {_slowestBatchCases}, {_slowestBatch.TotalSeconds:0.00} s");
    }

    /// <summary>Checks one spec file alone (output compiled) and prints its diagnostics and problems; true when it holds.</summary>
    public bool CheckFile(byte[] bytes)
    {
        var evaluation = Evaluate(new List<SpecCase> { new(0, bytes, "file") }, compile: true);
        Console.WriteLine("outcome: " + evaluation.Outcomes[0]);
        foreach (var line in _diagnosticLog)
        {
            Console.WriteLine("  " + line);
        }

        foreach (var problem in evaluation.Problems)
        {
            Console.WriteLine("PROBLEM " + problem.Kind + ": " + problem.Detail);
        }

        return evaluation.Problems.Count == 0;
    }

    private readonly List<string> _diagnosticLog = new();

    /// <summary>
    /// Reruns alone each spec a problem of the batch names (every spec of the batch when a problem names none), so that a
    /// failure is reported on one spec; a problem that only shows in the batch is reported as such.
    /// </summary>
    private void Attribute(List<SpecCase> cases, Evaluation batch, bool compile)
    {
        var suspects = batch.Problems.Any(p => p.Case is null) || cases.Count == 1
            ? cases
            : cases.Where(c => batch.Problems.Any(p => p.Case == c.Index)).ToList();
        var found = new HashSet<long>();
        if (cases.Count > 1)
        {
            foreach (var single in suspects)
            {
                var alone = Evaluate(new List<SpecCase> { single }, compile && batch.Problems.Any(p => p.Kind.StartsWith("accepted", StringComparison.Ordinal)));
                foreach (var problem in alone.Problems)
                {
                    found.Add(single.Index);
                    _report.Fail(problem.Kind, single.Index, problem.Detail + "\nrecipe: " + single.Recipe, single.Bytes, ".apig.yaml");
                }
            }
        }

        foreach (var problem in batch.Problems)
        {
            if (problem.Case is { } index && found.Contains(index))
            {
                continue;
            }

            if (problem.Case is null && found.Count > 0)
            {
                continue;
            }

            var owner = problem.Case is { } i ? cases.First(c => c.Index == i) : cases[0];
            var detail = problem.Detail + "\nrecipe: " + owner.Recipe + (cases.Count > 1 ? $"\n(seen in the batch of cases {cases[0].Index}..{cases[^1].Index}; not alone)" : string.Empty);
            _report.Fail(problem.Kind, owner.Index, detail, owner.Bytes, ".apig.yaml");
        }
    }

    internal sealed record Problem(string Kind, long? Case, string Detail);

    internal sealed record Evaluation(List<string> Outcomes, List<Problem> Problems);

    /// <summary>Runs the generator over <paramref name="cases"/> and checks every invariant.</summary>
    internal Evaluation Evaluate(List<SpecCase> cases, bool compile)
    {
        var inputs = cases.Select(c => new SpecInput($"{GeneratorRunner.ProjectDirectory}Fuzz/c{c.Index}.apig.yaml", GeneratorRunner.Decode(c.Bytes), "Fuzz.C" + c.Index)).ToList();
        var byPath = inputs.Zip(cases).ToDictionary(p => p.First.Path, p => (Input: p.First, Case: p.Second), StringComparer.Ordinal);
        var problems = new List<Problem>();
        GeneratorDriverRunResult result;
        Compilation output;
        try
        {
            (result, output) = _runner.Run(inputs);
        }
        catch (Exception ex)
        {
            problems.Add(new Problem("exception escaped the generator driver", cases.Count == 1 ? cases[0].Index : null, ex.ToString()));
            return new Evaluation(cases.Select(_ => "driver threw").ToList(), problems);
        }

        foreach (var generatorResult in result.Results)
        {
            if (generatorResult.Exception is { } ex)
            {
                problems.Add(new Problem("exception escaped the generator", cases.Count == 1 ? cases[0].Index : null, ex.ToString()));
            }
        }

        var rejected = new HashSet<long>();
        foreach (var diagnostic in result.Diagnostics)
        {
            _report.Count("diagnostic " + diagnostic.Id);
            if (cases.Count == 1)
            {
                _diagnosticLog.Add(diagnostic.ToString());
            }

            var location = diagnostic.Location;
            var path = location.Kind == LocationKind.None ? null : location.GetLineSpan().Path;
            long? owner = path is not null && byPath.TryGetValue(path, out var entry) ? entry.Case.Index : OwnerByName(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            var message = diagnostic.ToString();
            if (diagnostic.Id == "APIG0001")
            {
                problems.Add(new Problem("APIG0001 (internal error)", owner, message));
            }
            else if (diagnostic.Id is "CS8784" or "CS8785")
            {
                problems.Add(new Problem("exception escaped the generator", owner, message));
            }

            if (diagnostic.Severity == DiagnosticSeverity.Error && owner is { } rejectedCase)
            {
                rejected.Add(rejectedCase);
            }

            if (location.Kind == LocationKind.None)
            {
                if (diagnostic.Id != "APIG0001")
                {
                    problems.Add(new Problem("diagnostic without a location", owner, message));
                }

                continue;
            }

            if (path is null || !byPath.TryGetValue(path, out var own))
            {
                problems.Add(new Problem("diagnostic located outside every spec", owner, message + " (path " + path + ")"));
                continue;
            }

            if (CheckLocation(location, own.Input.Text) is { } wrong)
            {
                problems.Add(new Problem("diagnostic location outside its file", own.Case.Index, message + ": " + wrong));
            }
        }

        var outcomes = cases.Select(c => rejected.Contains(c.Index) ? "rejected (error diagnostic)" : "accepted").ToList();
        if (compile && outcomes.Contains("accepted"))
        {
            foreach (var diagnostic in GeneratorRunner.CompileProblems(output))
            {
                var treePath = diagnostic.Location.SourceTree?.FilePath ?? string.Empty;
                var owner = OwnerByName(treePath);
                if (owner is { } index && rejected.Contains(index))
                {
                    continue;
                }

                var line = diagnostic.Location.SourceTree is { } tree ? " | " + tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim() : string.Empty;
                problems.Add(new Problem("accepted spec's output does not compile cleanly", owner, diagnostic + line));
            }
        }

        return new Evaluation(outcomes, problems);
    }

    private static long? OwnerByName(string text) => CaseInName.Match(text) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Null when the location lies inside <paramref name="text"/> and its line/column agree with its span; else what is wrong.</summary>
    internal static string? CheckLocation(Location location, SourceText text)
    {
        var lines = text.Lines;
        var span = location.SourceSpan;
        var lineSpan = location.GetLineSpan().Span;
        if (span.Start < 0 || span.End > text.Length)
        {
            return $"span {span} outside the text of {text.Length} characters";
        }

        if (lineSpan.Start.Line < 0 || lineSpan.End.Line >= lines.Count || lineSpan.Start > lineSpan.End)
        {
            return $"lines {lineSpan} outside the {lines.Count} lines of the file";
        }

        if (lineSpan.Start.Character < 0 || lineSpan.Start.Character > lines[lineSpan.Start.Line].Span.Length
            || lineSpan.End.Character < 0 || lineSpan.End.Character > lines[lineSpan.End.Line].Span.Length)
        {
            return $"columns {lineSpan} outside their lines (lengths {lines[lineSpan.Start.Line].Span.Length} and {lines[lineSpan.End.Line].Span.Length})";
        }

        var expected = lines.GetLinePositionSpan(span);
        if (expected != lineSpan)
        {
            return $"line/column {lineSpan} disagree with span {span}, which is at {expected}";
        }

        return null;
    }
}
