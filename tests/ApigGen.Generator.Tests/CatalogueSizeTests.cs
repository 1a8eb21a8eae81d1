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
/// figures: <c>dotnet test tests/ApigGen.Generator.Tests --filter WholeCatalogue --logger "console;verbosity=detailed"</c>.
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

        var sources = result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).ToList();
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
    }

    private static string? FolderNamespace(string folder) => folder == "."
        ? null
        : "TestApp.Apig." + string.Concat(folder.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));
}
