using System;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// A valid spec whose schema reference resolves to nothing that is generated — a schema defined only in a file with
/// errors, or in several other namespaces — generates nothing either: the build shows the generator's errors, never
/// compiler errors in generated code that names a missing type. (Found by the spec fuzz campaign, seed 11, case 3065;
/// the cascade below by seed 13, case 33381.)
/// </summary>
public sealed class UnresolvedReferenceTests
{
    private const string Dir = GeneratorHarness.ProjectDirectory;

    private const string User = """
        operation:
          id: SetSharedV2
          method: POST
          path: /v2/{project_id}/shared
          body:
            schema: Shared
          responses:
            204: {}
        """;

    private const string Other = """
        operation:
          id: PingV2
          method: GET
          path: /v2/{project_id}/ping
          responses:
            204: {}
        """;

    [Fact]
    public void ASchemaDefinedOnlyInAFileWithErrorsLeavesTheReferringFileOut()
    {
        // The schema is fine; the file's operation is not (an unknown method), so the file generates nothing.
        var broken = "schemas:\n  Shared:\n    properties:\n      a:\n        type: string\n" + Other.Replace("method: GET", "method: FETCH", StringComparison.Ordinal).Replace("PingV2", "BrokenV2", StringComparison.Ordinal);
        var (result, output, _) = new GeneratorHarness().Run(new[]
        {
            new Spec(Dir + "user.apig.yaml", User),
            new Spec(Dir + "broken.apig.yaml", broken),
            new Spec(Dir + "other.apig.yaml", Other),
        });

        // The broken file's own error, and no follow-on error in the referring file.
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.EndsWith("broken.apig.yaml", d.Location.GetLineSpan().Path, StringComparison.Ordinal));
        var files = result.GeneratedTrees.Select(t => t.FilePath).ToList();
        Assert.DoesNotContain(files, f => f.Contains("user", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("other", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void AnAmbiguousReferenceLeavesTheReferringFileOut()
    {
        var schemas = "namespace: {0}\nschemas:\n  Shared:\n    properties:\n      a:\n        type: string\n";
        var (result, output, _) = new GeneratorHarness().Run(new[]
        {
            new Spec(Dir + "user.apig.yaml", User),
            new Spec(Dir + "one.apig.yaml", string.Format(System.Globalization.CultureInfo.InvariantCulture, schemas, "One")),
            new Spec(Dir + "two.apig.yaml", string.Format(System.Globalization.CultureInfo.InvariantCulture, schemas, "Two")),
        });

        Assert.Equal("APIG0304", Assert.Single(result.Diagnostics).Id);
        var files = result.GeneratedTrees.Select(t => t.FilePath).ToList();
        Assert.DoesNotContain(files, f => f.Contains("user", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("one", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void AFileLeftOutTakesItsSchemasWithIt()
    {
        // The middle file is valid on its own, but one of its members names a schema defined nowhere, so it generates
        // nothing; the referring file, whose reference resolves to the middle file's schema, must then be left out too.
        const string middle = """
            namespace: Two
            schemas:
              Shared:
                properties:
                  a:
                    type: string
                  b:
                    schema: Nowhere
            """;
        var (result, output, _) = new GeneratorHarness().Run(new[]
        {
            new Spec(Dir + "user.apig.yaml", User),
            new Spec(Dir + "middle.apig.yaml", middle),
            new Spec(Dir + "other.apig.yaml", Other),
        });

        Assert.All(result.Diagnostics, d => Assert.EndsWith("middle.apig.yaml", d.Location.GetLineSpan().Path, StringComparison.Ordinal));
        Assert.NotEmpty(result.Diagnostics);
        var files = result.GeneratedTrees.Select(t => t.FilePath).ToList();
        Assert.DoesNotContain(files, f => f.Contains("user", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("middle", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("other", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }
}
