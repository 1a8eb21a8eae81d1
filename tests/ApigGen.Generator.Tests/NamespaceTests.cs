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
}
