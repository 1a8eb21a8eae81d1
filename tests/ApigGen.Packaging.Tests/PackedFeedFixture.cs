using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace ApigGen.Packaging.Tests;

/// <summary>
/// Packs the three packages once into a temporary feed, with a NuGet cache of its own so a stale package can never mask a broken one.
/// It packs a copy of the sources, never the checkout itself: a restore with its own cache rewrites the project's
/// <c>obj/project.assets.json</c> to point into that cache, which is deleted when the tests end, and the checkout's
/// next (or concurrent) build of the same project then fails with NETSDK1064.
/// </summary>
public sealed class PackedFeedFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "apiggen-pack-" + Guid.NewGuid().ToString("N"));

    public string Feed => Path.Combine(Root, "feed");

    public string Packages => Path.Combine(Root, "packages");

    /// <summary>The copy of the repository's sources that is packed (no bin/obj of the checkout).</summary>
    public string Sources => Path.Combine(Root, "src");

    public string Version { get; } = "0.1.0";

    public Dictionary<string, string> Environment => new() { ["NUGET_PACKAGES"] = Packages };

    /// <summary>A nuget.config that finds the packed packages first (then nuget.org for their dependencies).</summary>
    public string NuGetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        CopySources();
        foreach (var project in new[] { "runtime/ApigGen.Runtime/ApigGen.Runtime.csproj", "generator/ApigGen.Generator/ApigGen.Generator.csproj", "runtime/ApigGen.Extensions.DependencyInjection/ApigGen.Extensions.DependencyInjection.csproj" })
        {
            var (exit, output) = await DotNet.RunAsync(Sources, Environment, TimeSpan.FromMinutes(5), "pack", project, "-c", "Release", "-o", Feed, "-p:ContinuousIntegrationBuild=true");
            Assert.True(exit == 0, "dotnet pack " + project + " failed:\n" + output);
        }
    }

    /// <summary>Copies what packing reads: the root build files, the packed projects (without build output) and the catalogue specs.</summary>
    private void CopySources()
    {
        Directory.CreateDirectory(Sources);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            var source = Path.Combine(DotNet.RepositoryRoot, file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(Sources, file));
            }
        }

        foreach (var folder in new[] { "runtime/ApigGen.Runtime", "generator/ApigGen.Generator", "runtime/ApigGen.Extensions.DependencyInjection", "specs" })
        {
            CopyTree(Path.Combine(DotNet.RepositoryRoot, folder), Path.Combine(Sources, folder));
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopyTree(directory, Path.Combine(to, name));
            }
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }

        return Task.CompletedTask;
    }
}

/// <summary>One packed feed for every test that needs it.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeedFixture>
{
    public const string Name = "packed feed";
}
