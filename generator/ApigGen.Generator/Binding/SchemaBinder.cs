using System;
using System.Collections.Generic;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>
/// Binds a file's schemas and the members of every generated record (schema, request, response): their C# names (and
/// the clashes between them), types, constraints and rules.
/// </summary>
internal sealed class SchemaBinder
{
    private readonly BindContext _context;
    private readonly TypeBinder _types;
    private readonly RuleBinder _rules;

    public SchemaBinder(BindContext context, TypeBinder types, RuleBinder rules)
    {
        _context = context;
        _types = types;
        _rules = rules;
    }

    /// <summary>The file's type binder (which knows the file's own schemas), also for the parts of a spec that bind a type outside a member (a whole-body map response).</summary>
    public TypeBinder Types => _types;

    public SchemaModel? BindSchema(YamlScalarNode nameNode, YamlNode node)
    {
        var name = nameNode.Value;
        var ok = _context.CheckIdentifier(nameNode, name);
        if (ok && IsLowerCaseAsciiOnly(name))
        {
            // C# reserves such type names for future keywords (CS8981, an error under TreatWarningsAsErrors), and refuses
            // some outright (required, file, scoped).
            _context.Report(DiagnosticDescriptors.InvalidIdentifier, nameNode, name, "a type name of lower-case ASCII letters only is reserved for C# keywords; start it with a capital letter");
            ok = false;
        }

        if (name is GeneratedNames.Client or GeneratedNames.ClientInterface)
        {
            // Generated in every namespace that has an operation; in a file of shared schemas too, since another file may add one.
            _context.Report(DiagnosticDescriptors.NameCollision, nameNode, name, name, "is the name of the generated client (ApigClient and IApigClient)");
            ok = false;
        }

        var map = _context.Mapping(node, "schema '" + name + "'", SpecKeys.Schema);
        if (map is null)
        {
            return null;
        }

        if (map["enum"] is { } enumNode)
        {
            // A named enum: one type of this name in the namespace, referred to with schema: like an object schema.
            foreach (var key in ObjectOnlyKeys)
            {
                if (map[key] is { } objectKeyNode)
                {
                    _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, objectKeyNode, key, "enum (an enum schema lists values, not members)");
                    ok = false;
                }
            }

            var enumModel = _types.BindNamedEnum(map, enumNode, name);
            return ok && enumModel is not null ? new SchemaModel(name, _context.OptionalString(map, "description"), EquatableArray<PropertyModel>.Empty, EquatableArray<RuleModel>.Empty, enumModel) : null;
        }

