using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace ApigGen.Packaging.Tests;

/// <summary>Packs both packages once into a temporary feed, with a NuGet cache of its own so a stale package can never mask a broken one.</summary>
public sealed class PackedFeedFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "apiggen-pack-" + Guid.NewGuid().ToString("N"));

    public string Feed => Path.Combine(Root, "feed");

    public string Packages => Path.Combine(Root, "packages");

    public string Version { get; } = "0.1.0";

    public Dictionary<string, string> Environment => new() { ["NUGET_PACKAGES"] = Packages };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        foreach (var project in new[] { "runtime/ApigGen.Runtime/ApigGen.Runtime.csproj", "generator/ApigGen.Generator/ApigGen.Generator.csproj" })
        {
            var (exit, output) = await DotNet.RunAsync(DotNet.RepositoryRoot, Environment, TimeSpan.FromMinutes(5), "pack", project, "-c", "Release", "-o", Feed, "-p:ContinuousIntegrationBuild=true");
            Assert.True(exit == 0, "dotnet pack " + project + " failed:\n" + output);
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
