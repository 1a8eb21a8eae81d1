using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using ApigGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApigGen.Generator.Tests.Infrastructure;

/// <summary>A spec file given to the generator: a path and its text, and an optional per-file namespace.</summary>
internal sealed record Spec(string Path, string Text, string? Namespace = null)
{
    public static Spec FromFile(string path) => new(path, File.ReadAllText(path));
}

/// <summary>
/// Runs <see cref="ApigGenerator"/> in a <see cref="CSharpGeneratorDriver"/> over in-memory specs, with step
/// tracking on, and compiles its output against the running runtime's assemblies and ApigGen.Runtime.
/// </summary>
internal sealed class GeneratorHarness
{
    public const string ProjectDirectory = "/src/TestApp/";

    private static readonly Lazy<ImmutableArray<MetadataReference>> DependencyInjectionReferences = new(LoadDependencyInjectionReferences);

    public GeneratorHarness(string rootNamespace = "TestApp", string? namespaceOverride = null, LanguageVersion languageVersion = LanguageVersion.CSharp12, bool dependencyInjection = false)
    {
        DependencyInjection = dependencyInjection;
        RootNamespace = rootNamespace;
        NamespaceOverride = namespaceOverride;
        ParseOptions = new CSharpParseOptions(languageVersion, DocumentationMode.Diagnose);
    }

    public string RootNamespace { get; }

    /// <summary>Whether the compilation references ApigGen.Extensions.DependencyInjection (and the Microsoft.Extensions packages it brings).</summary>
    public bool DependencyInjection { get; }

    public string? NamespaceOverride { get; }

    public CSharpParseOptions ParseOptions { get; }

    public static ImmutableArray<MetadataReference> MetadataReferences => TestReferences.FrameworkAndRuntime;

    public GeneratorDriver CreateDriver(IEnumerable<Spec> specs) =>
        CreateDriver(specs.Select(s => (AdditionalText)new InMemoryText(s.Path, s.Text)).ToImmutableArray(), specs);

    public GeneratorDriver CreateDriver(ImmutableArray<AdditionalText> texts, IEnumerable<Spec> specs)
    {
        var options = new InMemoryOptionsProvider(
            new Dictionary<string, string?>
            {
                ["build_property.RootNamespace"] = RootNamespace,
                ["build_property.ApigGenNamespace"] = NamespaceOverride,
                ["build_property.ProjectDir"] = ProjectDirectory,
            },
            specs.Where(s => s.Namespace is not null).ToDictionary(s => s.Path, s => s.Namespace!));
        return CSharpGeneratorDriver.Create(
            new[] { new ApigGenerator().AsSourceGenerator() },
            texts,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "TestApp",
        sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "/src/TestApp/Program.cs")),
        DependencyInjection ? DependencyInjectionReferences.Value : MetadataReferences,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    /// <summary>Runs the generator once and returns the result and the compilation with its output.</summary>
    public (GeneratorDriverRunResult Result, Compilation Output, GeneratorDriver Driver) Run(IEnumerable<Spec> specs, params string[] sources)
    {
        var driver = CreateDriver(specs);
        var compilation = CreateCompilation(sources);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, CancellationToken.None);
        return (driver.GetRunResult(), output, driver);
    }

    /// <summary>Every diagnostic of the compiled output at warning level or above, generated files checked with their nullable warnings on (<see cref="StrictNullable.CompileProblems"/>).</summary>
    public static IReadOnlyList<Diagnostic> CompileProblems(Compilation output) => StrictNullable.CompileProblems(output);

    private static ImmutableArray<MetadataReference> LoadDependencyInjectionReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return TestReferences.FrameworkAndRuntime
            .Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.ApigServiceCollectionExtensions).Assembly.Location))
            .AddRange(trusted.Where(p => Path.GetFileName(p).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)));
    }
}
