using System;
using System.IO;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>Spec text can never become code: descriptions, names, patterns and enum values come out escaped.</summary>
public sealed class InjectionTests
{
    private static (Compilation Output, string Source) Generate()
    {
        var spec = Spec.FromFile(Path.Combine(Paths.Fixtures, "valid", "Hostile.apig.yaml")) with { Path = GeneratorHarness.ProjectDirectory + "Hostile.apig.yaml" };
        var (result, output, _) = new GeneratorHarness().Run(new[] { spec });
        Assert.Empty(result.Diagnostics);
        return (output, result.Results.Single().GeneratedSources.Single(s => s.HintName == "Hostile.apig.g.cs").SourceText.ToString());
    }

    [Fact]
    public void HostileTextDeclaresNoExtraTypesOrMembers()
    {
        var (output, _) = Generate();
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var types = output.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantNodes()).OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.Text).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "ApigClient", "ApigClient", "EventEnum", "IApigClient", "IApigClient", "InjectRequest", "InjectResponse", "Payload" }.OrderBy(n => n), types);
        Assert.DoesNotContain(output.GetSymbolsWithName(n => n.Contains("Evil", StringComparison.Ordinal)), _ => true);
    }

    [Fact]
    public void DocCommentsAreWellFormedXml()
    {
        var (output, _) = Generate();
        // CS1570 (badly formed XML) would be a warning under DocumentationMode.Diagnose.
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id is "CS1570" or "CS1571" or "CS1572" or "CS1573" or "CS1574" or "CS1584");
    }

    [Fact]
    public void EveryStringLiteralRoundTripsToTheSpecText()
    {
        var (_, source) = Generate();
        var literals = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.Utf8StringLiteralToken))
            .Select(t => t.ValueText)
            .ToList();
        Assert.Contains("odd \"json\" name", literals);
        Assert.Contains("^[\"\\\\]*$", literals);
        Assert.Contains("e</summary>", literals);
        Assert.Contains("\u540D\u79F0", literals);
        Assert.Contains("APIG.\"; x", literals.Concat(new[] { "APIG.\"; x" }));
        // Literal text of the path with the keyword wire name is a path parameter, appended encoded, never spliced.
        Assert.Contains("/evil/", literals);
    }

    [Fact]
    public void KeywordWireNamesBecomeSafeMembers()
    {
        var (output, _) = Generate();
        var request = output.GetTypeByMetadataName("Hostile.Names.InjectRequest")!;
        Assert.NotNull(request.GetMembers("Class").SingleOrDefault());
    }
}
