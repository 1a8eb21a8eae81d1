using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>
/// Binds a member's type (primitive, date-time, array, schema reference, enum) and its constraints; each method returns
/// null, with the diagnostics reported, when the spec gets them wrong.
/// </summary>
internal sealed class TypeBinder
{
    private readonly BindContext _context;
    private readonly SchemaReferences _references;

    public TypeBinder(BindContext context, SchemaReferences references)
    {
        _context = context;
        _references = references;
    }

    /// <summary>
    /// The schemas this file defines, by name: the enum's model for a named enum (bound before everything else, so that
    /// a reference to it becomes an enum type at once), null for an object schema. A name not here is resolved across
    /// files when the project's schema index is built.
    /// </summary>
    public Dictionary<string, EnumModel?> LocalSchemas { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether this file defines an object schema of this name.</summary>
    public bool IsLocalObject(string name) => LocalSchemas.TryGetValue(name, out var enumModel) && enumModel is null;

    public TypeModel? BindType(YamlMappingNode map, string jsonName, string name, int depth, SchemaUse use = SchemaUse.Any)
    {
        var schemaNode = map["schema"];
        var typeNode = map["type"];
        var typeName = typeNode is null ? null : _context.Scalar(typeNode, "type")?.Value;
        if (map["additionalProperties"] is { } valuesNode)
        {
            return BindMap(map, valuesNode, typeNode, typeName, jsonName, name, depth);
        }

        if (schemaNode is not null)
        {
            if (typeName is not null && typeName != "object")
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, typeNode!, "type", typeName, "a property with 'schema' has type object (or no type)");
                return null;
            }

            foreach (var key in EnumKeys)
            {
                if (map[key] is { } enumKeyNode)
                {
                    _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, enumKeyNode, key, "schema reference (declare the values in the enum schema)");
                    return null;
                }
            }

            var schemaName = _context.Scalar(schemaNode, "schema");
            if (schemaName is null || !_references.Record(schemaName, use))
            {
                return null;
            }

