using System;
using System.IO;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// Generated code needs C# 11 (required members, UTF-8 string literals). A project that compiles an older C# gets one
/// APIG0005 and no code, instead of compiler errors inside generated files it never wrote (DiagnosticTests has the
/// diagnostic itself).
/// </summary>
public sealed class LanguageVersionTests
{
    [Fact]
    public void TheCatalogueAndEveryValidFixtureCompileAsCSharp11()
    {
        var specs = Catalogue.Files.Select(p => Spec.FromFile(p) with { Path = GeneratorHarness.ProjectDirectory + "specs/" + Catalogue.Relative(p) })
            .Concat(Directory.GetFiles(Path.Combine(Paths.Fixtures, "valid"), "*.apig.yaml")
                .Select(p => Spec.FromFile(p) with { Path = GeneratorHarness.ProjectDirectory + "fixtures/" + Path.GetFileName(p), Namespace = "TestApp.Fixtures." + Path.GetFileName(p).Split('.')[0] }))
            .ToList();
        var (result, output, _) = new GeneratorHarness(languageVersion: LanguageVersion.CSharp11, dependencyInjection: true).Run(specs);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        Assert.NotEmpty(result.Results.Single().GeneratedSources);
        var problems = GeneratorHarness.CompileProblems(output);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void RaisingTheLanguageVersionInTheSameDriverGeneratesTheCode()
    {
        // As in an IDE: the project's LangVersion is fixed while the driver lives on.
        var harness = new GeneratorHarness(languageVersion: LanguageVersion.CSharp10);
        var specs = new[] { new Spec(GeneratorHarness.ProjectDirectory + "a.apig.yaml", Diagnose.ValidSpec) };
        var driver = harness.CreateDriver(specs).RunGenerators(harness.CreateCompilation("class Program { }"));
        Assert.Equal("APIG0005", Assert.Single(driver.GetRunResult().Diagnostics).Id);
        Assert.Empty(driver.GetRunResult().Results.Single().GeneratedSources);

        var newer = new CSharpParseOptions(LanguageVersion.CSharp11, DocumentationMode.Diagnose);
        var compilation = harness.CreateCompilation("class Program { }");
        compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), compilation.SyntaxTrees.Single().WithRootAndOptions(compilation.SyntaxTrees.Single().GetRoot(), newer));
        driver = driver.WithUpdatedParseOptions(newer).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Contains(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName == "a.apig.g.cs");
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void AnOlderCSharpWithoutSpecsIsNoError()
    {
        var (result, _, _) = new GeneratorHarness(languageVersion: LanguageVersion.CSharp10).Run(Array.Empty<Spec>());
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void ASpecsErrorsAreStillReportedUnderAnOlderCSharp()
    {
        // The spec is checked as usual: fixing the language version must not be the first of two rounds of errors.
        var specs = new[] { new Spec(GeneratorHarness.ProjectDirectory + "a.apig.yaml", Diagnose.ValidSpec.Replace("method: POST", "method: FETCH", StringComparison.Ordinal)) };
        var (result, _, _) = new GeneratorHarness(languageVersion: LanguageVersion.CSharp10).Run(specs);
        Assert.Equal(new[] { "APIG0005", "APIG0204" }, result.Diagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }
}