        foreach (var key in EnumOnlyKeys)
        {
            // type: object is allowed on an object schema (it says what the schema is); anything else makes an enum.
            if (map[key] is { } enumKeyNode && !(key == "type" && enumKeyNode is YamlScalarNode { Value: "object" }))
            {
                _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, enumKeyNode, key, "object (only an enum schema, one with enum, takes it)");
                ok = false;
            }
        }

        var properties = BindProperties(map["properties"], name, "schema '" + name + "'", required: true, map);
        var rules = properties is null ? null : _rules.BindRules(map["rules"], properties);
        return ok && properties is not null && rules is not null ? new SchemaModel(name, _context.OptionalString(map, "description"), properties, rules) : null;
    }

    /// <summary>Schema keys only an object schema takes.</summary>
    private static readonly string[] ObjectOnlyKeys = { "properties", "rules" };

    /// <summary>Schema keys only an enum schema takes.</summary>
    private static readonly string[] EnumOnlyKeys = { "type", "format", "enumNames", "enumDescriptions" };

    public EquatableArray<PropertyModel>? BindProperties(YamlNode? node, string ownerType, string context, bool required, YamlNode owner, ICollection<string>? reserved = null, string? reservedPrefix = null)
    {
        if (node is null)
        {
            if (required)
            {
                _context.Report(DiagnosticDescriptors.MissingKey, owner, context, "properties");
                return null;
            }

            return EquatableArray<PropertyModel>.Empty;
        }

        var map = _context.Mapping(node, context + " properties", null);
        if (map is null)
        {
            return null;
        }

        var properties = new List<PropertyModel>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var nestedTypes = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var entry in map.Entries)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            var jsonName = entry.Key.Value;
            if (MemberName(entry.Value, entry.Key) is not var (name, nameNode, isExplicit))
            {
                ok = false;
                continue;
            }

            if (reserved is not null && reserved.Contains(name))
            {
                if (isExplicit)
                {
                    _context.Report(DiagnosticDescriptors.NameCollision, nameNode, jsonName, name, "is the name of a generated member of " + ownerType);
                    ok = false;
                    continue;
                }

                name = reservedPrefix + name;
            }

            if (!CheckMemberName(nameNode, jsonName, name, ownerType, names, isExplicit))
            {
                ok = false;
                continue;
            }

            var property = BindProperty(entry.Value, jsonName, name, SpecKeys.Type);
            if (property is null)
            {
                ok = false;
                continue;
            }

            if (InlineEnum(property.Type) is { } enumModel)
            {
                var enumName = enumModel.TypeName;
                if (names.ContainsKey(enumName) || !nestedTypes.Add(enumName) || enumName == ownerType)
                {
                    _context.Report(DiagnosticDescriptors.NameCollision, entry.Key, jsonName, enumName, "is already a member or nested type of " + ownerType);
                    ok = false;
                    continue;
                }
            }

            properties.Add(property);
        }

        foreach (var property in properties)
        {
            if (nestedTypes.Contains(property.Name))
            {
                _context.Report(DiagnosticDescriptors.NameCollision, map, property.JsonName, property.Name, "is also the name of a nested enum type of " + ownerType);
                ok = false;
            }
        }

        return ok ? properties.ToEquatableArray() : null;
    }

    /// <summary>The inline enum a member declares (nested in its type), directly or as the items of an array; null for anything else, named enums included.</summary>
    public static EnumModel? InlineEnum(TypeModel type)
    {
        // The enum of a member, of its list's items or of its map's values (at any depth).
        var inner = type.Innermost;
        return inner.Kind == TypeKind.Enum && inner.SchemaName is null ? inner.Enum : null;
    }

    /// <summary>
    /// A member's C# name: its <c>csharpName</c>, taken as it is (reported at that value), or else the PascalCase of its
    /// JSON name (reported at <paramref name="jsonNameNode"/>). Null when <c>csharpName</c> is not a single value.
    /// </summary>
    public (string Name, YamlScalarNode Node, bool IsExplicit)? MemberName(YamlNode definition, YamlScalarNode jsonNameNode)
    {
        if (definition is YamlMappingNode map && map["csharpName"] is { } node)
        {
            return _context.Scalar(node, "csharpName") is { } scalar ? (scalar.Value, scalar, true) : null;
        }

        return (Naming.ToPascalCase(jsonNameNode.Value), jsonNameNode, false);
    }

    /// <summary>Whether <paramref name="name"/> can be the member's C# name; reported at <paramref name="node"/>, the JSON name or the <c>csharpName</c>.</summary>
    public bool CheckMemberName(YamlScalarNode node, string jsonName, string name, string ownerType, Dictionary<string, string> names, bool isExplicit)
    {
        if (Naming.WhyNotIdentifier(name) is { } why)
        {
            _context.Report(DiagnosticDescriptors.InvalidIdentifier, node, node.Value, why + (isExplicit ? string.Empty : "; give it one with csharpName"));
            return false;
        }

        // A PascalCase name never starts lower-case; a written one must not either, or it could be taken for a local or
        // parameter of the generated code (writer, reader, validator).
        if (isExplicit && char.IsLower(name[0]))
        {
            _context.Report(DiagnosticDescriptors.InvalidIdentifier, node, name, "a member name starts with an uppercase letter or '_'");
            return false;
        }

        if (name == ownerType)
        {
            _context.Report(DiagnosticDescriptors.NameCollision, node, jsonName, name, "is the name of its own type");
            return false;
        }

        if (GeneratedNames.IsReservedRecordMember(name))
        {
            _context.Report(DiagnosticDescriptors.NameCollision, node, jsonName, name, "is the name of a generated or inherited member");
            return false;
        }

        if (names.TryGetValue(name, out var other))
        {
            _context.Report(DiagnosticDescriptors.NameCollision, node, jsonName, name, "'" + other + "' becomes too; give one of them another with csharpName");
            return false;
        }

        names.Add(name, jsonName);
        return true;
    }

    public PropertyModel? BindProperty(YamlNode node, string jsonName, string name, string[] allowedKeys, SchemaUse use = SchemaUse.Any)
    {
        var map = _types.MemberMapping(node, "'" + jsonName + "'", allowedKeys);
        if (map is null)
        {
            return null;
        }

        var type = _types.BindType(map, jsonName, name, 0, use);
        var required = _context.OptionalBool(map, "required") ?? false;
        var secret = _context.OptionalBool(map, "secret") ?? false;
        string? defaultValue = null;
        if (map["default"] is { } defaultNode && _context.Scalar(defaultNode, "default") is { } defaultScalar)
        {
            defaultValue = defaultScalar.Value;
        }

        var constraints = type is null ? null : _types.BindConstraints(map, type);
        if (type is null || constraints is null)
        {
            return null;
        }

        if (secret && type.Kind != TypeKind.String)
        {
            _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, map["secret"]!, "secret", TypeBinder.Describe(type));
            return null;
        }

        return new PropertyModel(jsonName, name, type, required, secret, _context.OptionalString(map, "description"), constraints, defaultValue);
    }

    private static bool IsLowerCaseAsciiOnly(string name)
    {
        foreach (var c in name)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return name.Length > 0;
    }
}
