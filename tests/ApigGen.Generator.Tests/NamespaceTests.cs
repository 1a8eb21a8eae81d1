using System;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>Where generated types land: $(RootNamespace).Apig by default, overridable per project and per file.</summary>
public sealed class NamespaceTests
{
    private const string Dir = GeneratorHarness.ProjectDirectory;
    private const string Schemas = "schemas:\n  Thing:\n    properties:\n      a:\n        type: string\n";

    private static string[] NamespacesOf(GeneratorHarness harness, params Spec[] specs)
    {
        var (result, output, _) = harness.Run(specs);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        return output.GetSymbolsWithName("Thing", SymbolFilter.Type).Select(t => t.ContainingNamespace.ToDisplayString()).OrderBy(n => n).ToArray();
    }

    [Fact]
    public void DefaultIsRootNamespaceDotApigWhateverTheFolder() =>
        Assert.Equal(new[] { "My.Company.App.Apig" }, NamespacesOf(new GeneratorHarness("My.Company.App"), new Spec(Dir + "deep/folder/x.apig.yaml", Schemas)));

    [Fact]
    public void TheProjectPropertyOverridesIt() =>
        Assert.Equal(new[] { "Clients.Huawei" }, NamespacesOf(new GeneratorHarness("App", namespaceOverride: "Clients.Huawei"), new Spec(Dir + "x.apig.yaml", Schemas)));

    [Fact]
    public void FileMetadataAndTheFilesOwnKeyOverrideThat()
    {
        var harness = new GeneratorHarness("App", namespaceOverride: "Clients.Huawei");
        Assert.Equal(
            new[] { "FromKey", "FromMetadata" },
            NamespacesOf(harness, new Spec(Dir + "a.apig.yaml", Schemas, Namespace: "FromMetadata"), new Spec(Dir + "b.apig.yaml", "namespace: FromKey\n" + Schemas, Namespace: "Ignored")));
    }

    [Fact]
    public void AnInvalidRootNamespaceFallsBackToApig() =>
        Assert.Equal(new[] { "Apig" }, NamespacesOf(new GeneratorHarness("123 not valid"), new Spec(Dir + "x.apig.yaml", Schemas)));

    [Theory]
    [InlineData("My.class.Thing", 1, 12)]
    [InlineData("ApigGen", 1, 12)]
    public void ASpecNamespaceThatCouldNotHoldTheGeneratedCodeIsAnError(string ns, int line, int column)
    {
        // 'class' is a keyword (the output would not compile); ApigGen is the runtime's own namespace (its types would
        // clash with generated ones).
        var d = Assert.Single(Diagnose.Yaml("namespace: " + ns + "\n" + Schemas));
        Assert.Equal(("APIG0204", line, column), (d.Id, d.Line, d.Column));
        Assert.Contains("none of them a keyword, and not ApigGen", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("My.global.record.var")]
    [InlineData("ApigGen.Clients")]
    public void ContextualKeywordsAndNamespacesUnderApigGenAreFine(string ns) =>
        Assert.Equal(new[] { ns }, NamespacesOf(new GeneratorHarness("App"), new Spec(Dir + "x.apig.yaml", "namespace: " + ns + "\n" + Schemas)));

    [Fact]
    public void ARootNamespaceOfApigGenGivesApigGenDotApig() =>
        Assert.Equal(new[] { "ApigGen.Apig" }, NamespacesOf(new GeneratorHarness("ApigGen"), new Spec(Dir + "x.apig.yaml", Schemas)));

    [Fact]
    public void AProjectPropertyWithAKeywordIsIgnoredLikeAnyInvalidOne() =>
        Assert.Equal(new[] { "App.Apig" }, NamespacesOf(new GeneratorHarness("App", namespaceOverride: "Clients.event"), new Spec(Dir + "x.apig.yaml", Schemas)));
}