            // A named enum of this file is an enum type now; one of another file becomes one when the index slice is made.
            return LocalSchemas.TryGetValue(schemaName.Value, out var named) && named is not null
                ? new TypeModel(TypeKind.Enum, SchemaName: schemaName.Value, Enum: named)
                : new TypeModel(TypeKind.Schema, SchemaName: schemaName.Value);
        }

        if (typeNode is null)
        {
            _context.Report(DiagnosticDescriptors.MissingKey, map, "'" + jsonName + "'", "type");
            return null;
        }

        if (typeName is null)
        {
            return null;
        }

        var format = map["format"] is { } formatNode ? _context.Scalar(formatNode, "format") : null;
        TypeModel? type;
        switch (typeName)
        {
            case "string":
                type = format?.Value switch
                {
                    null => TypeModel.String,
                    "date-time" => TypeModel.DateTime,
                    _ => BadFormat(format, "string takes the format date-time, or none"),
                };
                break;
            case "integer":
                type = format?.Value switch
                {
                    null or "int32" => TypeModel.Int32,
                    "int64" => TypeModel.Int64,
                    _ => BadFormat(format, "integer takes the format int32 (the default) or int64"),
                };
                break;
            case "number":
                type = format?.Value switch
                {
                    null or "double" or "float" => TypeModel.Number,
                    _ => BadFormat(format, "number takes the format double or float"),
                };
                break;
            case "boolean":
                type = format is null ? TypeModel.Boolean : BadFormat(format, "boolean takes no format");
                break;
            case "file":
                // Legal only in the schema of a multipart/form-data body; FormRules reports it anywhere else.
                type = format is null ? TypeModel.File : BadFormat(format, "file takes no format");
                break;
            case "array":
                if (map["items"] is not { } itemsNode)
                {
                    _context.Report(DiagnosticDescriptors.MissingKey, map, "array '" + jsonName + "'", "items");
                    return null;
                }

                if (depth >= 4)
                {
                    _context.Report(DiagnosticDescriptors.InvalidValue, itemsNode, "items", "array", NestingLimit);
                    return null;
                }

                var itemsMap = MemberMapping(itemsNode, "items", SpecKeys.Items);
                var items = itemsMap is null ? null : BindType(itemsMap, jsonName, name, depth + 1, use);
                return items is null ? null : new TypeModel(TypeKind.Array, Items: items);
            case "object":
                _context.Report(DiagnosticDescriptors.InvalidValue, typeNode, "type", typeName, ObjectFixes);
                return null;
            case "any":
                type = format is null ? TypeModel.Any : BadFormat(format, "any takes no format");
                break;
            default:
                _context.Report(DiagnosticDescriptors.InvalidValue, typeNode, "type", typeName, "use string, integer, number, boolean, array, any (free-form JSON), object with additionalProperties (a map), or schema: Name for an object");
                return null;
        }

        if (type is null)
        {
            return null;
        }

        if (map["enum"] is { } enumNode)
        {
            return BindEnum(map, enumNode, type, name + "Enum") is { } inline ? new TypeModel(TypeKind.Enum, Enum: inline) : null;
        }

        foreach (var key in EnumKeys)
        {
            if (map[key] is { } listNode)
            {
                _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, listNode, key, "without enum");
                return null;
            }
        }

        return type;
    }

    /// <summary>What a diagnostic says about <c>type: object</c> without the key that gives its shape.</summary>
    private const string ObjectFixes = "an object needs its shape: schema: Name for an object with fixed members (defined under schemas), or additionalProperties: { type: ... } for a map with free keys (type: any for free-form JSON)";

    private const string NestingLimit = "arrays and maps nest at most 4 deep";

    /// <summary>
    /// The mapping of a member, a list's <c>items</c> or a map's <c>additionalProperties</c>, its unknown keys
    /// reported. An inline <c>properties</c> gets a message of its own (objects with members are schemas), and then the
    /// mapping's other keys are not looked at.
    /// </summary>
    public YamlMappingNode? MemberMapping(YamlNode node, string context, string[] allowedKeys)
    {
        if (node is YamlMappingNode candidate && candidate["properties"] is not null)
        {
            foreach (var entry in candidate.Entries)
            {
                if (entry.Key.Value == "properties")
                {
                    _context.Report(DiagnosticDescriptors.UnknownKey, entry.Key, "properties", context, "; a member cannot list members inline: define an object under schemas and refer to it with schema: Name (or give additionalProperties: { ... } for a map with free keys)");
                }
            }

            return null;
        }

        return _context.Mapping(node, context, allowedKeys);
    }

    /// <summary>
    /// A map member: <c>type: object</c> with <c>additionalProperties</c>, whose mapping takes an item type and the
    /// constraints each value must meet. Format, enum and schema do not go beside it.
    /// </summary>
    private TypeModel? BindMap(YamlMappingNode map, YamlNode valuesNode, YamlNode? typeNode, string? typeName, string jsonName, string name, int depth)
    {
        if (typeNode is null)
        {
            _context.Report(DiagnosticDescriptors.MissingKey, map, "map '" + jsonName + "' (a member with additionalProperties)", "type");
            return null;
        }

        if (typeName is null)
        {
            return null;
        }

        if (typeName != "object")
        {
            _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, valuesNode, "additionalProperties", typeName + " (only type: object takes additionalProperties)");
            return null;
        }

        var ok = true;
        foreach (var key in new[] { "schema", "format", "enum", "enumNames", "items" })
        {
            if (map[key] is { } node)
            {
                _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, node, key, "map (describe the values inside additionalProperties)");
                ok = false;
            }
        }

        var values = BindMapValues(valuesNode, jsonName, name, depth);
        return ok ? values : null;
    }

    /// <summary>
    /// The map type an <c>additionalProperties</c> mapping gives (of a member, or of a whole response body): the
    /// values' type and the constraints each value must meet. Null, with diagnostics, when the mapping is wrong.
    /// </summary>
    public TypeModel? BindMapValues(YamlNode valuesNode, string jsonName, string name, int depth)
    {
        if (valuesNode is YamlScalarNode { IsNull: false } scalar && scalar.Value is "true" or "false" or "True" or "False")
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, scalar, "additionalProperties", scalar.Value, "give the values' type as a mapping, for example additionalProperties: { type: string }; a value of any shape is type: any");
            return null;
        }

        if (depth >= 4)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, valuesNode, "additionalProperties", "object", NestingLimit);
            return null;
        }

        var valuesMap = MemberMapping(valuesNode, "additionalProperties", SpecKeys.MapValues);
        if (valuesMap is null)
        {
            return null;
        }

        var values = BindType(valuesMap, jsonName, name, depth + 1);
        var constraints = values is null ? null : BindConstraints(valuesMap, values);
        return values is null || constraints is null ? null : new TypeModel(TypeKind.Map, Items: values, ValueConstraints: constraints);
    }

    private TypeModel? BadFormat(YamlScalarNode format, string why)
    {
        _context.Report(DiagnosticDescriptors.InvalidValue, format, "format", format.Value, why);
        return null;
    }

    private static readonly string[] EnumKeys = { "enum", "enumNames", "enumDescriptions" };

    /// <summary>
    /// A named enum: a schema with <c>type</c> (string, or integer of format int32) and <c>enum</c>, whose type takes the
    /// schema's name. Null, with the diagnostics reported, when the spec gets it wrong.
    /// </summary>
    public EnumModel? BindNamedEnum(YamlMappingNode map, YamlNode enumNode, string name)
    {
        if (map["type"] is not { } typeNode)
        {
            _context.Report(DiagnosticDescriptors.MissingKey, map, "enum schema '" + name + "'", "type");
            return null;
        }

        var typeName = _context.Scalar(typeNode, "type");
        var format = map["format"] is { } formatNode ? _context.Scalar(formatNode, "format") : null;
        if (typeName is null || (map["format"] is not null && format is null))
        {
            return null;
        }

        TypeModel? type = typeName.Value switch
        {
            "string" => format is null ? TypeModel.String : BadFormat(format, "an enum of strings takes no format"),
            "integer" => format is null || format.Value == "int32" ? TypeModel.Int32 : BadFormat(format, "an integer enum has the format int32"),
            _ => null,
        };
        if (typeName.Value is not ("string" or "integer"))
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, typeName, "type", typeName.Value, "an enum schema has type string or integer");
        }

        return type is null ? null : BindEnum(map, enumNode, type, name);
    }

    private EnumModel? BindEnum(YamlMappingNode map, YamlNode enumNode, TypeModel type, string typeName)
    {
        if (type.Kind is not (TypeKind.String or TypeKind.Int32))
        {
            _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, enumNode, "enum", Describe(type));
            return null;
        }

        var values = _context.Sequence(enumNode, "enum");
        if (values is null)
        {
            return null;
        }

        if (values.Items.Length == 0)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, enumNode, "enum", "[]", "list at least one value");
            return null;
        }

        var isInteger = type.Kind != TypeKind.String;
        if (!OnePerValue(map, "enumNames", "names", values.Items.Length, out var names)
            | !OnePerValue(map, "enumDescriptions", "descriptions", values.Items.Length, out var descriptions))
        {
            return null;
        }

        if (names is null && isInteger)
        {
            _context.Report(DiagnosticDescriptors.MissingKey, enumNode, "an integer enum", "enumNames");
            return null;
        }

        var members = new List<EnumMemberModel>();
        // The enum type's own members, those it inherits (a static property of the same name would hide them: CS0108), and
        // the type's own name (a member may not take it: CS0542).
        var seenNames = new HashSet<string>(GeneratedNames.EnumMembers.Concat(GeneratedNames.ObjectMembers), StringComparer.Ordinal) { typeName };
        var seenValues = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < values.Items.Length; i++)
        {
            // Every bad value is reported, not only the first.
            var valueNode = _context.Scalar(values.Items[i], "enum");
            if (valueNode is null)
            {
                ok = false;
                continue;
            }

            var value = valueNode.Value;
            // An integer enum wraps an int, so its values must fit one (5000000000 made output that did not compile).
            if (isInteger && !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, valueNode, "enum", value, "an integer enum lists integers that fit int32");
                ok = false;
                continue;
            }

            if (!seenValues.Add(value))
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, valueNode, "enum", value, "listed twice");
                ok = false;
                continue;
            }

            var nameNode = names?[i] ?? valueNode;
            // enumNames are taken as written; a value's name follows .NET naming (Naming.EnumMemberName).
            var memberName = names is null ? Naming.EnumMemberName(value) : names[i].Value;
            if (Naming.WhyNotIdentifier(memberName) is { } why)
            {
                _context.Report(DiagnosticDescriptors.InvalidIdentifier, nameNode, nameNode.Value, why + (names is null ? "; name the values with enumNames" : string.Empty));
                ok = false;
                continue;
            }

            if (!seenNames.Add(memberName))
            {
                _context.Report(DiagnosticDescriptors.NameCollision, nameNode, nameNode.Value, memberName, memberName == typeName ? "is the name of the enum type itself" : "is already a member of the enum");
                ok = false;
                continue;
            }

            members.Add(new EnumMemberModel(memberName, value, descriptions?[i].Value));
        }

        if (!ok)
        {
            return null;
        }

        return new EnumModel(typeName, isInteger, members.ToEquatableArray());
    }

    /// <summary>
    /// The list <paramref name="key"/> beside <c>enum</c> (<c>enumNames</c>, <c>enumDescriptions</c>), one scalar per
    /// value; null when absent. False, reported, when it is not a list of scalars of that length.
    /// </summary>
    private bool OnePerValue(YamlMappingNode map, string key, string what, int count, out List<YamlScalarNode>? items)
    {
        items = null;
        if (map[key] is not { } node)
        {
            return true;
        }

        var sequence = _context.Sequence(node, key);
        if (sequence is null)
        {
            return false;
        }

        items = new List<YamlScalarNode>();
        foreach (var item in sequence.Items)
        {
            if (_context.Scalar(item, key) is { } scalar)
            {
                items.Add(scalar);
            }
        }

        if (items.Count != count)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, node, key, items.Count.ToString(CultureInfo.InvariantCulture) + " " + what, "give exactly one per enum value");
            return false;
        }

        return true;
    }

    public ConstraintsModel? BindConstraints(YamlMappingNode map, TypeModel type)
    {
        // Every constraint is read and reported, in key order, even after one failed.
        var ok = TryInt(map, "minLength", type, type.Kind == TypeKind.String, out var minLength);
        ok &= TryInt(map, "maxLength", type, type.Kind == TypeKind.String, out var maxLength);
        ok &= TryInt(map, "minItems", type, type.Kind == TypeKind.Array, out var minItems);
        ok &= TryInt(map, "maxItems", type, type.Kind == TypeKind.Array, out var maxItems);
        var numeric = type.Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Number;
        ok &= TryNumber(map, "minimum", type, numeric, out var minimum);
        ok &= TryNumber(map, "maximum", type, numeric, out var maximum);
        string? pattern = null;
        if (map["pattern"] is { } patternNode)
        {
            if (type.Kind != TypeKind.String)
            {
                _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, patternNode, "pattern", Describe(type));
                ok = false;
            }
            else if (_context.Scalar(patternNode, "pattern") is { } patternScalar)
            {
                try
                {
                    _ = new Regex(patternScalar.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    pattern = patternScalar.Value;
                }
                catch (ArgumentException ex)
                {
                    _context.Report(DiagnosticDescriptors.InvalidPattern, patternScalar, ex.Message);
                    ok = false;
                }
            }
        }

        ok &= CheckOrder(map, "minLength", minLength, "maxLength", maxLength);
        ok &= CheckOrder(map, "minItems", minItems, "maxItems", maxItems);
        if (minimum is not null && maximum is not null
            && double.Parse(minimum, CultureInfo.InvariantCulture) > double.Parse(maximum, CultureInfo.InvariantCulture))
        {
            _context.Report(DiagnosticDescriptors.MinGreaterThanMax, map["minimum"]!, "minimum", minimum, "maximum", maximum);
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        var constraints = new ConstraintsModel(minLength, maxLength, pattern, minimum, maximum, minItems, maxItems);
        return constraints.IsEmpty ? ConstraintsModel.None : constraints;
    }

    private bool CheckOrder(YamlMappingNode map, string minKey, int? min, string maxKey, int? max)
    {
        if (min is not null && max is not null && min > max)
        {
            _context.Report(DiagnosticDescriptors.MinGreaterThanMax, map[minKey]!, minKey, min.Value.ToString(CultureInfo.InvariantCulture), maxKey, max.Value.ToString(CultureInfo.InvariantCulture));
            return false;
        }

        return true;
    }

    /// <summary>
    /// The value of the constraint <paramref name="key"/>: true with a null <paramref name="scalar"/> when it is absent,
    /// true with its scalar when it is given; false, with a diagnostic, when it does not apply to <paramref name="type"/>
    /// or is not a single value.
    /// </summary>
    private bool ConstraintScalar(YamlMappingNode map, string key, TypeModel type, bool applicable, out YamlScalarNode? scalar)
    {
        scalar = null;
        if (map[key] is not { } node)
        {
            return true;
        }

        if (!applicable)
        {
            _context.Report(DiagnosticDescriptors.ConstraintNotApplicable, node, key, Describe(type));
            return false;
        }

        scalar = _context.Scalar(node, key);
        return scalar is not null;
    }

    /// <summary>
    /// Reads the whole-number constraint <paramref name="key"/> into <paramref name="value"/> (null when absent); false,
    /// with a diagnostic, when it is given but does not apply or is not a whole number of at least 0.
    /// </summary>
    private bool TryInt(YamlMappingNode map, string key, TypeModel type, bool applicable, out int? value)
    {
        value = null;
        if (!ConstraintScalar(map, key, type, applicable, out var scalar))
        {
            return false;
        }

        if (scalar is null)
        {
            return true;
        }

        if (!int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, scalar, key, scalar.Value, "expected a whole number of at least 0");
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>
    /// Reads the numeric bound <paramref name="key"/> into <paramref name="value"/>, written as the generated code will
    /// write it (null when absent); false, with a diagnostic, when it is given but does not apply or does not fit the type.
    /// </summary>
    private bool TryNumber(YamlMappingNode map, string key, TypeModel type, bool applicable, out string? value)
    {
        value = null;
        if (!ConstraintScalar(map, key, type, applicable, out var scalar))
        {
            return false;
        }

        if (scalar is null)
        {
            return true;
        }

        if (type.Kind == TypeKind.Number)
        {
            if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d) && !double.IsInfinity(d))
            {
                value = d.ToString("R", CultureInfo.InvariantCulture);
                return true;
            }
        }
        else if (long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            && (type.Kind == TypeKind.Int64 || (l >= int.MinValue && l <= int.MaxValue)))
        {
            value = l.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        _context.Report(DiagnosticDescriptors.InvalidValue, scalar, key, scalar.Value, "expected a number that fits " + Describe(type));
        return false;
    }

    /// <summary>How a diagnostic names a type.</summary>
    public static string Describe(TypeModel type) => type.Kind switch
    {
        TypeKind.Array => "array",
        TypeKind.Schema => "object",
        TypeKind.Enum => "enum",
        TypeKind.DateTime => "date-time",
        TypeKind.Map => "map (constraints of its values go inside additionalProperties)",
        _ => type.Kind.ToString().ToLowerInvariant(),
    };
}
