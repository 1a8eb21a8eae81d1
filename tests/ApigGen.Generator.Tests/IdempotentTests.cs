using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary><c>idempotent: true</c> lets the runtime retry a POST; without it the request is made as before.</summary>
public sealed class IdempotentTests
{
    private static string Spec(string? idempotent, string auth = "[token, aksk]") => $$"""
        operation:
          id: CheckV2
          method: POST
          path: /v2/{project_id}/apigw/check
          auth: {{auth}}
        {{(idempotent is null ? string.Empty : "  idempotent: " + idempotent)}}
          responses:
            204: { description: OK }
        """;

    private static string Generated(string spec)
    {
        var (result, output, _) = new GeneratorHarness().Run([new Spec("/src/TestApp/check.apig.yaml", spec)]);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        return result.Results.Single().GeneratedSources.Single(s => s.HintName == "check.apig.g.cs").SourceText.ToString();
    }

    [Fact]
    public void AnIdempotentPostAsksForRetriesWithItsAuthModesWrittenOut()
    {
        Assert.Contains(
            "_pipeline.CreateRequest(global::System.Net.Http.HttpMethod.Post, \"CheckV2\", global::ApigGen.ApigAuthModes.Token | global::ApigGen.ApigAuthModes.AccessKey, idempotent: true);",
            Generated(Spec("true")));
        Assert.Contains(
            "_pipeline.CreateRequest(global::System.Net.Http.HttpMethod.Post, \"CheckV2\", global::ApigGen.ApigAuthModes.AccessKey, idempotent: true);",
            Generated(Spec("true", "[aksk]")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void WithoutItThePostIsMadeOnce(string? idempotent) =>
        Assert.Contains("_pipeline.CreateRequest(global::System.Net.Http.HttpMethod.Post, \"CheckV2\");", Generated(Spec(idempotent)));

    [Fact]
    public void AValueOtherThanABooleanIsAnErrorAtIt()
    {
        var (result, _, _) = new GeneratorHarness().Run([new Spec("/src/TestApp/check.apig.yaml", Spec("sometimes"))]);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("APIG0204", diagnostic.Id);
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("sometimes", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }
}
