using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Binding;

/// <summary>The outcome of parsing and binding one spec file: the position-free model, and beside it the diagnostics and the keys of cross-file rules (which carry positions).</summary>
internal sealed record BindResult(SpecFileModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, CrossFileKeys Keys);

/// <summary>What one file defines and uses, with positions, for rules across files; <see cref="HintName"/> tells repeated files apart (Linking/DuplicateFiles).</summary>
internal sealed record CrossFileKeys(
    string FilePath,
    string HintName,
    EquatableArray<SchemaDefinitionKey> Definitions,
    EquatableArray<SchemaUseKey> Uses,
    OperationKey? Operation)
{
    public static CrossFileKeys None(SpecInputModel input) => new(input.Path, input.HintName, EquatableArray<SchemaDefinitionKey>.Empty, EquatableArray<SchemaUseKey>.Empty, null);
}

/// <summary>A schema a file defines; <see cref="Definition"/> is null when the definition itself has errors (it still counts as defined, to spare follow-on errors).</summary>
internal sealed record SchemaDefinitionKey(string Name, string Namespace, SchemaModel? Definition, LocationInfo Location);

/// <summary>A reference to a schema by name, and what the place needs (<see cref="SchemaUse"/>), checked once the definition is known.</summary>
internal sealed record SchemaUseKey(string Name, string Namespace, LocationInfo Location, SchemaUse Use = SchemaUse.Any);

/// <summary>What kind of schema a reference needs: a member takes either kind, a body an object, a parameter an enum.</summary>
internal enum SchemaUse
{
    Any,
    Object,
    Enum,
}

internal sealed record OperationKey(string Id, string Namespace, LocationInfo Location);
