using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ApigGen.Generator.Binding;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Linking;

/// <summary>
/// Which file emits each schema (identical definitions in several files merge into one type, emitted by the file
/// whose hint name sorts first) and which namespace a reference resolves to: this file's, then the same namespace,
/// then the only namespace that defines the name. Built only from valid files' position-free models.
/// </summary>
internal static class SchemaIndexBuilder
{
    /// <summary>
    /// The index of the files that are emitted. A file whose reference resolves to nothing generated is left out
    /// (<see cref="Slice"/> returns null), and the schemas it defines go with it; a file whose reference reached one of
    /// those is then left out too. So the index is built again without the files left out until none is, and no
    /// emitted code names a type of a file that is not emitted. Usually the first round keeps every file.
    /// </summary>
    public static SchemaIndexModel Build(ImmutableArray<SpecFileModel?> files)
    {
        while (true)
        {
            var index = BuildFrom(files);
            var kept = files.RemoveAll(file => file is not null && HasUnresolvedReference(file, index) && Slice(file, index) is null);
            if (kept.Length == files.Length)
            {
                return index;
            }

            files = kept;
        }
    }

    /// <summary>
    /// Whether a reference of the file resolves to nothing in the index: the cheap test, without allocating a set, that
    /// only such a file may be left out (<see cref="Slice"/> decides, as an operation it drops takes its references with
    /// it). A name the file defines itself always resolves, to its own definition.
    /// </summary>
    private static bool HasUnresolvedReference(SpecFileModel file, SchemaIndexModel index) =>
        AnyReference(file, (Index: index, file.Namespace), static (name, state) =>
            SchemaResolution.Resolve(state.Index.Named(name), state.Namespace, static entry => entry.Namespace) is null);

    private static SchemaIndexModel BuildFrom(ImmutableArray<SpecFileModel?> files)
    {
        // By name, then namespace: most names live in one namespace, so a lookup is one string hash and a short scan.
        var byName = new Dictionary<string, List<Owner>>();
        var count = 0;
        foreach (var file in files)
        {
            if (file is null)
            {
                continue;
            }

            foreach (var schema in file.Schemas)
            {
                var owners = byName.GetOrAddList(schema.Name);
                if (Find(owners, file.Namespace) is not { } owner)
                {
                    owners.Add(new Owner(schema.Name, file.Namespace, file.HintName, schema));
                    count++;
                }
                else if (string.CompareOrdinal(file.HintName, owner.HintName) < 0)
                {
                    owner.HintName = file.HintName;
                    owner.Schema = schema;
                }
            }
        }

        // Which schemas requests write and responses read, following references across files.
        var pending = new Stack<(string Name, string From)>();
        foreach (var file in files)
        {
            if (file?.Operation is not { } operation)
            {
                continue;
            }

            if (operation.Body is { } body)
            {
                Reach(body.SchemaName, file.Namespace, byName, written: true, pending);
            }

            foreach (var property in operation.Response.Properties)
            {
                if (SchemaName(property.Type) is { } name)
                {
                    Reach(name, file.Namespace, byName, written: false, pending);
                }
            }
        }

        // A schema no operation reaches gets both directions, for hand-written use; so does every schema it refers to,
        // or its own JSON writing and validation would call members those schemas lack.
        var unreached = new List<Owner>();
        foreach (var owners in byName.Values)
        {
            foreach (var owner in owners)
            {
                if (!owner.Read && !owner.Written)
                {
                    unreached.Add(owner);
                }
            }
        }

        foreach (var owner in unreached)
        {
            Reach(owner.Name, owner.Namespace, byName, written: true, pending);
            Reach(owner.Name, owner.Namespace, byName, written: false, pending);
        }

        var entries = new List<SchemaIndexEntry>(count);
        foreach (var owners in byName.Values)
        {
            foreach (var owner in owners)
            {
                entries.Add(new SchemaIndexEntry(owner.Name, owner.Namespace, owner.HintName, owner.Read, owner.Written, owner.Schema.Enum));
            }
        }

        entries.Sort(ByNamespaceThenName);
        return new SchemaIndexModel(new EquatableArray<SchemaIndexEntry>(entries.ToArray()));
    }

    private static void Reach(string name, string fromNamespace, Dictionary<string, List<Owner>> byName, bool written, Stack<(string Name, string From)> pending)
    {
        pending.Push((name, fromNamespace));
        while (pending.Count > 0)
        {
            var (next, from) = pending.Pop();
            if (!byName.TryGetValue(next, out var owners)
                || SchemaResolution.Resolve(owners, from, static candidate => candidate.Namespace) is not { } owner
                || !owner.Reach(written))
            {
                continue;
            }

            foreach (var property in owner.Schema.Properties)
            {
                if (SchemaName(property.Type) is { } referenced)
                {
                    pending.Push((referenced, owner.Namespace));
                }
            }
        }
    }

    private static Owner? Find(List<Owner> owners, string ns)
    {
        foreach (var owner in owners)
        {
            if (owner.Namespace == ns)
            {
                return owner;
            }
        }

        return null;
    }

    /// <summary>The schema (object or named enum) a type refers to, through any number of array levels; null for other types.</summary>
    private static string? SchemaName(TypeModel type)
    {
        var current = type;
        while (current.Items is { } items)
        {
            current = items;
        }

        return current.SchemaName;
    }

