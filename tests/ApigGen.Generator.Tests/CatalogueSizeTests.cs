using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The whole catalogue (every <c>specs/**/*.apig.yaml</c>) in one compilation, as a project that selects every
/// operation meets it: no diagnostic, no compile warning, and the size of the generated code. Run it alone to read the
/// figures: <c>dotnet test tests/ApigGen.Generator.Tests --filter WholeCatalogue --logger "console;verbosity=detailed"</c>;
/// with <c>APIGGEN_CATALOGUE_DUMP=dir</c> set it also writes the generated files there.
/// </summary>
public sealed class CatalogueSizeTests(ITestOutputHelper output)
{
    [Fact]
    public void WholeCatalogueCompilesInOneProjectAndReportsItsSize()
    {
        var files = Directory.GetFiles(Paths.CatalogueSpecs, "*.apig.yaml", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToList();
        // Each folder of the catalogue in its own namespace (the top folder in the default one): schemas of the same
        // name differ between API families.
        var specs = files.Select(p => Spec.FromFile(p) with
        {
            Path = GeneratorHarness.ProjectDirectory + "specs/" + Path.GetRelativePath(Paths.CatalogueSpecs, p),
            Namespace = FolderNamespace(Path.GetRelativePath(Paths.CatalogueSpecs, Path.GetDirectoryName(p)!)),
        }).ToList();
        var (result, compiled, _) = new GeneratorHarness().Run(specs);
        Assert.Empty(result.Diagnostics);
        var problems = GeneratorHarness.CompileProblems(compiled);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20).Select(p => p.ToString())));

        // Every generated class and struct (nested enums included) is generated code, non-user code for the debugger and
        // out of code coverage; interfaces carry only the first (the other two do not apply to them).
        var types = AllTypes(compiled.Assembly.GlobalNamespace).ToList();
        Assert.Contains(types, t => t.TypeKind == Microsoft.CodeAnalysis.TypeKind.Struct);
        foreach (var type in types)
        {
            // The paging class is declared in every file with a paging operation: its methods carry the attributes.
            var marked = type.Name == "ApigClientPaging" ? type.GetMembers().OfType<Microsoft.CodeAnalysis.IMethodSymbol>().Where(m => m.Name.EndsWith("AllAsync", StringComparison.Ordinal)).ToArray<Microsoft.CodeAnalysis.ISymbol>() : new Microsoft.CodeAnalysis.ISymbol[] { type };
            Assert.NotEmpty(marked);
            foreach (var symbol in marked)
            {
                var attributes = symbol.GetAttributes().Select(a => a.AttributeClass!.ToDisplayString()).ToList();
                var expected = type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Interface
                    ? new[] { "System.CodeDom.Compiler.GeneratedCodeAttribute" }
                    : new[] { "System.CodeDom.Compiler.GeneratedCodeAttribute", "System.Diagnostics.DebuggerNonUserCodeAttribute", "System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverageAttribute" };
                Assert.True(expected.All(attributes.Contains), symbol.ToDisplayString() + ": " + string.Join(", ", attributes));
            }
        }

        var sources = result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).ToList();
        if (Environment.GetEnvironmentVariable("APIGGEN_CATALOGUE_DUMP") is { Length: > 0 } dump)
        {
            // The generated files, to read or diff what a change to the emitters does to the whole catalogue.
            Directory.CreateDirectory(dump);
            foreach (var source in result.Results.Single().GeneratedSources)
            {
                File.WriteAllText(Path.Combine(dump, source.HintName), source.SourceText.ToString());
            }
        }

        var lines = sources.SelectMany(s => s.Split('\n')).ToList();
        var operations = sources.Sum(s => Regex.Matches(s, @"^    global::System\.Threading\.Tasks\.Task<\w+> \w+Async\(", RegexOptions.Multiline).Count);
        Assert.Equal(files.Count, operations);

        var docLines = lines.Count(l => l.TrimStart().StartsWith("///", StringComparison.Ordinal));
        var enumTypes = lines.Count(l => Regex.IsMatch(l, @"^\s*public readonly (partial )?(record )?struct "));
        var listReads = lines.Count(l => l.Contains("ExpectStartArray(", StringComparison.Ordinal));
        var responseHelpers = lines.Count(l => Regex.IsMatch(l, @"private static \w+ Read\w+Response\("));
        output.WriteLine($"catalogue: {files.Count} spec files, {operations} operations, {sources.Count} generated files");
        output.WriteLine($"generated lines: {lines.Count} total, {(double)lines.Count / operations:F1} per operation");
        output.WriteLine($"of which doc comment lines: {docLines}; enum types: {enumTypes}; inline list reads: {listReads}; Read{{Op}}Response helpers: {responseHelpers}");
        foreach (var (part, start) in new[]
        {
            ("enum structs", @"^\s*public readonly partial (record )?struct "),
            ("CollectErrors methods", @"^\s*void global::ApigGen\.IApigValidatable\.CollectErrors\("),
            ("WriteJson methods", @"^\s*internal void WriteJson\("),
            ("reading constructors", @"^\s*internal \w+\(ref global::System\.Text\.Json\.Utf8JsonReader reader"),
            ("PrintMembers methods", @"PrintMembers\("),
            ("client methods", @"^\s*public async global::System\.Threading\.Tasks\.Task<"),
            ("paging methods", @"^\s*public static (async )?global::System\.Collections\.Generic\.IAsyncEnumerable<"),
        })
        {
            var blockLines = sources.Sum(source => BlockLines(source.Split('\n'), new Regex(start)));
            output.WriteLine($"  {part}: {blockLines} lines ({100.0 * blockLines / lines.Count:F1} %)");
        }
    }

    private static string? FolderNamespace(string folder) => folder == "."
        ? null
        : "TestApp.Apig." + string.Concat(folder.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));

    private static System.Collections.Generic.IEnumerable<Microsoft.CodeAnalysis.INamedTypeSymbol> AllTypes(Microsoft.CodeAnalysis.INamespaceOrTypeSymbol container)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is Microsoft.CodeAnalysis.INamespaceOrTypeSymbol inner)
            {
                if (inner is Microsoft.CodeAnalysis.INamedTypeSymbol type)
                {
                    yield return type;
                }

                foreach (var nested in AllTypes(inner))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Lines of the blocks whose first line matches <paramref name="start"/>, with their docs and attributes: up to the closing brace at the same indent.</summary>
    private static int BlockLines(string[] lines, Regex start)
    {
        var count = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!start.IsMatch(lines[i]) || lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal))
            {
                continue;
            }

            var indent = lines[i].Length - lines[i].TrimStart().Length;
            var first = i;
            while (first > 0 && (lines[first - 1].TrimStart().StartsWith("///", StringComparison.Ordinal) || lines[first - 1].TrimStart().StartsWith("[", StringComparison.Ordinal)))
            {
                first--;
            }

            var end = i;
            if (!lines[i].TrimEnd().EndsWith(";", StringComparison.Ordinal))
            {
                end = i + 1;
                while (end < lines.Length && !(lines[end].Length > indent && lines[end].Substring(0, indent).Trim().Length == 0 && lines[end][indent] == '}'))
                {
                    end++;
                }
            }

            count += end - first + 1;
            i = end;
        }

        return count;
    }
}
