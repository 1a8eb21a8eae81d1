using System;
using System.IO;
using System.Linq;
using ApigGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The registration ApigGen emits when a project references ApigGen.Extensions.DependencyInjection: golden files,
/// warning-free compilation (C# 12 and newest, docs diagnosed) and that a user's one line binds to it.
/// </summary>
public sealed class DependencyInjectionTests
{
    private const string Dir = GeneratorHarness.ProjectDirectory + "Specs/";

    private static Spec Minimal(string name = "Minimal", string? ns = null) =>
        Spec.FromFile(Path.Combine(Paths.Fixtures, "valid", "Minimal.apig.yaml")) with { Path = Dir + name + ".apig.yaml", Namespace = ns };

    private static Spec Renamed(Spec spec, string id) => spec with { Text = spec.Text.Replace("PingV2", id, StringComparison.Ordinal) };

    /// <summary>What a worker's Program.cs writes: one line, no using of ApigGen's namespaces.</summary>
    private const string Program = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        internal static class Program
        {
            public static IHttpClientBuilder Register(IServiceCollection services, IConfiguration configuration) =>
                services.AddApigClient(configuration.GetSection("Apig"));

            public static IHttpClientBuilder RegisterByCode(IServiceCollection services) =>
                services.AddApigClient(options => options.Region = "cn-north-4");

            public static IHttpClientBuilder RegisterKeyed(IServiceCollection services, IConfiguration configuration) =>
                services.AddKeyedApigClient("eu", configuration.GetSection("Apig:Europe"));
        }
        """;

    [Fact]
    public void WithThePackageReferencedOneNamespaceGetsItsRegistrationInMicrosoftsNamespace()
    {
        foreach (var version in new[] { LanguageVersion.CSharp12, LanguageVersion.Latest })
        {
            var (result, output, _) = new GeneratorHarness(languageVersion: version, dependencyInjection: true).Run(new[] { Minimal() }, Program);
            Assert.Empty(result.Diagnostics);
            var problems = GeneratorHarness.CompileProblems(output);
            Assert.True(problems.Count == 0, version + ":\n" + string.Join("\n", problems));
            var registration = Assert.Single(result.Results.Single().GeneratedSources, s => s.HintName == "ApigServices.TestApp.Apig.g.cs");
            if (version == LanguageVersion.CSharp12)
            {
                Golden.Verify("DependencyInjection/ApigServices.TestApp.Apig", registration.SourceText.ToString());
            }

            // The user's calls bind to the generated overloads, which construct the project's own ApigClient.
            var program = output.SyntaxTrees.First();
            var model = output.GetSemanticModel(program);
            var calls = program.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Select(call => (IMethodSymbol)model.GetSymbolInfo(call).Symbol!)
                .Where(method => method.Name is "AddApigClient" or "AddKeyedApigClient")
                .ToList();
            Assert.Equal(3, calls.Count);
            Assert.All(calls, method => Assert.Equal("Microsoft.Extensions.DependencyInjection.ApigClientServiceCollectionExtensions", method.ContainingType.ToDisplayString()));
            Assert.All(calls, method => Assert.Equal("TestApp", method.ContainingAssembly.Name));
        }
    }

    [Fact]
    public void WithoutThePackageNothingIsEmitted()
    {
        var (result, output, _) = new GeneratorHarness().Run(new[] { Minimal() });
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName.StartsWith("ApigServices.", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void SeveralNamespacesEachGetTheirRegistrationInTheirOwnNamespaceAndAUsingPicksOne()
    {
        var specs = new[] { Renamed(Minimal("a", "Company.Billing"), "PingAV2"), Renamed(Minimal("b", "Company.Gateway"), "PingBV2") };
        const string program = """
            using Company.Gateway;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            internal static class Program
            {
                public static IHttpClientBuilder Register(IServiceCollection services, IConfiguration configuration) =>
                    services.AddApigClient(configuration.GetSection("Apig"));

                // The other namespace's client, registered without a using: its class by full name.
                public static IHttpClientBuilder RegisterBilling(IServiceCollection services, IConfiguration configuration) =>
                    Company.Billing.ApigClientServiceCollectionExtensions.AddKeyedApigClient(services, "billing", configuration.GetSection("Billing"));
            }
            """;
        foreach (var version in new[] { LanguageVersion.CSharp12, LanguageVersion.Latest })
        {
            var (result, output, _) = new GeneratorHarness(languageVersion: version, dependencyInjection: true).Run(specs, program);
            Assert.Empty(result.Diagnostics);
            var problems = GeneratorHarness.CompileProblems(output);
            Assert.True(problems.Count == 0, version + ":\n" + string.Join("\n", problems));
            var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).Where(h => h.StartsWith("ApigServices.", StringComparison.Ordinal)).OrderBy(h => h, StringComparer.Ordinal);
            Assert.Equal(new[] { "ApigServices.Company.Billing.g.cs", "ApigServices.Company.Gateway.g.cs" }, hints);
            var gateway = result.Results.Single().GeneratedSources.Single(s => s.HintName == "ApigServices.Company.Gateway.g.cs").SourceText.ToString();
            Assert.Contains("namespace Company.Gateway;", gateway, StringComparison.Ordinal);
            Assert.Contains("new(options, httpClient)", gateway, StringComparison.Ordinal);
            Assert.Contains("<global::Company.Gateway.IApigClient, global::Company.Gateway.ApigClient>", gateway, StringComparison.Ordinal);

            var tree = output.SyntaxTrees.First();
            var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().First(c => c.ToString().StartsWith("services.AddApigClient", StringComparison.Ordinal));
            Assert.Equal("Company.Gateway.ApigClientServiceCollectionExtensions", output.GetSemanticModel(tree).GetSymbolInfo(call).Symbol!.ContainingType.ToDisplayString());
        }
    }

    [Fact]
    public void NamespacesThatExtendEachOtherNeverShareAHintName()
    {
        var specs = new[] { Renamed(Minimal("a", "Company"), "PingAV2"), Renamed(Minimal("b", "Company.DependencyInjection"), "PingBV2") };
        var (result, output, _) = new GeneratorHarness(dependencyInjection: true).Run(specs);
        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Results.Single().Exception);
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Equal(hints.Count, hints.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(2, hints.Count(h => h.StartsWith("ApigServices.", StringComparison.Ordinal)));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void ACSharpEditWithThePackageReferencedRerunsNothingOfOurs()
    {
        var harness = new GeneratorHarness(dependencyInjection: true);
        var driver = harness.CreateDriver(new[] { Minimal() });
        var compilation = harness.CreateCompilation("class Program { }");
        driver = driver.RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName.StartsWith("ApigServices.", StringComparison.Ordinal));

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", harness.ParseOptions));
        driver = driver.RunGenerators(edited);
        var step = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.DependencyInjection];
        Assert.All(step.SelectMany(run => run.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void ReferencesAreRecognisedByFileNameOrProjectAssemblyName()
    {
        Assert.True(Emit.DependencyInjectionEmitter.IsPackage(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.ApigServiceCollectionExtensions).Assembly.Location)));
        Assert.False(Emit.DependencyInjectionEmitter.IsPackage(MetadataReference.CreateFromFile(typeof(ApigGen.ApigClientOptions).Assembly.Location)));
        var project = CSharpCompilation.Create("ApigGen.Extensions.DependencyInjection").ToMetadataReference();
        Assert.True(Emit.DependencyInjectionEmitter.IsPackage(project));
        Assert.False(Emit.DependencyInjectionEmitter.IsPackage(CSharpCompilation.Create("Other").ToMetadataReference()));
    }
}
