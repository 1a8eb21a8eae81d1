using System.IO;
using System.Runtime.CompilerServices;

namespace ApigGen.Generator.Tests.Infrastructure;

/// <summary>Where the repository's files are, found from this source file's location.</summary>
internal static class Paths
{
    public static string TestProjectDirectory { get; } = Path.GetDirectoryName(ThisFile())!.Replace("/Infrastructure", string.Empty, System.StringComparison.Ordinal);

    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(TestProjectDirectory, "..", ".."));

    public static string CatalogueSpecs { get; } = Path.Combine(RepositoryRoot, "specs");

    public static string Fixtures { get; } = Path.Combine(TestProjectDirectory, "Specs");

    public static string Baselines { get; } = Path.Combine(TestProjectDirectory, "Baselines");

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
