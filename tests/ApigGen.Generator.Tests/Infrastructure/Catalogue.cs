using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ApigGen.Generator.Tests.Infrastructure;

/// <summary>
/// The catalogue specs: every <c>specs/&lt;family&gt;/&lt;OperationId&gt;.apig.yaml</c>, found by walking the folders
/// (never a hand-kept list), so a spec added to any family is seen by every test that reads the catalogue.
/// </summary>
internal static class Catalogue
{
    /// <summary>The file name suffix of every spec.</summary>
    public const string Suffix = ".apig.yaml";

    /// <summary>Representative catalogue specs whose generated code is kept as golden files (not all of them).</summary>
    public static readonly string[] Representative =
    {
        // The certificate family, whole: the original catalogue, with paging, rules, secrets and date-times.
        "BatchAssociateDomainsV2", "BatchDisassociateDomainsV2", "CreateCertificateV2", "DeleteCertificateV2",
        "ListAttachedDomainsV2", "ListCertificatesV2", "ShowDetailsOfCertificateV2", "UpdateCertificateV2",
        // Other families: a small create, a body-less DELETE, integer enums with enumNames, a paged list. (CreateApiV2 and
        // ListApisV2, the biggest, are compiled with the whole catalogue but kept out of the golden files: 13,000 lines.)
        "CreateEnvironmentV2", "DeleteApiV2", "CreateRequestThrottlingPolicyV2", "ListApiGroupsV2",
    };

    /// <summary>Every catalogue spec file (absolute paths), ordered by their path relative to <c>specs/</c>.</summary>
    public static IReadOnlyList<string> Files { get; } = Directory
        .GetFiles(Paths.CatalogueSpecs, "*" + Suffix, SearchOption.AllDirectories)
        .OrderBy(p => Relative(p), StringComparer.Ordinal)
        .ToArray();

    /// <summary>The path of a catalogue spec relative to <c>specs/</c>, with forward slashes (<c>api-management/CreateApiV2.apig.yaml</c>).</summary>
    public static string Relative(string path) => Path.GetRelativePath(Paths.CatalogueSpecs, path).Replace('\\', '/');

    /// <summary>The operation id a catalogue file is named after.</summary>
    public static string OperationId(string path) => Path.GetFileName(path)[..^Suffix.Length];

    /// <summary>The family folder a catalogue file lives in (empty for a file directly under <c>specs/</c>).</summary>
    public static string Family(string path)
    {
        var relative = Relative(path);
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? string.Empty : relative[..slash];
    }

    /// <summary>The absolute path of the catalogue spec of an operation id.</summary>
    public static string FileOf(string operationId) => Files.Single(f => OperationId(f) == operationId);
}
