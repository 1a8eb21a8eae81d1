using System.Collections.Generic;
using ApigGen.Generator.Linking;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The one rule for resolving a schema name (index, slices, cross-file rules): the referring namespace first, else the
/// only namespace that defines the name.
/// </summary>
public sealed class SchemaResolutionTests
{
    private static string? Resolve(string from, params string[] namespaces)
    {
        var candidates = new List<string[]>();
        for (var i = 0; i < namespaces.Length; i++)
        {
            candidates.Add(new[] { namespaces[i], "#" + i });
        }

        return SchemaResolution.Resolve(candidates, from, static c => c[0])?[1];
    }

    [Fact]
    public void TheReferringNamespaceWinsWhereverItStandsAmongTheCandidates()
    {
        Assert.Equal("#2", Resolve("Mine", "A", "B", "Mine", "Mine"));
    }

    [Fact]
    public void ElseTheFirstDefinitionOfTheOnlyNamespace()
    {
        Assert.Equal("#0", Resolve("Mine", "A", "A"));
    }

    [Fact]
    public void SeveralOtherNamespacesAreAmbiguous()
    {
        Assert.Null(Resolve("Mine", "A", "A", "B"));
    }

    [Fact]
    public void NoDefinitionResolvesToNothing()
    {
        Assert.Null(Resolve("Mine"));
    }
}
