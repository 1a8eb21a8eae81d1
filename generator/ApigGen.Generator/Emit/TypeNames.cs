using System.Collections.Generic;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>C# type names of spec types, with schema references resolved through the schema index.</summary>
internal sealed class TypeNames
{
    private readonly string _namespace;

    /// <summary>The qualified C# name of every schema the file refers to, built once per file (members ask for them many times).</summary>
    private readonly Dictionary<string, string> _schemaTypes = new();

    public TypeNames(string currentNamespace, EquatableArray<SchemaIndexEntry> index)
    {
        _namespace = currentNamespace;
        foreach (var entry in index)
        {
            // The index slice holds one namespace per referenced name: the binder's rules already chose it.
            _schemaTypes[entry.Name] = Qualified(entry.Namespace, entry.Name);
        }
    }

    public string Schema(string name) =>
        _schemaTypes.TryGetValue(name, out var type) ? type : Qualified(_namespace, name);

    private static string Qualified(string ns, string name) => "global::" + ns + "." + name;

    /// <summary>The C# type of a value that is present (never nullable-annotated).</summary>
    public string Of(TypeModel type) => type.Kind switch
    {
        TypeKind.String => "string",
        TypeKind.Int32 => "int",
        TypeKind.Int64 => "long",
        TypeKind.Number => "double",
        TypeKind.Boolean => "bool",
        TypeKind.DateTime => "global::System.DateTimeOffset",
        TypeKind.Array => "global::System.Collections.Generic.IReadOnlyList<" + Of(type.Items!) + ">",
        TypeKind.Schema => Schema(type.SchemaName!),
        TypeKind.Map => "global::System.Collections.Generic.IReadOnlyDictionary<string, " + Of(type.Items!) + ">",
        TypeKind.Any => "global::System.Text.Json.JsonElement",
        _ => type.Enum!.TypeName,
    };

    /// <summary>The declared type of a member: nullable unless mandatory.</summary>
    public string Declared(PropertyModel property) => property.Required ? Of(property.Type) : Of(property.Type) + "?";
}
