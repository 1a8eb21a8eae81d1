using System;
using System.Collections.Generic;
using System.Globalization;
using ApigGen.Generator.Binding;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Linking;

/// <summary>
/// A spec file given more than once (two AdditionalFiles items for one path): the one rule for it, used by the rules
/// across files and by emission. A file is known by its hint name, which <see cref="Emit.HintNames"/> derives from its
/// path: the first item of a hint name counts, the others are left out of both (a second output of one hint name would
/// throw inside the driver), and a path given more than once is reported (APIG0004) at that path.
/// </summary>
internal static class DuplicateFiles
{
    /// <summary>The first item of each hint name, in their order; null items are skipped.</summary>
    public static List<T> FirstOfEach<T>(IReadOnlyList<T?> items, Func<T, string> hintNameOf)
        where T : class
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && seen.Add(hintNameOf(item)))
            {
                unique.Add(item);
            }
        }

        return unique;
    }

    /// <summary>Adds APIG0004 for every path given more than once, with how many times, in the order the paths first came.</summary>
    public static void Report(IReadOnlyList<CrossFileKeys> files, List<DiagnosticInfo> diagnostics)
    {
        var timesByPath = new Dictionary<string, int>(files.Count, StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var file in files)
        {
            if (timesByPath.TryGetValue(file.FilePath, out var times))
            {
                timesByPath[file.FilePath] = times + 1;
            }
            else
            {
                timesByPath.Add(file.FilePath, 1);
                order.Add(file.FilePath);
            }
        }

        foreach (var path in order)
        {
            if (timesByPath[path] > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IncludedTwice, LocationInfo.FileStart(path), timesByPath[path].ToString(CultureInfo.InvariantCulture)));
            }
        }
    }
}
