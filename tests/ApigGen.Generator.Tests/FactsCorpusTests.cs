using System;
using System.IO;
using System.Linq;
using ApigGen.Benchmarks;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The facts-only corpus the build-time measurements use (tests/ApigGen.Benchmarks/FactsCorpus.cs, linked here): one
/// spec per operation of the facts file, every one of which generates without a diagnostic, and all of them compile
/// without a warning in one project.
/// </summary>
public sealed class FactsCorpusTests(ITestOutputHelper output)
{
    // The format's newer syntax (maps, free-form values, multipart bodies, binary downloads), which some operations need.
    private static readonly string[] NewerSyntax = { "additionalProperties:", "type: any", "type: file", "content: binary", "contentType: multipart/form-data" };

    [Fact]
    public void OneSpecPerOperationOfTheFactsAndAllOfThemCompileTogether()
    {
        var specs = FactsCorpus.Specs(Facts.File);
        Assert.Equal(Facts.Operations.Keys.OrderBy(id => id, StringComparer.Ordinal), specs.Select(s => s.OperationId).OrderBy(id => id, StringComparer.Ordinal));

        var newer = specs.Where(s => NewerSyntax.Any(key => s.Yaml.Contains(key, StringComparison.Ordinal))).Select(s => s.OperationId).ToList();
        // The facts' 8 operations with maps, 2 with free-form values, 2 multipart uploads and 1 binary download.
        Assert.Equal(13, newer.Count);
        // No descriptions or summaries (a member may be named description: its definition is a mapping).
        Assert.All(specs, s => Assert.DoesNotMatch(@"(description|summary): [^{]", s.Yaml));

        var all = specs.Select(s => new Spec(GeneratorHarness.ProjectDirectory + "corpus/" + s.OperationId + ".apig.yaml", s.Yaml)).ToList();
        var (result, compiled, _) = new GeneratorHarness().Run(all);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics.Take(20)));
        Assert.Equal(all.Count, result.GeneratedTrees.Count(t => t.FilePath.Contains("corpus.", StringComparison.Ordinal)));
        var problems = GeneratorHarness.CompileProblems(compiled);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));

        // Issue 17's size measure on this corpus: every generated line, the client file included, per operation.
        var lines = result.GeneratedTrees.Sum(t => t.GetText().Lines.Count);
        output.WriteLine($"facts-only corpus: {all.Count} operations, {lines} generated lines, {(double)lines / all.Count:F1} per operation");
    }

    [Fact]
    public void EnumsAreNamedOncePerDefinitionAndTheCorpusIsNeverWrittenIntoSpecs()
    {
        var instance = FactsCorpus.Specs(Facts.File).Single(s => s.OperationId == "ShowDetailsOfInstanceV2").Yaml;
        Assert.Contains("charging_mode: { schema: ChargingMode }", instance, StringComparison.Ordinal);
        Assert.Contains("  ChargingMode:\n    type: integer\n    enum: [0, 1]\n    enumNames: [Value1, Value2]\n", instance, StringComparison.Ordinal);

        // Enums are named, one type per distinct definition: the request protocol's four values are one type everywhere.
        var specs = FactsCorpus.Specs(Facts.File);
        var protocols = specs.Where(s => s.Yaml.Contains("schema: ReqProtocol", StringComparison.Ordinal)).ToList();
        Assert.True(protocols.Count > 1);
        Assert.All(protocols, s => Assert.Contains("  ReqProtocol:\n    type: string\n    enum: [\"HTTP\", \"HTTPS\", \"BOTH\", \"GRPCS\"]\n", s.Yaml, StringComparison.Ordinal));
        Assert.DoesNotContain(specs, s => s.Yaml.Contains("{ type: string, enum:", StringComparison.Ordinal) && !s.Yaml.Contains("contentType: multipart/form-data", StringComparison.Ordinal));

        Assert.Throws<ArgumentException>(() => FactsCorpus.Write(Path.Combine(Paths.CatalogueSpecs, "corpus")));
        Assert.False(Directory.Exists(Path.Combine(Paths.CatalogueSpecs, "corpus")));

        var folder = Path.Combine(Path.GetTempPath(), "apiggen-facts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = FactsCorpus.Write(folder, Facts.File, new System.Collections.Generic.HashSet<string> { "ListApisV2", "DeleteApiV2" });
            Assert.Equal(new[] { "DeleteApiV2.apig.yaml", "ListApisV2.apig.yaml" }, written.Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
