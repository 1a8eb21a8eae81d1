using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ApigGen.Fuzz;

/// <summary>A broken invariant: what, where (seed and case), and the file holding the input that broke it.</summary>
internal sealed record Failure(string Mode, string Kind, long Seed, long Case, string Detail, string? InputFile);

/// <summary>Counts of a campaign: cases, outcomes by type, failures (with reproducers), timings.</summary>
internal sealed class FuzzReport
{
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failuresByKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<long>> _casesByKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<long>> _keptCasesByKind = new(StringComparer.Ordinal);

    public FuzzReport(string mode, long seed, string? outputDirectory)
    {
        Mode = mode;
        Seed = seed;
        OutputDirectory = outputDirectory;
    }

    public string Mode { get; }

    public long Seed { get; }

    /// <summary>Where failing inputs are written; null: not written (the CI slice puts the input in the message).</summary>
    public string? OutputDirectory { get; }

    public long Cases { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>Failures kept in full: those of the first few failing cases of each kind (all are counted, and every failing case is named).</summary>
    public List<Failure> Failures { get; } = new();

    public IReadOnlyDictionary<string, long> Outcomes => _outcomes;

    public IReadOnlyDictionary<string, int> FailuresByKind => _failuresByKind;

    public int FailureCount => _failuresByKind.Values.Sum();

    /// <summary>Extra lines for the summary (slowest case, compile checks …).</summary>
    public List<string> Notes { get; } = new();

    public void Count(string outcome, long n = 1) => _outcomes[outcome] = _outcomes.TryGetValue(outcome, out var c) ? c + n : n;

    /// <summary>How many failing cases of each kind keep their failures in full (one case may break several times).</summary>
    public const int KeptPerKind = 5;

    /// <summary>
    /// Records a failure; every failure of the first <see cref="KeptPerKind"/> failing cases of each kind is kept, with
    /// the case's input in a file. A case failing many times (a batch's compile errors) cannot hide the next case.
    /// </summary>
    public void Fail(string kind, long caseIndex, string detail, byte[]? input, string extension)
    {
        _failuresByKind[kind] = _failuresByKind.TryGetValue(kind, out var n) ? n + 1 : 1;
        if (!_casesByKind.TryGetValue(kind, out var cases))
        {
            _casesByKind[kind] = cases = new SortedSet<long>();
            _keptCasesByKind[kind] = new HashSet<long>();
        }

        cases.Add(caseIndex);
        var kept = _keptCasesByKind[kind];
        if (!kept.Contains(caseIndex))
        {
            if (kept.Count >= KeptPerKind)
            {
                return;
            }

            kept.Add(caseIndex);
        }

        string? file = null;
        if (OutputDirectory is not null && input is not null)
        {
            Directory.CreateDirectory(OutputDirectory);
            file = Path.Combine(OutputDirectory, $"{Mode}-seed{Seed}-case{caseIndex}{extension}");
            File.WriteAllBytes(file, input);
            File.WriteAllText(file + ".txt", $"mode {Mode}, seed {Seed}, case {caseIndex}\nkind: {kind}\n{detail}\n");
        }

        Failures.Add(new Failure(Mode, kind, Seed, caseIndex, detail, file));
    }

    /// <summary>The first lines of a detail (the file beside the input keeps all of it).</summary>
    private static string Shorten(string detail)
    {
        var lines = detail.Split('\n');
        return lines.Length <= 14 ? detail : string.Join('\n', lines.Take(14)) + "\n…";
    }

    public string Summary()
    {
        var b = new StringBuilder();
        b.Append(Mode).Append(": ").Append(Cases).Append(" cases, seed ").Append(Seed).Append(", ")
            .Append(Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).Append(" s\n");
        b.Append("outcomes:\n");
        foreach (var pair in _outcomes.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            b.Append("  ").Append(pair.Key).Append(": ").Append(pair.Value).Append('\n');
        }

        foreach (var note in Notes)
        {
            b.Append(note).Append('\n');
        }

        b.Append("failures: ").Append(FailureCount).Append('\n');
        foreach (var pair in _failuresByKind.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var cases = _casesByKind[pair.Key];
            b.Append("  ").Append(pair.Key).Append(": ").Append(pair.Value).Append(" in ").Append(cases.Count)
                .Append(cases.Count == 1 ? " case: " : " cases: ").Append(string.Join(", ", cases.Take(50)))
                .Append(cases.Count > 50 ? ", …" : string.Empty).Append('\n');
        }

        foreach (var failure in Failures)
        {
            b.Append("- ").Append(failure.Kind).Append(" (reproduce: -- ").Append(failure.Mode).Append(" --seed ").Append(failure.Seed)
                .Append(" --case ").Append(failure.Case).Append(")\n    ").Append(Shorten(failure.Detail).Replace("\n", "\n    ", StringComparison.Ordinal)).Append('\n');
            if (failure.InputFile is not null)
            {
                b.Append("    input: ").Append(failure.InputFile).Append('\n');
            }
        }

        return b.ToString();
    }
}
