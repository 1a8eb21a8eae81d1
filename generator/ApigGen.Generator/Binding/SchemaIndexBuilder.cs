using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Binding;

/// <summary>
/// Which file emits each schema (identical definitions in several files merge into one type, emitted by the file
/// whose hint name sorts first) and which namespace a reference resolves to: this file's, then the same namespace,
/// then the only namespace that defines the name. Built only from valid files' position-free models.
/// </summary>
internal static class SchemaIndexBuilder
{
    public static SchemaIndexModel Build(ImmutableArray<SpecFileModel?> files)
    {
        var owners = new Dictionary<(string Namespace, string Name), (string Owner, SchemaModel Schema)>();
        foreach (var file in files)
        {
            if (file is null)
            {
                continue;
            }

            foreach (var schema in file.Schemas)
            {
                var key = (file.Namespace, schema.Name);
                if (!owners.TryGetValue(key, out var owner) || string.CompareOrdinal(file.HintName, owner.Owner) < 0)
                {
                    owners[key] = (file.HintName, schema);
                }
            }
        }

        // Which schemas requests write and responses read, following references across files.
        var namespacesByName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in owners.Keys)
        {
            if (!namespacesByName.TryGetValue(key.Name, out var namespaces))
            {
                namespacesByName.Add(key.Name, namespaces = new List<string>(1));
            }

            namespaces.Add(key.Namespace);
        }

        var written = new HashSet<(string, string)>();
        var read = new HashSet<(string, string)>();
        foreach (var file in files)
        {
            if (file?.Operation is not { } operation)
            {
                continue;
            }

            if (operation.Body is { } body)
            {
                Reach(body.SchemaName, file.Namespace, owners, namespacesByName, written);
            }

            foreach (var property in operation.Response.Properties)
            {
                foreach (var name in SchemaNames(property.Type))
                {
                    Reach(name, file.Namespace, owners, namespacesByName, read);
                }
            }
        }

        return new SchemaIndexModel(owners
            .Select(pair =>
            {
                var used = read.Contains(pair.Key) || written.Contains(pair.Key);
                return new SchemaIndexEntry(pair.Key.Name, pair.Key.Namespace, pair.Value.Owner, read.Contains(pair.Key) || !used, written.Contains(pair.Key) || !used);
            })
            .OrderBy(e => e.Namespace, StringComparer.Ordinal)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToEquatableArray());
    }

    private static void Reach(
        string name,
        string fromNamespace,
        Dictionary<(string Namespace, string Name), (string Owner, SchemaModel Schema)> schemas,
        Dictionary<string, List<string>> namespacesByName,
        HashSet<(string, string)> reached)
    {
        var pending = new Stack<(string Name, string From)>();
        pending.Push((name, fromNamespace));
        while (pending.Count > 0)
        {
            var (next, from) = pending.Pop();
            var key = Resolve(next, from, schemas, namespacesByName);
            if (key is null || !reached.Add(key.Value))
            {
                continue;
            }

            foreach (var property in schemas[key.Value].Schema.Properties)
            {
                foreach (var referenced in SchemaNames(property.Type))
                {
                    pending.Push((referenced, key.Value.Namespace));
                }
            }
        }
    }

    /// <summary>The same rule as references in emitted code: this namespace first, else the only namespace defining the name.</summary>
    private static (string Namespace, string Name)? Resolve(
        string name,
        string fromNamespace,
        Dictionary<(string Namespace, string Name), (string Owner, SchemaModel Schema)> schemas,
        Dictionary<string, List<string>> namespacesByName)
    {
        if (schemas.ContainsKey((fromNamespace, name)))
        {
            return (fromNamespace, name);
        }

        return namespacesByName.TryGetValue(name, out var namespaces) && namespaces.Count == 1 ? (namespaces[0], name) : null;
    }

    private static IEnumerable<string> SchemaNames(TypeModel type)
    {
        for (var current = type; current is not null; current = current.Items)
        {
            if (current.Kind == TypeKind.Schema && current.SchemaName is { } name)
            {
                yield return name;
            }
        }
    }

    /// <summary>The part of the index one file needs: its own schemas' owners and where its references resolve.</summary>
    public static EmitInputModel Slice(SpecFileModel file, SchemaIndexModel index)
    {
        var slice = new List<SchemaIndexEntry>();
        foreach (var schema in file.Schemas)
        {
            if (index.Named(schema.Name).FirstOrDefault(e => e.Namespace == file.Namespace) is { } entry)
            {
                slice.Add(entry);
            }
        }

        foreach (var name in References(file))
        {
            if (file.Schemas.Any(s => s.Name == name))
            {
                continue;
            }

            var candidates = index.Named(name);
            var chosen = candidates.FirstOrDefault(e => e.Namespace == file.Namespace)
                ?? (candidates.Select(e => e.Namespace).Distinct().Count() == 1 ? candidates[0] : null);
            if (chosen is not null && !slice.Contains(chosen))
            {
                slice.Add(chosen);
            }
        }

        slice.Sort((a, b) => string.CompareOrdinal(a.Namespace + "." + a.Name, b.Namespace + "." + b.Name));
        return new EmitInputModel(file, slice.ToEquatableArray());
    }

    /// <summary>The emit inputs with one per hint name (a file given twice has one hint name), in their order.</summary>
    public static EquatableArray<EmitInputModel> DistinctByHintName(ImmutableArray<EmitInputModel?> inputs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<EmitInputModel>(inputs.Length);
        foreach (var input in inputs)
        {
            if (input is not null && seen.Add(input.File.HintName))
            {
                unique.Add(input);
            }
        }

        return unique.ToEquatableArray();
    }

    public static EquatableArray<string> Distinct(ImmutableArray<string?> values) =>
        values.Where(v => v is not null).Select(v => v!).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToEquatableArray();

    private static IEnumerable<string> References(SpecFileModel file)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var schema in file.Schemas)
        {
            foreach (var property in schema.Properties)
            {
                Collect(property.Type, names);
            }
        }

        if (file.Operation is { } operation)
        {
            if (operation.Body is { } body)
            {
                names.Add(body.SchemaName);
            }

            foreach (var property in operation.Response.Properties)
            {
                Collect(property.Type, names);
            }
        }

        return names;
    }

    private static void Collect(TypeModel type, SortedSet<string> names)
    {
        if (type.SchemaName is { } name && type.Kind == TypeKind.Schema)
        {
            names.Add(name);
        }

        if (type.Items is { } items)
        {
            Collect(items, names);
        }
    }
}
