using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ApigGen.Packaging.Tests;

/// <summary>The repository's catalogue: every <c>specs/&lt;family&gt;/&lt;OperationId&gt;.apig.yaml</c>, found by walking the folders.</summary>
internal static class CatalogueSpecs
{
    public const string Suffix = ".apig.yaml";

    public static string Root { get; } = Path.Combine(DotNet.RepositoryRoot, "specs");

    /// <summary>Paths relative to <c>specs/</c> with forward slashes (<c>api-management/CreateApiV2.apig.yaml</c>), ordered.</summary>
    public static IReadOnlyList<string> Relative { get; } = Directory.GetFiles(Root, "*" + Suffix, SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
        .OrderBy(p => p, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Every operation id of the catalogue.</summary>
    public static IReadOnlyList<string> Ids { get; } = Relative.Select(r => Path.GetFileName(r)[..^Suffix.Length]).ToArray();

    public static string FileOf(string operationId) => Path.Combine(Root, Relative.Single(r => Path.GetFileName(r) == operationId + Suffix));

    /// <summary>The operation ids of one family folder.</summary>
    public static string[] Family(string family) => Relative.Where(r => r.StartsWith(family + "/", StringComparison.Ordinal)).Select(r => Path.GetFileName(r)[..^Suffix.Length]).ToArray();
}
