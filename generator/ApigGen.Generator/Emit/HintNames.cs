using System;
using System.Globalization;
using System.Text;

namespace ApigGen.Generator.Emit;

/// <summary>
/// Stable, unique hint names from a spec's project-relative path: characters other than letters, digits, '.' and '_'
/// become '_', and when that changed anything a stable FNV-1a hash of the original path is appended, so two paths
/// never share a hint name (string.GetHashCode is randomised per process and never used).
/// </summary>
internal static class HintNames
{
    public static string ForSpec(string path, string? projectDirectory)
    {
        var relative = Relative(path, projectDirectory);
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

        if (changed || name.Contains(".."))
        {
            name = name.Replace("..", ".") + "_" + Fnv1a(relative).ToString("x8", CultureInfo.InvariantCulture);
        }

        return name + ".apig.g.cs";
    }

    public static string ForClient(string ns) => Model.GeneratedNames.Client + "." + ns + ".g.cs";

    private static string Relative(string path, string? projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        if (!string.IsNullOrEmpty(projectDirectory))
        {
            var root = projectDirectory!.Replace('\\', '/').TrimEnd('/') + "/";
            if (normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase))
            {
                return normalized.Substring(root.Length);
            }
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
