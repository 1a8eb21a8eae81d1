extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using ApigGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApigGen.Benchmarks;

/// <summary>
/// Which specs of a corpus this checkout's generator can turn into code that compiles: the generator runs over all of
/// them in one driver (as in a build), a spec it reports any diagnostic for is left out, then the output is compiled
/// against the runtime and a spec whose generated file has a compiler error is left out; repeated until the rest is
/// clean. The facts-only corpus uses syntax that is still being implemented (maps, <c>any</c>, multipart, binary);
/// measurements take what compiles today and print the names of what they skip.
/// </summary>
public static class CorpusCheck
{
    /// <summary>The project directory the in-memory specs pretend to live in.</summary>
    public const string ProjectDirectory = "/src/App/";

    /// <summary>The specs the generator accepts and whose output compiles, and the reason each other spec was left out.</summary>
    /// <param name="specs">Spec texts by file name (<c>{OperationId}.apig.yaml</c>).</param>
    /// <param name="compile">Also compile the output (else only the generator's own diagnostics count).</param>
    public static (List<(string Name, string Yaml)> Kept, List<(string Name, string Reason)> Skipped) Check(IEnumerable<(string Name, string Yaml)> specs, bool compile)
    {
        var kept = specs.ToList();
        var skipped = new List<(string, string)>();
        for (var round = 0; round < 20; round++)
        {
            var texts = kept.Select(spec => (AdditionalText)new InMemoryText(ProjectDirectory + "corpus/" + spec.Name, spec.Yaml)).ToList();
            var compilation = EmptyCompilation(compile);
            var driver = NewDriver(texts).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            var bad = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var diagnostic in generatorDiagnostics)
            {
                var file = Path.GetFileName(diagnostic.Location.GetLineSpan().Path);
                if (!string.IsNullOrEmpty(file) && !bad.ContainsKey(file))
                {
                    bad.Add(file, diagnostic.ToString());
                }
            }

            if (bad.Count == 0 && compile)
            {
                foreach (var diagnostic in output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
                {
                    var file = SpecOfGeneratedFile(diagnostic.Location.SourceTree?.FilePath);
                    if (file is null)
                    {
                        throw new InvalidOperationException("A compiler error outside any spec's generated file (in the client core?): " + diagnostic);
                    }

                    if (!bad.ContainsKey(file))
                    {
                        bad.Add(file, "compiler: " + diagnostic);
                    }
                }
            }

            GC.KeepAlive(driver);
            if (bad.Count == 0)
            {
                return (kept, skipped);
            }

            skipped.AddRange(bad.Select(pair => (pair.Key, pair.Value)));
            kept = kept.Where(spec => !bad.ContainsKey(spec.Name)).ToList();
        }

        throw new InvalidOperationException("The corpus still did not compile after 20 rounds of leaving specs out.");
    }

    /// <summary>The spec file name of a generated file (<c>corpus.{Id}.apig.g.cs</c> → <c>{Id}.apig.yaml</c>), or null.</summary>
    private static string? SpecOfGeneratedFile(string? path)
    {
        var name = Path.GetFileName(path);
        const string Suffix = ".apig.g.cs";
        if (name is null || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var stem = name.Substring(0, name.Length - Suffix.Length);
        return stem.Substring(stem.LastIndexOf('.') + 1) + ".apig.yaml";
    }

    private static readonly InMemoryOptionsProvider Options = new(new Dictionary<string, string?> { ["build_property.RootNamespace"] = "App", ["build_property.ProjectDir"] = ProjectDirectory });

    /// <summary>A driver with the generator, these specs and the options a project named App gives it.</summary>
    public static GeneratorDriver NewDriver(IEnumerable<AdditionalText> texts) => CSharpGeneratorDriver.Create(
        new[] { new GeneratorAssembly::ApigGen.Generator.ApigGenerator().AsSourceGenerator() },
        texts.ToImmutableArray(),
        new CSharpParseOptions(LanguageVersion.CSharp12),
        Options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>
    /// A compilation with one empty class: with <paramref name="withReferences"/>, against the running framework and
    /// ApigGen.Runtime (for compiling the output), else against the core library only (the generator reads no symbol).
    /// </summary>
    public static CSharpCompilation EmptyCompilation(bool withReferences)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        IEnumerable<MetadataReference> references = withReferences
            ? ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(path => path.Length > 0)
                .Append(typeof(global::ApigGen.ApigClientOptions).Assembly.Location)
                .Distinct(StringComparer.Ordinal)
                .Select(path => MetadataReference.CreateFromFile(path))
            : new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) };
        return CSharpCompilation.Create(
            "App",
            new[] { CSharpSyntaxTree.ParseText("internal static class Program { public static void Main() { } }", parse) },
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }
}
