using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ApigGen.Fuzz;

/// <summary>A spec of the corpus: its file name and text.</summary>
internal sealed record CorpusSpec(string Name, string Path, string Text);

/// <summary>Finds the repository and its specs: the catalogue (specs/) and the valid generator fixtures.</summary>
internal static class Corpus
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string CatalogueDirectory => Path.Combine(RepositoryRoot, "specs");

    public static string FixtureDirectory => Path.Combine(RepositoryRoot, "tests", "ApigGen.Generator.Tests", "Specs", "valid");

    /// <summary>The catalogue specs (specs/&lt;family&gt;/&lt;OperationId&gt;.apig.yaml), by file name.</summary>
    public static IReadOnlyList<CorpusSpec> Catalogue() => Load(CatalogueDirectory, SearchOption.AllDirectories);

    /// <summary>The catalogue and the valid fixtures: the seeds of spec fuzzing.</summary>
    public static IReadOnlyList<CorpusSpec> SpecSeeds() => Catalogue().Concat(Load(FixtureDirectory, SearchOption.TopDirectoryOnly)).ToList();

    /// <summary>One family of the catalogue (a folder of specs/) and the valid fixtures: the seeds of a short slice.</summary>
    public static IReadOnlyList<CorpusSpec> SpecSeeds(string family) => Catalogue()
        .Where(s => s.Path.Replace('\\', '/').Contains("/specs/" + family + "/", StringComparison.Ordinal))
        .Concat(Load(FixtureDirectory, SearchOption.TopDirectoryOnly))
        .ToList();

    /// <summary>The specs of a folder (the catalogue's family folders too), ordered by path so a seed always finds them in one order.</summary>
    private static IReadOnlyList<CorpusSpec> Load(string directory, SearchOption depth) => Directory
        .GetFiles(directory, "*.apig.yaml", depth)
        .OrderBy(p => p, StringComparer.Ordinal)
        .Select(p => new CorpusSpec(Path.GetFileName(p), p, File.ReadAllText(p)))
        .ToList();

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ApigGen.sln")) && Directory.Exists(Path.Combine(dir.FullName, "specs")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the ApigGen repository: no ApigGen.sln with specs/ above " + Environment.CurrentDirectory + " or " + AppContext.BaseDirectory + ".");
    }
}
