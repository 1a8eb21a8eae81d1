using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ApigGen.Generator;
using ApigGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ApigGen.Fuzz;

/// <summary>A spec given to the generator: its path, its text as the compiler decoded it, and its own namespace (or none).</summary>
internal sealed record SpecInput(string Path, SourceText Text, string? Namespace);

/// <summary>
/// Runs <see cref="ApigGenerator"/> in a <see cref="CSharpGeneratorDriver"/> over in-memory specs, as the generator
/// tests' harness does (same compiler-visible properties, C# 12 with documentation diagnostics, nullable enabled, every
/// warning level), and compiles its output against the running runtime's assemblies and ApigGen.Runtime.
/// </summary>
internal sealed class GeneratorRunner
{
    public const string ProjectDirectory = "/src/TestApp/";

    public CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    public static ImmutableArray<MetadataReference> MetadataReferences => TestReferences.FrameworkAndRuntime;

    /// <summary>Decodes file bytes as the compiler decodes an additional file: UTF-8 (a BOM picks its encoding), else Latin-1.</summary>
    public static SourceText Decode(byte[] bytes)
    {
        try
        {
            return SourceText.From(new MemoryStream(bytes, writable: false), new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            return SourceText.From(new MemoryStream(bytes, writable: false), Encoding.Latin1);
        }
    }

    /// <summary>Runs the generator once: its result and the compilation with its output.</summary>
    public (GeneratorDriverRunResult Result, Compilation Output) Run(IReadOnlyList<SpecInput> specs)
    {
        var texts = specs.Select(s => (AdditionalText)new InMemoryText(s.Path, s.Text)).ToImmutableArray();
        var options = new InMemoryOptionsProvider(
            new Dictionary<string, string?>
            {
                ["build_property.RootNamespace"] = "TestApp",
                ["build_property.ProjectDir"] = ProjectDirectory,
            },
            specs.Where(s => s.Namespace is not null).ToDictionary(s => s.Path, s => s.Namespace!, StringComparer.Ordinal));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new ApigGenerator().AsSourceGenerator() }, texts, ParseOptions, options);
        driver = driver.RunGeneratorsAndUpdateCompilation(CreateCompilation(), out var output, out _, CancellationToken.None);
        return (driver.GetRunResult(), output);
    }

    public CSharpCompilation CreateCompilation(string assemblyName = "TestApp") => CSharpCompilation.Create(
        assemblyName,
        Array.Empty<SyntaxTree>(),
        MetadataReferences,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999, optimizationLevel: OptimizationLevel.Release));

    /// <summary>Every diagnostic of the compiled output at warning level or above, generated files checked with their nullable warnings on (<see cref="StrictNullable.CompileProblems"/>).</summary>
    public static IReadOnlyList<Diagnostic> CompileProblems(Compilation output) => StrictNullable.CompileProblems(output);
}
