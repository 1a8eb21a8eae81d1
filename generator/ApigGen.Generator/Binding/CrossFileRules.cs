using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Binding;

/// <summary>Rules across spec files: unresolved, ambiguous and conflicting schemas, and duplicate operations.</summary>
internal static class CrossFileRules
{
    public static EquatableArray<DiagnosticInfo> Check(ImmutableArray<CrossFileKeys> files, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var twice in files.GroupBy(f => f.FilePath, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IncludedTwice, LocationInfo.FileStart(twice.Key), twice.Count().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // A file given twice counts once.
        files = files.GroupBy(f => f.FilePath, StringComparer.Ordinal).Select(g => g.First()).ToImmutableArray();
        var definitions = files.SelectMany(f => f.Definitions).ToList();

        foreach (var group in definitions.Where(d => d.Definition is not null).GroupBy(d => (d.Namespace, d.Name)))
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Most schemas are defined once: comparing definitions (a deep hash) only matters when there are several.
            if (group.Take(2).Count() < 2 || group.Select(d => d.Definition).Distinct().Count() < 2)
            {
                continue;
            }

            foreach (var definition in group)
            {
                var others = group.Where(o => !Equals(o.Definition, definition.Definition)).Select(o => Where(o.Location)).Distinct();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingSchema, definition.Location, definition.Name, definition.Namespace, string.Join(", ", others)));
            }
        }

        var namesByNamespace = new HashSet<(string, string)>(definitions.Select(d => (d.Namespace, d.Name)));
        var namespacesByName = definitions.ToLookup(d => d.Name, d => d.Namespace, StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var use in file.Uses)
            {
                if (namesByNamespace.Contains((use.Namespace, use.Name)))
                {
                    continue;
                }

                var namespaces = namespacesByName[use.Name].Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
                if (namespaces.Count == 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnresolvedSchema, use.Location, use.Name));
                }
                else if (namespaces.Count > 1)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousSchema, use.Location, use.Name, string.Join(", ", namespaces)));
                }
            }
        }

        var operations = files.Where(f => f.Operation is not null).Select(f => f.Operation!).ToList();
        foreach (var group in operations.GroupBy(o => (o.Namespace, o.Id)).Where(g => g.Count() > 1))
        {
            foreach (var operation in group)
            {
                var others = group.Where(o => o != operation).Select(o => Where(o.Location));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateOperation, operation.Location, operation.Id, operation.Namespace, string.Join(", ", others)));
            }
        }

        foreach (var operation in operations)
        {
            foreach (var suffix in new[] { "Request", "Response" })
            {
                if (namesByNamespace.Contains((operation.Namespace, operation.Id + suffix)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, operation.Location, operation.Id, operation.Id + suffix, "is also the name of a schema in namespace " + operation.Namespace));
                }
            }
        }

        return diagnostics
            .OrderBy(d => d.Location.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private static string Where(LocationInfo location) =>
        System.IO.Path.GetFileName(location.FilePath) + "(" + (location.StartLine + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + (location.StartColumn + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
}
