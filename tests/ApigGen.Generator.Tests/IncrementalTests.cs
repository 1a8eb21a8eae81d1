using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using ApigGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>Caching, proven by the run reasons of the tracked steps.</summary>
public sealed class IncrementalTests
{
    private const string Dir = GeneratorHarness.ProjectDirectory;

    private static readonly string Seed = File.ReadAllText(Catalogue.FileOf("BatchAssociateDomainsV2"));

    private static readonly string[] CachedOrUnchanged = { "Cached", "Unchanged" };

    /// <summary>Twenty specs: each a copy of the seed with its own operation id.</summary>
    private static List<AdditionalText> TwentySpecs() => Enumerable.Range(0, 20)
        .Select(i => (AdditionalText)new InMemoryText(Dir + "op" + i + ".apig.yaml", Seed.Replace("BatchAssociateDomainsV2", "Op" + i + "V2", StringComparison.Ordinal)))
        .ToList();

    private static (GeneratorDriver Driver, Compilation Compilation) Start(List<AdditionalText> texts)
    {
        var harness = new GeneratorHarness();
        var driver = harness.CreateDriver(texts.ToImmutableArray(), Array.Empty<Spec>());
        var compilation = harness.CreateCompilation("class Program { }");
        driver = driver.RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        return (driver, compilation);
    }

    private static Dictionary<string, string[]> Reasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps
            .Where(step => typeof(TrackingNames).GetFields().Any(f => (string)f.GetValue(null)! == step.Key))
            .ToDictionary(step => step.Key, step => step.Value.SelectMany(run => run.Outputs).Select(o => o.Reason.ToString()).ToArray());

    /// <summary>
    /// Run reasons of the source output fed by the tracked step <paramref name="source"/>, one per item: "Cached" where
    /// the driver did not call the output's action (so nothing was emitted for that item).
    /// </summary>
    private static string[] OutputReasons(GeneratorDriver driver, string source) =>
        driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(step => step.Value)
            .Where(run => run.Inputs.Any(input => input.Source.Name == source))
            .SelectMany(run => run.Outputs).Select(o => o.Reason.ToString()).ToArray();

    [Fact]
    public void ACSharpEditRerunsNothingOfOurs()
    {
        var (driver, compilation) = Start(TwentySpecs());
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { int X; }", (CSharpParseOptions)compilation.SyntaxTrees.First().Options));
        driver = driver.RunGenerators(edited);
        var reasons = Reasons(driver);
        Assert.NotEmpty(reasons[TrackingNames.EmitInput]);
        foreach (var (step, outputs) in reasons)
        {
            Assert.All(outputs, reason => Assert.Equal("Cached", reason));
        }

        var emitted = OutputReasons(driver, TrackingNames.UniqueEmitInput);
        Assert.Equal(20, emitted.Length);
        Assert.All(emitted, reason => Assert.Equal("Cached", reason)); // no file emitted again
    }

