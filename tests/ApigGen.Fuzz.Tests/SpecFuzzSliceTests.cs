using System.Collections.Generic;
using System.Linq;
using System.Text;
using ApigGen.Fuzz.Specs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ApigGen.Fuzz.Tests;

/// <summary>A short slice of the spec campaign, with a fixed seed: any broken invariant fails it.</summary>
public sealed class SpecFuzzSliceTests
{
    private const long Seed = 20261205;

    [Fact]
    public void MutatedSpecsKeepEveryGeneratorInvariant()
    {
        var report = new FuzzReport("specs", Seed, outputDirectory: null);
        var fuzzer = new SpecFuzzer(new SpecMutator(Corpus.SpecSeeds("ssl-certificate-management")), report) { BatchSize = 50, CompileEvery = 1 };

        fuzzer.Run(0, 150);

        Assert.Equal(150, report.Cases);
        Assert.True(report.FailureCount == 0, report.Summary());

        // Both paths ran: some specs were accepted (and their output compiled), some refused.
        Assert.True(report.Outcomes.GetValueOrDefault("accepted") > 0, report.Summary());
        Assert.True(report.Outcomes.GetValueOrDefault("rejected (error diagnostic)") > 0, report.Summary());
    }

    [Fact]
    public void ACaseIsTheSameWhateverRanBeforeIt()
    {
        var mutator = new SpecMutator(Corpus.SpecSeeds("ssl-certificate-management"));
        var alone = mutator.Make(Seed, 4321);
        for (var i = 0; i < 20; i++)
        {
            _ = mutator.Make(Seed, i);
        }

        var again = mutator.Make(Seed, 4321);

        Assert.Equal(alone.Bytes, again.Bytes);
        Assert.Equal(alone.Recipe, again.Recipe);
        Assert.NotEqual(alone.Bytes, mutator.Make(Seed + 1, 4321).Bytes);
    }

    [Fact]
    public void TheMutatorWritesTheCorpusBackAsSpecsThatStillGenerate()
    {
        // Round trip of every corpus spec through the YAML tree: the writer itself must not break valid specs,
        // or "accepted" would only ever mean the unmutated originals.
        var corpus = Corpus.SpecSeeds("ssl-certificate-management");
        var report = new FuzzReport("specs", Seed, outputDirectory: null);
        var fuzzer = new SpecFuzzer(new SpecMutator(corpus), report);
        foreach (var spec in corpus)
        {
            var written = YamlWriter.Write(YNode.Parse(spec.Text));
            var evaluation = fuzzer.Evaluate(new List<SpecCase> { new(0, Encoding.UTF8.GetBytes(written), spec.Name) }, compile: true);
            Assert.True(evaluation.Outcomes.Single() == "accepted" && evaluation.Problems.Count == 0, spec.Name + ":\n" + written + "\n" + string.Join("\n", evaluation.Problems));
        }
    }

    [Fact]
    public void TheLocationCheckRefusesPositionsOutsideTheText()
    {
        var text = SourceText.From("a: 1\nb: 2");
        Location At(int start, int length, int line1, int column1, int line2, int column2) =>
            Location.Create("/x.apig.yaml", new TextSpan(start, length), new LinePositionSpan(new LinePosition(line1, column1), new LinePosition(line2, column2)));

        Assert.Null(SpecFuzzer.CheckLocation(At(5, 4, 1, 0, 1, 4), text));
        Assert.NotNull(SpecFuzzer.CheckLocation(At(0, 9, 0, 0, 2, 0), text)); // a line past the last one
        Assert.NotNull(SpecFuzzer.CheckLocation(At(0, 2, 0, 7, 0, 9), text)); // columns past the line's end
        Assert.NotNull(SpecFuzzer.CheckLocation(At(5, 40, 1, 0, 1, 4), text)); // a span past the text
        Assert.NotNull(SpecFuzzer.CheckLocation(At(5, 4, 0, 0, 0, 4), text)); // line/column that are not the span's
    }
}
