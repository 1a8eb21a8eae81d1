using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ApigGen.Generator.Binding;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Linking;

/// <summary>Rules across spec files: unresolved, ambiguous and conflicting schemas, and duplicate operations.</summary>
internal static class CrossFileRules
{
    public static EquatableArray<DiagnosticInfo> Check(ImmutableArray<CrossFileKeys> files, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();

        // A file given twice (two AdditionalFiles items for one path) is reported, and counts once.
        DuplicateFiles.Report(files, diagnostics);
        var unique = DuplicateFiles.FirstOfEach(files, static file => file.HintName);

        // Definitions by schema name; most names are defined once, in one namespace.
        var definitionsByName = new Dictionary<string, List<SchemaDefinitionKey>>(StringComparer.Ordinal);
        foreach (var file in unique)
        {
            foreach (var definition in file.Definitions)
            {
                definitionsByName.GetOrAddList(definition.Name).Add(definition);
            }
        }

        foreach (var list in definitionsByName.Values)
        {
            if (list.Count > 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ReportConflicts(list, diagnostics);
            }
        }

        foreach (var file in unique)
        {
            foreach (var use in file.Uses)
            {
                if (!definitionsByName.TryGetValue(use.Name, out var definitions))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnresolvedSchema, use.Location, use.Name));
                }
                else if (SchemaResolution.Resolve(definitions, use.Namespace, static definition => definition.Namespace) is not { } resolved)
                {
                    var namespaces = definitions.Select(d => d.Namespace).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousSchema, use.Location, use.Name, string.Join(", ", namespaces)));
                }
                // An object schema of the same file as a parameter is reported by the binder already (APIG0204).
                else if (resolved.Definition is { } definition && WrongKind(use.Use, definition.Enum is not null) is { } needed
                    && !(use.Use == SchemaUse.Enum && resolved.Location.FilePath == use.Location.FilePath))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongSchemaKind, use.Location, use.Name, definition.Enum is null ? "an object schema" : "an enum schema", needed));
                }
                else if (resolved.Definition is { } schema && FormRules.HasFileMember(schema.Properties))
                {
                    // A form's schema has no JSON form; only its own multipart body names it (not recorded as a use).
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, use.Location, "schema", use.Name, "a schema with file members is the parts of a multipart/form-data body, which only that body may name"));
                }
            }
        }

        var operationsById = new Dictionary<string, List<OperationKey>>(StringComparer.Ordinal);
        foreach (var file in unique)
        {
            if (file.Operation is not { } operation)
            {
                continue;
            }

            operationsById.GetOrAddList(operation.Id).Add(operation);
            foreach (var suffix in Naming.GeneratedTypeSuffixes)
            {
                var typeName = operation.Id + suffix;
                if (definitionsByName.TryGetValue(typeName, out var definitions) && DefinitionIn(definitions, operation.Namespace) is { } schema)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, operation.Location, operation.Id, typeName, "is also the name of a schema in namespace " + operation.Namespace + ", defined in " + Where(schema.Location, operation.Location)));
                }
            }
        }

        foreach (var list in operationsById.Values)
        {
            if (list.Count < 2)
            {
                continue;
            }

            foreach (var group in list.GroupBy(o => o.Namespace, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                foreach (var operation in group)
                {
                    var others = group.Where(o => o != operation).Select(o => Where(o.Location, operation.Location));
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateOperation, operation.Location, operation.Id, operation.Namespace, string.Join(", ", others)));
                }
            }
        }

        return diagnostics.Count == 0
            ? EquatableArray<DiagnosticInfo>.Empty
            : diagnostics
                .OrderBy(d => d.Location.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToEquatableArray();
    }

    /// <summary>What a place needs when the schema it names is of the other kind; null when the kind fits.</summary>
    private static string? WrongKind(SchemaUse use, bool isEnum) => use switch
    {
        SchemaUse.Object when isEnum => "a request body needs an object schema",
        SchemaUse.Enum when !isEnum => "a parameter is a primitive or an enum, so it needs an enum schema",
        _ => null,
    };

    /// <summary>Definitions of one name that differ within a namespace: each is reported, naming where the others are.</summary>
    private static void ReportConflicts(List<SchemaDefinitionKey> definitions, List<DiagnosticInfo> diagnostics)
    {
        foreach (var group in definitions.Where(d => d.Definition is not null).GroupBy(d => d.Namespace, StringComparer.Ordinal))
        {
            // Identical definitions merge into one type; comparing them (a deep hash) only matters when there are several.
            if (group.Take(2).Count() < 2 || group.Select(d => d.Definition).Distinct().Count() < 2)
            {
                continue;
            }

            foreach (var definition in group)
            {
                var others = group.Where(o => !Equals(o.Definition, definition.Definition)).Select(o => Where(o.Location, definition.Location)).Distinct().ToList();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingSchema, definition.Location, definition.Name, definition.Namespace, Places(others)));
            }
        }
    }

    /// <summary>
    /// The first few places, then how many more: in a project of hundreds of copies of one schema, each conflicting copy
    /// would otherwise list every other one, and the messages grow with the square of the number of files.
    /// </summary>
    private static string Places(List<string> places) =>
        places.Count <= MaxListedPlaces
            ? string.Join(", ", places)
            : string.Join(", ", places.Take(MaxListedPlaces)) + " and " + (places.Count - MaxListedPlaces).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more";

    private const int MaxListedPlaces = 5;

    /// <summary>The first definition in namespace <paramref name="ns"/>, or null.</summary>
    private static SchemaDefinitionKey? DefinitionIn(List<SchemaDefinitionKey> definitions, string ns)
    {
        foreach (var definition in definitions)
        {
            if (definition.Namespace == ns)
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>
    /// Another place, for a message reported at <paramref name="from"/>: its file's name when both files share a folder,
    /// else its path from the folder of <paramref name="from"/>'s file (two files of one name in two folders must not
    /// read alike), then its line and column, 1-based as the build prints them.
    /// </summary>
    private static string Where(LocationInfo location, LocationInfo from) =>
        RelativePath(location.FilePath, from.FilePath) + "(" + (location.StartLine + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + (location.StartColumn + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    /// <summary>The path of <paramref name="file"/> from the folder of <paramref name="fromFile"/>, with <c>/</c> between folders.</summary>
    internal static string RelativePath(string file, string fromFile)
    {
        var target = file.Replace('\\', '/').Split('/');
        var origin = fromFile.Replace('\\', '/').Split('/');
        var common = 0;
        while (common < target.Length - 1 && common < origin.Length - 1 && string.Equals(target[common], origin[common], StringComparison.Ordinal))
        {
            common++;
        }

        if (common == 0)
        {
            // Nothing in common (another drive): the whole path.
            return string.Join("/", target);
        }

        var builder = new System.Text.StringBuilder();
        for (var i = common; i < origin.Length - 1; i++)
        {
            builder.Append("../");
        }

        return builder.Append(string.Join("/", target, common, target.Length - common)).ToString();
    }
}