    /// <summary>
    /// The part of the index one file needs: its own schemas' owners and where its references resolve; null when a
    /// reference resolves to no schema that is generated — defined nowhere, in several other namespaces (both reported
    /// by <see cref="CrossFileRules"/>), or only in a file with errors, which generates nothing. Such a file is left out
    /// too, so that the build shows those errors rather than compiler errors in code that names a missing type.
    /// </summary>
    public static EmitInputModel? Slice(SpecFileModel file, SchemaIndexModel index)
    {
        // An operation whose request or response type is also a schema of its namespace, defined in another file, is an
        // error (APIG0210 from CrossFileRules). Its request, response and client method are left out, so that the build
        // shows that error rather than the duplicate types' compiler errors; the file's own schemas are still emitted.
        if (file.Operation is { } operation)
        {
            foreach (var suffix in Naming.GeneratedTypeSuffixes)
            {
                if (InNamespace(index.Named(operation.Id + suffix), file.Namespace) is not null)
                {
                    file = file with { Operation = null };
                    break;
                }
            }
        }

        var slice = new List<SchemaIndexEntry>(file.Schemas.Count + 1);
        file = NamedEnums.Resolve(file, index);
        if (file.Operation is { } resolved && NamedEnums.HasWrongKind(resolved, index, file.Namespace))
        {
            // A body that names an enum, or a parameter that names an object (APIG0305 from CrossFileRules): the operation
            // is left out, as above, so that the build shows that error rather than what the code would make of it.
            file = file with { Operation = null };
        }

        foreach (var schema in file.Schemas)
        {
            if (InNamespace(index.Named(schema.Name), file.Namespace) is { } entry)
            {
                slice.Add(entry);
            }
        }

        // Most specs define and refer to a handful of schemas, where a scan is cheapest; a file of thousands gets sets,
        // so that its slice costs no scan of all its schemas per reference.
        var large = file.Schemas.Count > LargeFile;
        var defined = large ? new HashSet<string>(file.Schemas.Select(schema => schema.Name), StringComparer.Ordinal) : null;
        var inSlice = large ? new HashSet<SchemaIndexEntry>(slice) : null;
        foreach (var name in References(file))
        {
            if (defined?.Contains(name) ?? Defines(file, name))
            {
                continue;
            }

            var chosen = SchemaResolution.Resolve(index.Named(name), file.Namespace, static entry => entry.Namespace);
            if (chosen is null)
            {
                return null;
            }

            if (inSlice?.Add(chosen) ?? !slice.Contains(chosen))
            {
                slice.Add(chosen);
            }
        }

        slice.Sort(ByNamespaceThenName);
        return new EmitInputModel(file, new EquatableArray<SchemaIndexEntry>(slice.ToArray()));
    }

    private const int LargeFile = 16;

    private static SchemaIndexEntry? InNamespace(IReadOnlyList<SchemaIndexEntry> entries, string ns)
    {
        foreach (var entry in entries)
        {
            if (entry.Namespace == ns)
            {
                return entry;
            }
        }

        return null;
    }

    private static bool Defines(SpecFileModel file, string name)
    {
        foreach (var schema in file.Schemas)
        {
            if (schema.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The one order of index entries, in the index and in every slice (so equal inputs give equal models).</summary>
    private static int ByNamespaceThenName(SchemaIndexEntry a, SchemaIndexEntry b)
    {
        var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
    }

    public static EquatableArray<string> Distinct(ImmutableArray<string?> values) =>
        values.Where(v => v is not null).Select(v => v!).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToEquatableArray();

    /// <summary>The schema names a file's types refer to, each once (the slice is sorted afterwards, so order does not matter).</summary>
    private static HashSet<string> References(SpecFileModel file)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        AnyReference(file, names, static (name, set) =>
        {
            set.Add(name);
            return false;
        });
        return names;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with each schema name the file's types refer to (a name may come more than once)
    /// until it returns true, and says whether it did: the one list of what a file refers to.
    /// </summary>
    private static bool AnyReference<TState>(SpecFileModel file, TState state, Func<string, TState, bool> visit)
    {
        foreach (var schema in file.Schemas)
        {
            foreach (var property in schema.Properties)
            {
                if (SchemaName(property.Type) is { } name && visit(name, state))
                {
                    return true;
                }
            }
        }

        if (file.Operation is not { } operation)
        {
            return false;
        }

        if (operation.Body is { } body && visit(body.SchemaName, state))
        {
            return true;
        }

        foreach (var property in operation.Response.Properties)
        {
            if (SchemaName(property.Type) is { } name && visit(name, state))
            {
                return true;
            }
        }

        // A parameter may name an enum of another namespace.
        foreach (var parameter in operation.Parameters)
        {
            if (SchemaName(parameter.Property.Type) is { } name && visit(name, state))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>While the index is built: the file that emits a schema, and whether requests write it or responses read it.</summary>
    private sealed class Owner
    {
        public Owner(string name, string ns, string hintName, SchemaModel schema)
        {
            Name = name;
            Namespace = ns;
            HintName = hintName;
            Schema = schema;
        }

        public string Name { get; }

        public string Namespace { get; }

        public string HintName { get; set; }

        public SchemaModel Schema { get; set; }

        public bool Read { get; private set; }

        public bool Written { get; private set; }

        /// <summary>Marks the schema written (or read); false when it already was, so a walk visits each schema once per direction.</summary>
        public bool Reach(bool written)
        {
            if (written ? Written : Read)
            {
                return false;
            }

            if (written)
            {
                Written = true;
            }
            else
            {
                Read = true;
            }

            return true;
        }
    }
}
