using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace ApigGen.Packaging.Tests;

/// <summary>Opens the .nupkg files and checks what a consumer gets.</summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageContentTests
{
    private readonly PackedFeedFixture _feed;

    public PackageContentTests(PackedFeedFixture feed) => _feed = feed;

    private string[] Entries(string id)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed.Feed, id + "." + _feed.Version + ".nupkg"));
        return zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/", StringComparison.Ordinal) && !n.StartsWith("_rels/", StringComparison.Ordinal) && n != "[Content_Types].xml").OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }

    private XDocument Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed.Feed, id + "." + _feed.Version + ".nupkg"));
        using var stream = zip.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    [Fact]
    public void TheGeneratorPackageHoldsTheAnalyzerYamlDotNetThePropsTheTargetsAndTheCatalogue()
    {
        var entries = Entries("ApigGen");
        Assert.Equal(
            new[]
            {
                "ApigGen.nuspec",
                "README.md",
                "analyzers/dotnet/cs/ApigGen.Generator.dll",
                "analyzers/dotnet/cs/YamlDotNet.dll",
                "buildTransitive/ApigGen.props",
                "buildTransitive/ApigGen.targets",
            },
            entries.Where(e => !e.StartsWith("catalogue/", StringComparison.Ordinal)));

        // The catalogue is every spec file under specs/ (found by walking the folders), family folders kept, and the
        // JSON Schema their first line points at (../apig-spec.schema.json).
        Assert.Equal(
            CatalogueSpecs.Relative.Select(r => "catalogue/" + r).Append("catalogue/apig-spec.schema.json").OrderBy(n => n, StringComparer.Ordinal),
            entries.Where(e => e.StartsWith("catalogue/", StringComparison.Ordinal)));
        Assert.True(CatalogueSpecs.Relative.Count >= 203, "the catalogue has " + CatalogueSpecs.Relative.Count + " specs");
    }

    [Fact]
    public void ThePackedPropsShowTheCompilerEveryPropertyTheGeneratorReads()
    {
        // build_property.X reaches the generator only for a CompilerVisibleProperty X: one missing here is a switch that
        // silently does nothing in a consumer's build.
        using var zip = ZipFile.OpenRead(Path.Combine(_feed.Feed, "ApigGen." + _feed.Version + ".nupkg"));
        using var stream = zip.GetEntry("buildTransitive/ApigGen.props")!.Open();
        var visible = XDocument.Load(stream).Descendants("CompilerVisibleProperty").Select(e => e.Attribute("Include")!.Value).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(new[] { "ApigGenNamespace", "ProjectDir", "RootNamespace" }, visible);
    }

    [Fact]
    public void TheGeneratorPackageDependsOnExactlyItsOwnRuntimeVersion()
    {
        var ns = Nuspec("ApigGen").Root!.Name.Namespace;
        var dependency = Nuspec("ApigGen").Descendants(ns + "dependency").Single();
        Assert.Equal("ApigGen.Runtime", dependency.Attribute("id")!.Value);
        Assert.Equal("[" + _feed.Version + "]", dependency.Attribute("version")!.Value);
        Assert.Equal("MIT", Nuspec("ApigGen").Descendants(ns + "license").Single().Value);
    }

    [Fact]
    public void TheRuntimePackageTargetsNet8AndNet10WithDocsAndReadme()
    {
        var entries = Entries("ApigGen.Runtime");
        Assert.Contains("lib/net8.0/ApigGen.Runtime.dll", entries);
        Assert.Contains("lib/net8.0/ApigGen.Runtime.xml", entries);
        Assert.Contains("lib/net10.0/ApigGen.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/ApigGen.Runtime.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.Contains("Generator", StringComparison.Ordinal) || e.Contains("YamlDotNet", StringComparison.Ordinal));
        var ns = Nuspec("ApigGen.Runtime").Root!.Name.Namespace;
        // Its only dependency: Microsoft.Extensions.Logging.Abstractions (8.0 line for net8.0, 11.0 for net10.0).
        var dependencies = Nuspec("ApigGen.Runtime").Descendants(ns + "dependency").ToList();
        Assert.All(dependencies, d => Assert.Equal("Microsoft.Extensions.Logging.Abstractions", d.Attribute("id")!.Value));
        Assert.Equal(2, dependencies.Count);
        Assert.True(File.Exists(Path.Combine(_feed.Feed, "ApigGen.Runtime." + _feed.Version + ".snupkg")));
    }

    [Fact]
    public void TheDependencyInjectionPackageTargetsNet8AndNet10AndDependsOnExactlyItsOwnRuntimeVersion()
    {
        var entries = Entries("ApigGen.Extensions.DependencyInjection");
        foreach (var tfm in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains("lib/" + tfm + "/ApigGen.Extensions.DependencyInjection.dll", entries);
            Assert.Contains("lib/" + tfm + "/ApigGen.Extensions.DependencyInjection.xml", entries);
        }

        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.Contains("ApigGen.Runtime.dll", StringComparison.Ordinal));
        var nuspec = Nuspec("ApigGen.Extensions.DependencyInjection");
        var ns = nuspec.Root!.Name.Namespace;
        foreach (var group in nuspec.Descendants(ns + "group"))
        {
            var dependencies = group.Elements(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
            Assert.Equal("[" + _feed.Version + "]", dependencies["ApigGen.Runtime"]);
            var expected = group.Attribute("targetFramework")!.Value == "net8.0" ? "8.0" : "11.0";
            foreach (var id in new[] { "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Options", "Microsoft.Extensions.Options.ConfigurationExtensions", "Microsoft.Extensions.Configuration.Binder", "Microsoft.Extensions.Http" })
            {
                Assert.StartsWith(expected + ".", dependencies[id], StringComparison.Ordinal);
            }
        }

        Assert.Equal(2, nuspec.Descendants(ns + "group").Count());
        Assert.True(File.Exists(Path.Combine(_feed.Feed, "ApigGen.Extensions.DependencyInjection." + _feed.Version + ".snupkg")));
    }

    [Theory]
    [InlineData("ApigGen")]
    [InlineData("ApigGen.Runtime")]
    [InlineData("ApigGen.Extensions.DependencyInjection")]
    public void NoPackageLinksToAnAddressThatDoesNotExist(string id)
    {
        // The project has no public repository or site yet: metadata must not invent one.
        var nuspec = Nuspec(id);
        var ns = nuspec.Root!.Name.Namespace;
        Assert.Empty(nuspec.Descendants(ns + "projectUrl"));
        Assert.DoesNotContain(nuspec.Descendants(ns + "repository"), e => e.Attribute("url") is not null);
        Assert.DoesNotContain("github.com", nuspec.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("generator/ApigGen.Generator")]
    [InlineData("runtime/ApigGen.Runtime")]
    [InlineData("runtime/ApigGen.Extensions.DependencyInjection")]
    public void PackingLeavesTheCheckoutsRestoreAlone(string project)
    {
        // The packed copy was restored into the fixture's own cache; the checkout's assets file (if it has one) must
        // still point at the user's cache, or the next build of the checkout fails with NETSDK1064 once that cache is gone.
        Assert.Equal(new[] { Normalize(_feed.Packages) }, PackageFolders(Path.Combine(_feed.Sources, project)));
        var checkout = Path.Combine(DotNet.RepositoryRoot, project);
        if (File.Exists(Path.Combine(checkout, "obj", "project.assets.json")))
        {
            Assert.DoesNotContain(PackageFolders(checkout), folder => folder.StartsWith(Normalize(_feed.Root), StringComparison.Ordinal));
        }
    }

    private static string[] PackageFolders(string projectDirectory)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(projectDirectory, "obj", "project.assets.json")));
        return assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(folder => Normalize(folder.Name)).ToArray();
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