    [Fact]
    public void EditingOneSpecOfTwentyRegeneratesOnlyThatSpec()
    {
        var texts = TwentySpecs();
        var (driver, compilation) = Start(texts);
        var changed = Seed.Replace("BatchAssociateDomainsV2", "Op7V2", StringComparison.Ordinal).Replace("description: The domain name to bind or unbind.", "description: The domain name to bind.", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(texts[7], new InMemoryText(texts[7].Path, changed)).RunGenerators(compilation);
        var reasons = Reasons(driver);

        // Only the edited spec is parsed and bound again; the other nineteen results come from the cache.
        Assert.Equal(new[] { "Modified" }, reasons[TrackingNames.Bound].Where(r => r != "Cached"));
        Assert.Equal(19, reasons[TrackingNames.Bound].Count(r => r == "Cached"));
        Assert.Equal(1, reasons[TrackingNames.EmitInput].Count(r => r == "Modified"));
        Assert.Equal(19, reasons[TrackingNames.EmitInput].Count(r => CachedOrUnchanged.Contains(r)));
        Assert.Equal(1, reasons[TrackingNames.UniqueEmitInput].Count(r => r == "Modified"));
        Assert.Equal(19, reasons[TrackingNames.UniqueEmitInput].Count(r => CachedOrUnchanged.Contains(r)));
        var emitted = OutputReasons(driver, TrackingNames.UniqueEmitInput);
        Assert.Single(emitted, r => r != "Cached"); // one file emitted again...
        Assert.Equal(19, emitted.Count(r => r == "Cached")); // ...and the other nineteen not
        Assert.Equal(1, reasons[TrackingNames.Model].Count(r => r == "Modified"));
        // The schema index (names and owners only) did not change, so no other spec looked again.
        Assert.All(reasons[TrackingNames.SchemaIndex], r => Assert.Contains(r, CachedOrUnchanged));
        Assert.All(reasons[TrackingNames.Namespaces], r => Assert.Contains(r, CachedOrUnchanged));
    }

    [Fact]
    public void AWhitespaceOrCommentEditRegeneratesNoSource()
    {
        var texts = TwentySpecs();
        var (driver, compilation) = Start(texts);
        var commented = "# a new comment at the top\n\n" + texts[3].GetText()!.ToString().Replace("  method: POST", "  method:    POST   # trailing comment", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(texts[3], new InMemoryText(texts[3].Path, commented)).RunGenerators(compilation);
        var reasons = Reasons(driver);

        Assert.Contains("Modified", reasons[TrackingNames.SpecInput]);
        Assert.Contains("Modified", reasons[TrackingNames.Bound]); // positions moved: diagnostics and keys are re-made...
        Assert.All(reasons[TrackingNames.Model], r => Assert.Contains(r, CachedOrUnchanged)); // ...but the model is position-free
        Assert.All(reasons[TrackingNames.EmitInput], r => Assert.Contains(r, CachedOrUnchanged));
        Assert.All(reasons[TrackingNames.UniqueEmitInput], r => Assert.Contains(r, CachedOrUnchanged));
        var emitted = OutputReasons(driver, TrackingNames.UniqueEmitInput);
        Assert.Equal(20, emitted.Length);
        Assert.All(emitted, r => Assert.Equal("Cached", r)); // no file emitted again
    }

    [Fact]
    public void IdenticalTextIsCachedAfterTheInputStep()
    {
        var texts = TwentySpecs();
        var (driver, compilation) = Start(texts);
        driver = driver.ReplaceAdditionalText(texts[5], new InMemoryText(texts[5].Path, texts[5].GetText()!.ToString())).RunGenerators(compilation);
        var reasons = Reasons(driver);
        Assert.All(reasons[TrackingNames.SpecInput], r => Assert.Contains(r, CachedOrUnchanged));
        Assert.All(reasons[TrackingNames.Bound], r => Assert.Equal("Cached", r)); // nothing parsed or bound again
        Assert.All(reasons[TrackingNames.EmitInput], r => Assert.Equal("Cached", r));
        Assert.All(OutputReasons(driver, TrackingNames.UniqueEmitInput), r => Assert.Equal("Cached", r)); // nothing emitted again
    }

    [Fact]
    public void ASchemaEditTouchesOnlyTheDefiningSpecNotItsUsers()
    {
        var schemas = "schemas:\n  Shared:\n    properties:\n      a:\n        type: string\n";
        var user = "operation:\n  id: UseV2\n  method: POST\n  path: /v2/{project_id}/use\n  body:\n    schema: Shared\n  responses:\n    204: {}\n";
        var texts = new List<AdditionalText>
        {
            new InMemoryText(Dir + "schemas.apig.yaml", schemas),
            new InMemoryText(Dir + "user.apig.yaml", user),
        };
        var (driver, compilation) = Start(texts);
        driver = driver.ReplaceAdditionalText(texts[0], new InMemoryText(texts[0].Path, schemas + "      b:\n        type: boolean\n")).RunGenerators(compilation);
        var reasons = Reasons(driver);
        Assert.Equal(new[] { "Modified", "Cached" }, reasons[TrackingNames.EmitInput]);
        Assert.All(reasons[TrackingNames.SchemaIndex], r => Assert.Contains(r, CachedOrUnchanged));
    }

    [Fact]
    public void AddingAUsedSchemaToAnotherNamespaceRegeneratesItsUser()
    {
        var user = "operation:\n  id: UseV2\n  method: POST\n  path: /v2/{project_id}/use\n  body:\n    schema: Shared\n  responses:\n    204: {}\n";
        var texts = new List<AdditionalText>
        {
            new InMemoryText(Dir + "user.apig.yaml", user),
            new InMemoryText(Dir + "other.apig.yaml", Seed),
        };
        var harness = new GeneratorHarness();
        var driver = harness.CreateDriver(texts.ToImmutableArray(), Array.Empty<Spec>());
        var compilation = harness.CreateCompilation("class Program { }");
        driver = driver.RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id == "APIG0301");

        driver = driver.AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(new InMemoryText(Dir + "shared.apig.yaml", "namespace: Elsewhere\nschemas:\n  Shared:\n    properties:\n      a:\n        type: string\n")))
            .RunGenerators(compilation);
        var reasons = Reasons(driver);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Equal("Modified", reasons[TrackingNames.EmitInput][0]); // user.apig.yaml now refers to Elsewhere.Shared
        Assert.Contains(reasons[TrackingNames.EmitInput][1], CachedOrUnchanged); // the seed spec does not use it
        var userSource = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "user.apig.g.cs").SourceText.ToString();
        Assert.Contains("global::Elsewhere.Shared", userSource, StringComparison.Ordinal);
    }

    [Fact]
    public void EditingOneSpecOfTwentyWithNamedEnumsRegeneratesOnlyThatSpec()
    {
        // Twenty copies of a catalogue spec that declares and uses named enums (AlgorithmType, CertificateType): the
        // copies' identical enums merge into one type each, and an edit of one copy re-runs that copy alone.
        var seed = File.ReadAllText(Catalogue.FileOf("ListCertificatesV2")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("  AlgorithmType:\n", seed, StringComparison.Ordinal);
        var texts = Enumerable.Range(0, 20)
            .Select(i => (AdditionalText)new InMemoryText(Dir + "op" + i + ".apig.yaml", seed.Replace("ListCertificatesV2", "Op" + i + "V2", StringComparison.Ordinal)))
            .ToList();
        var (driver, compilation) = Start(texts);
        var original = texts[7].GetText()!.ToString();
        var summaryStart = original.IndexOf("\n  summary: ", StringComparison.Ordinal) + 1;
        var summaryEnd = original.IndexOf('\n', summaryStart);
        var changed = original[..summaryStart] + "  summary: An edited summary" + original[summaryEnd..];
        Assert.NotEqual(texts[7].GetText()!.ToString(), changed);
        driver = driver.ReplaceAdditionalText(texts[7], new InMemoryText(texts[7].Path, changed)).RunGenerators(compilation);
        var reasons = Reasons(driver);
        Assert.Equal(new[] { "Modified" }, reasons[TrackingNames.Bound].Where(r => r != "Cached"));
        Assert.Equal(1, reasons[TrackingNames.EmitInput].Count(r => r == "Modified"));
        Assert.Equal(19, reasons[TrackingNames.EmitInput].Count(r => CachedOrUnchanged.Contains(r)));
        var emitted = OutputReasons(driver, TrackingNames.UniqueEmitInput);
        Assert.Single(emitted, r => r != "Cached");
        Assert.Equal(19, emitted.Count(r => r == "Cached"));
        Assert.All(reasons[TrackingNames.SchemaIndex], r => Assert.Contains(r, CachedOrUnchanged));
    }

    [Fact]
    public void AnEnumOfAnotherFileRegeneratesItsUsersOnlyWhenItChanges()
    {
        const string Declares = "schemas:\n  Proto:\n    type: string\n    enum: [HTTP, HTTPS]\n";
        static string Uses(string id) => "operation:\n  id: " + id + "\n  method: GET\n  path: /v2/{project_id}/" + id + "\n  parameters:\n    - { name: proto, in: query, schema: Proto }\n  responses:\n    200:\n      properties:\n        proto: { schema: Proto }\n";
        var texts = new List<AdditionalText>
        {
            new InMemoryText(Dir + "enums.apig.yaml", Declares),
            new InMemoryText(Dir + "a.apig.yaml", Uses("AV2")),
            new InMemoryText(Dir + "b.apig.yaml", Uses("BV2")),
        };
        var (driver, compilation) = Start(texts);

        // An edit of b re-runs b alone: a uses the same enum, and is not bound or emitted again.
        driver = driver.ReplaceAdditionalText(texts[2], new InMemoryText(texts[2].Path, Uses("BV2").Replace("  method: GET", "  summary: Changed.\n  method: GET", StringComparison.Ordinal))).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        var reasons = Reasons(driver);
        Assert.Equal(new[] { "Cached", "Cached", "Modified" }, reasons[TrackingNames.Bound]);
        Assert.Single(OutputReasons(driver, TrackingNames.UniqueEmitInput), r => r != "Cached");

        // New values re-emit the declaring file and both users, whose slices carry the enum's values.
        driver = driver.ReplaceAdditionalText(texts[0], new InMemoryText(texts[0].Path, Declares.Replace("HTTPS]", "HTTPS, GRPCS]", StringComparison.Ordinal))).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Equal(3, OutputReasons(driver, TrackingNames.UniqueEmitInput).Count(r => r != "Cached"));
        var sources = driver.GetRunResult().Results.Single().GeneratedSources;
        Assert.Contains("public static Proto Grpcs { get; }", sources.Single(s => s.HintName == "enums.apig.g.cs").SourceText.ToString(), StringComparison.Ordinal);
        Assert.Contains("known values <c>HTTP</c>, <c>HTTPS</c>, <c>GRPCS</c>", sources.Single(s => s.HintName == "a.apig.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }
}
