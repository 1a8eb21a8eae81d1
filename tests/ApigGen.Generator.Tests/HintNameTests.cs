using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>Every spec file gets an output of its own, whatever its name shares with another file's.</summary>
public sealed class HintNameTests
{
    private static string Spec(string id) => $$"""
        operation:
          id: {{id}}
          method: GET
          path: /v2/{project_id}/apigw/{{id.ToLowerInvariant()}}
          responses:
            204: { description: OK }
        """;

    [Fact]
    public void FilesWhoseNamesDifferOnlyInCaseBothGenerate()
    {
        // Roslyn compares hint names ignoring case; two outputs of one such name would drop all of ApigGen's output (CS8785).
        var (result, output, _) = new GeneratorHarness().Run([new Spec("/src/TestApp/Foo.apig.yaml", Spec("FooV2")), new Spec("/src/TestApp/foo.apig.yaml", Spec("BarV2"))]);

        var run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.Empty(result.Diagnostics);
        var names = run.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("Foo.apig.g.cs", names);
        Assert.Single(names, n => n.StartsWith("foo_", System.StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.NotNull(output.GetTypeByMetadataName("TestApp.Apig.FooV2Request"));
        Assert.NotNull(output.GetTypeByMetadataName("TestApp.Apig.BarV2Request"));
    }

    [Fact]
    public void FilesOfOneNameOutsideTheProjectBothGenerate()
    {
        var (result, output, _) = new GeneratorHarness().Run([new Spec("/shared/a/x.apig.yaml", Spec("FooV2")), new Spec("/shared/b/x.apig.yaml", Spec("BarV2"))]);

        var run = result.Results.Single();
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, run.GeneratedSources.Count(s => s.HintName.StartsWith("x_", System.StringComparison.Ordinal)));
        Assert.NotNull(output.GetTypeByMetadataName("TestApp.Apig.FooV2Request"));
        Assert.NotNull(output.GetTypeByMetadataName("TestApp.Apig.BarV2Request"));
    }
}
