using System.Collections.Generic;
using System.IO;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The generated code of representative catalogue specs (alone, as a user copies them) and of every valid fixture,
/// against committed golden files; each output must also compile with no warning under C# 12 and the newest language
/// version. The whole catalogue (every family folder) must generate and compile together.
/// </summary>
public sealed class GoldenTests
{
    /// <summary>A representative set of catalogue specs (golden files for all of them would bury a change in noise).</summary>
    public static TheoryData<string> CatalogueSpecs() => new(Catalogue.Representative.Select(id => id + Catalogue.Suffix).OrderBy(n => n, System.StringComparer.Ordinal));

    public static TheoryData<string> ValidFixtures() => new(Directory.GetFiles(Path.Combine(Paths.Fixtures, "valid"), "*.apig.yaml").Select(Path.GetFileName).OrderBy(n => n)!);

    [Theory]
    [MemberData(nameof(CatalogueSpecs))]
    public void CatalogueSpecAloneMatchesGoldenFilesAndCompiles(string fileName)
    {
        var spec = Spec.FromFile(Catalogue.FileOf(fileName[..^Catalogue.Suffix.Length])) with { Path = GeneratorHarness.ProjectDirectory + fileName };
        VerifyOutput("Catalogue." + fileName.Replace(".apig.yaml", string.Empty, System.StringComparison.Ordinal), new[] { spec });
    }

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void ValidFixtureMatchesGoldenFilesAndCompiles(string fileName)
    {
        var spec = Spec.FromFile(Path.Combine(Paths.Fixtures, "valid", fileName)) with { Path = GeneratorHarness.ProjectDirectory + "Specs/" + fileName };
        VerifyOutput("Fixture." + fileName.Replace(".apig.yaml", string.Empty, System.StringComparison.Ordinal), new[] { spec });
    }

    [Fact]
    public void AllCatalogueSpecsTogetherCompile()
    {
        var specs = Catalogue.Files.Select(p => Spec.FromFile(p) with { Path = GeneratorHarness.ProjectDirectory + "specs/" + Catalogue.Relative(p) }).ToList();
        foreach (var version in new[] { LanguageVersion.CSharp12, LanguageVersion.Latest })
        {
            var (result, output, _) = new GeneratorHarness(languageVersion: version).Run(specs);
            Assert.True(result.Diagnostics.IsEmpty, result.Diagnostics.Length + " diagnostic(s) for the whole catalogue:\n" + string.Join("\n", result.Diagnostics));
            var problems = GeneratorHarness.CompileProblems(output);
            Assert.True(problems.Count == 0, version + ":\n" + string.Join("\n", problems));
        }
    }

    [Fact]
    public void EveryCatalogueSpecAloneGeneratesAndCompiles()
    {
        // What the catalogue promises: any one spec copied alone into a project builds (its shared schemas and named
        // enums are repeated in it). Every failing spec is named, not only the first.
        var harness = new GeneratorHarness();
        var failures = new List<string>();
        foreach (var path in Catalogue.Files)
        {
            var spec = Spec.FromFile(path) with { Path = GeneratorHarness.ProjectDirectory + Path.GetFileName(path) };
            var (result, output, _) = harness.Run(new[] { spec });
            var problems = result.Diagnostics.Select(d => d.ToString()).Concat(GeneratorHarness.CompileProblems(output).Select(p => p.ToString())).ToList();
            if (problems.Count > 0)
            {
                failures.Add(Catalogue.Relative(path) + ":\n  " + string.Join("\n  ", problems.Take(5)));
            }
        }

        Assert.Equal(216, Catalogue.Files.Count);
        Assert.True(failures.Count == 0, failures.Count + " catalogue spec(s) do not build alone:\n" + string.Join("\n", failures));
    }

    private static void VerifyOutput(string baseline, IReadOnlyList<Spec> specs)
    {
        foreach (var version in new[] { LanguageVersion.CSharp12, LanguageVersion.Latest })
        {
            var harness = new GeneratorHarness(languageVersion: version);
            var (result, output, _) = harness.Run(specs);
            Assert.Empty(result.Diagnostics);
            var problems = GeneratorHarness.CompileProblems(output);
            Assert.True(problems.Count == 0, version + ":\n" + string.Join("\n", problems.Select(p => p.ToString())));

            if (version == LanguageVersion.CSharp12)
            {
                var generated = result.Results.Single().GeneratedSources.OrderBy(s => s.HintName, System.StringComparer.Ordinal).ToList();
                Golden.Verify(baseline + ".files", string.Join("\n", generated.Select(s => s.HintName)) + "\n", "txt");
                foreach (var source in generated)
                {
                    Golden.Verify(baseline + "/" + source.HintName.Replace(".g.cs", string.Empty, System.StringComparison.Ordinal), source.SourceText.ToString());
                }
            }
        }
    }
}
