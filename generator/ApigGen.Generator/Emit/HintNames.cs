using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ApigGen.Generator.Emit;

/// <summary>
/// Stable, unique hint names from a spec's project-relative path: characters other than letters, digits, '.' and '_'
/// become '_', and when that changed anything a stable FNV-1a hash of the original path is appended, so two paths
/// never share a hint name (string.GetHashCode is randomised per process and never used). A file outside the project
/// directory is named by its file name and a hash of its whole path, so two such files of one name (a/x.apig.yaml,
/// b/x.apig.yaml) stay apart. Roslyn compares hint names ignoring case: <see cref="Distinct{T}"/> settles names that
/// differ only in case.
/// </summary>
internal static class HintNames
{
    public static string ForSpec(string path, string? projectDirectory)
    {
        var relative = Relative(path, projectDirectory, out var outside);
        var builder = new StringBuilder(relative.Length + 16);
        var changed = false;
        foreach (var c in relative)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(c == '/' || c == '\\' ? '.' : '_');
                changed |= c != '/' && c != '\\';
            }
        }

        var name = builder.ToString().Trim('.');
        if (name.EndsWith(".apig.yaml", StringComparison.OrdinalIgnoreCase))
        {
            name = name.Substring(0, name.Length - ".apig.yaml".Length);
        }

        if (changed || outside || name.Contains(".."))
        {
            name = name.Replace("..", ".") + "_" + Fnv1a(outside ? path.Replace('\\', '/') : relative).ToString("x8", CultureInfo.InvariantCulture);
        }

        return name + ".apig.g.cs";
    }

    /// <summary>
    /// The items with hint names that differ ignoring case, as Roslyn requires of one generator's outputs (else it drops
    /// them all with CS8785): an item whose name only differs in case from an earlier one's gets a hash of its own name.
    /// </summary>
    public static List<T> Distinct<T>(List<T> items, Func<T, string> hintNameOf, Func<T, string, T> rename)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var name = hintNameOf(items[i]);
            if (taken.Add(name))
            {
                continue;
            }

            var stem = name.Substring(0, name.Length - ".apig.g.cs".Length);
            var renamed = stem + "_" + Fnv1a(name).ToString("x8", CultureInfo.InvariantCulture) + ".apig.g.cs";
            for (var n = 2; !taken.Add(renamed); n++)
            {
                renamed = stem + "_" + Fnv1a(name).ToString("x8", CultureInfo.InvariantCulture) + "_" + n.ToString(CultureInfo.InvariantCulture) + ".apig.g.cs";
            }

            items[i] = rename(items[i], renamed);
        }

        return items;
    }

    public static string ForClient(string ns) => Model.GeneratedNames.Client + "." + ns + ".g.cs";

    private static string Relative(string path, string? projectDirectory, out bool outside)
    {
        var normalized = path.Replace('\\', '/');
        outside = false;
        if (!string.IsNullOrEmpty(projectDirectory))
        {
            var root = projectDirectory!.Replace('\\', '/').TrimEnd('/') + "/";
            if (normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase))
            {
                return normalized.Substring(root.Length);
            }

            outside = true;
        }

        var slash = normalized.LastIndexOf('/');
        return slash >= 0 ? normalized.Substring(slash + 1) : normalized;
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
