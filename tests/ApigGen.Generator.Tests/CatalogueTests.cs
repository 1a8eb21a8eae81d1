using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The catalogue as a whole: every spec file under <c>specs/**</c> is <c>specs/&lt;family&gt;/&lt;OperationId&gt;.apig.yaml</c>
/// for an operation of the facts, how many of the API's operations it holds, and the README's list of it.
/// </summary>
public sealed class CatalogueTests
{
    private const string ListStart = "<!-- catalogue:start (generated from specs/ by CatalogueTests; APIGGEN_ACCEPT=1 rewrites it) -->";
    private const string ListEnd = "<!-- catalogue:end -->";

    private readonly ITestOutputHelper _output;

    public CatalogueTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EverySpecUnderSpecsIsAFamilyFolderSpecNamedByAnOperationOfTheFacts()
    {
        // Found independently of Catalogue.Files: every file of specs/, whatever its name or depth.
        var all = Directory.GetFiles(Paths.CatalogueSpecs, "*", SearchOption.AllDirectories).Select(Catalogue.Relative)
            .Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p, StringComparer.Ordinal).ToArray();
        Assert.Equal(all, Catalogue.Files.Select(Catalogue.Relative).ToArray());
        foreach (var file in Catalogue.Files)
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*/[A-Za-z0-9]+\\.apig\\.yaml$", Catalogue.Relative(file));
            Assert.True(Facts.Operations.ContainsKey(Catalogue.OperationId(file)), Catalogue.Relative(file) + " is named after no operation of the facts");
        }

        var ids = Catalogue.Files.Select(Catalogue.OperationId).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(216, Facts.Operations.Count);
        _output.WriteLine($"{ids.Count} of {Facts.Operations.Count} APIG v2 operations are in the catalogue, in {Catalogue.Files.Select(Catalogue.Family).Distinct().Count()} families; not yet: {string.Join(", ", Facts.Operations.Keys.Except(ids).OrderBy(n => n, StringComparer.Ordinal))}");
    }

    [Fact]
    public void EveryOperationOfTheFactsIsInTheCatalogue()
    {
        // All 216 operations of APIG v2, each with exactly one spec: none missing, none extra.
        var ids = Catalogue.Files.Select(Catalogue.OperationId).ToHashSet(StringComparer.Ordinal);
        var missing = Facts.Operations.Keys.Where(id => !ids.Contains(id)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, $"{ids.Count} of {Facts.Operations.Count} operations are in the catalogue. Missing: {string.Join(", ", missing)}");
        Assert.Equal(216, Facts.Operations.Count);
        Assert.Equal(216, ids.Count);
        Assert.Equal(216, Catalogue.Files.Count);
    }

    [Fact]
    public void TheReadmeListsTheCatalogueByFamilyWithMethodAndPath()
    {
        var readmePath = Path.Combine(Paths.RepositoryRoot, "README.md");
        var readme = File.ReadAllText(readmePath).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf(ListStart, StringComparison.Ordinal);
        var end = readme.IndexOf(ListEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no catalogue list between " + ListStart + " and " + ListEnd);
        var current = readme[(start + ListStart.Length)..end];
        var expected = "\n" + CatalogueList() + "\n";
        if (current == expected)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(Golden.AcceptVariable) == "1")
        {
            File.WriteAllText(readmePath, readme[..(start + ListStart.Length)] + expected + readme[end..]);
            return;
        }

        var have = current.Split('\n');
        var want = expected.Split('\n');
        var line = Enumerable.Range(0, Math.Max(have.Length, want.Length)).First(i => i >= have.Length || i >= want.Length || have[i] != want[i]);
        Assert.Fail($"README.md's catalogue list differs from specs/ (rerun with {Golden.AcceptVariable}=1 to rewrite it). First difference, line {line + 1} of the list:\n  README: {(line < have.Length ? have[line] : "<end>")}\n  specs:  {(line < want.Length ? want[line] : "<end>")}");
    }

    /// <summary>The README's catalogue list: one table, a row per family (folder) followed by its operations' id, method, path and summary.</summary>
    internal static string CatalogueList()
    {
        var text = new StringBuilder();
        var families = Catalogue.Files.GroupBy(Catalogue.Family).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        text.Append($"<details><summary><b>{Catalogue.Files.Count} of the {Facts.Operations.Count} operations of APIG v2, in {families.Count} families</b> (one folder each under <code>specs/</code>)</summary>\n\n");
        text.Append("| Operation | Method | Path | Summary |\n|---|---|---|---|\n");
        foreach (var family in families)
        {
            text.Append($"| **{family.Key}** ({family.Count()}) | | | |\n");
            foreach (var file in family.OrderBy(Catalogue.OperationId, StringComparer.Ordinal))
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(File.ReadAllText(file)));
                var operation = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["operation"];
                string Value(string key) => operation.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value ?? string.Empty : string.Empty;
                text.Append($"| [`{Catalogue.OperationId(file)}`](specs/{Catalogue.Relative(file)}) | {Value("method")} | `{Value("path")}` | {Value("summary").Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }
        }

        text.Append("\n</details>\n");
        var missing = Facts.Operations.Keys.Except(Catalogue.Files.Select(Catalogue.OperationId)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            text.Append($"\nNot yet in the catalogue (the format cannot say them yet): {string.Join(", ", missing.Select(m => "`" + m + "`"))}.\n");
        }

        return text.ToString().TrimEnd('\n');
    }
}
