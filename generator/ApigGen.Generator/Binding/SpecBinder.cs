using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>
/// Turns one spec's YAML nodes into a <see cref="SpecFileModel"/>, reporting every problem as a diagnostic at its
/// YAML position and carrying on, so one run reports all the problems of a file.
/// </summary>
internal sealed class SpecBinder
{
    internal static readonly string[] TopKeys = { "namespace", "operation", "schemas" };
    internal static readonly string[] OperationKeys = { "id", "summary", "description", "method", "path", "auth", "paging", "parameters", "body", "responses", "errors" };
    internal static readonly string[] PagingKeys = { "offset", "limit", "items", "total" };
    internal static readonly string[] RuleKeys = { "when", "require" };
    internal static readonly string[] WhenKeys = { "member", "equals" };
    internal static readonly string[] TypeKeys = { "type", "format", "schema", "items", "enum", "enumNames", "description", "required", "secret", "default", "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems", "csharpName" };
    internal static readonly string[] ParameterKeys = TypeKeys.Concat(new[] { "name", "in" }).ToArray();
    internal static readonly string[] ItemsKeys = { "type", "format", "schema", "items", "enum", "enumNames", "description" };
    internal static readonly string[] BodyKeys = { "schema", "required", "description" };
    internal static readonly string[] ResponseKeys = { "description", "properties", "schema" };
    internal static readonly string[] ErrorKeys = { "description", "code", "message" };
    internal static readonly string[] SchemaKeys = { "description", "properties", "rules" };
    private static readonly string[] Methods = { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" };
    private static readonly string[] AuthHeaders = { "x-auth-token", "authorization", "x-sdk-date", "x-project-id", "x-security-token", "host", "content-type" };
    /// <summary>
    /// What every generated type inherits from <c>object</c>: a member (or enum value) of the same name would hide it
    /// (CS0108, an error under TreatWarningsAsErrors) or clash with it.
    /// </summary>
    private static readonly string[] ObjectMembers = { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals" };

    /// <summary>Members every generated record (or <c>object</c>) already has: a spec member may not take their names.</summary>
    internal static readonly string[] GeneratedMembers =
        new[] { "Validate", "GetValidationErrors", "CollectErrors", "WriteJson", "ReadJson", "PrintMembers", "EqualityContract", "Deconstruct" }
            .Concat(ObjectMembers).ToArray();

    /// <summary>Members every generated enum type has, besides what it inherits (<see cref="ObjectMembers"/>).</summary>
    private static readonly string[] EnumMembers = { "Value", "IsKnown", "IsDefault", "WriteJson" };


    private readonly string _path;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly List<SchemaUseKey> _uses = new();

    /// <summary>What <see cref="_uses"/> holds, for a constant-time check (a large file refers to schemas many times).</summary>
    private readonly HashSet<SchemaUseKey> _recordedUses = new();
    private readonly CancellationToken _cancellationToken;
    private string _namespace = string.Empty;

    // Int() and Number() return null both for "absent" and for "invalid (reported)"; this tells the two apart.
    private bool _failedConstraint;

    private SpecBinder(string path, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _path = path;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Parses and binds one spec; any exception but cancellation becomes APIG0001 on that file.</summary>
    /// <param name="bind">Tests only: what binds, instead of <see cref="Bind"/>.</param>
    public static BindResult BindSafely(
        SpecInputModel input,
        GlobalOptionsModel options,
        CancellationToken cancellationToken,
        Func<SpecInputModel, GlobalOptionsModel, CancellationToken, BindResult>? bind = null)
    {
        try
        {
            return (bind ?? Bind)(input, options, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug of ours must never take the compiler down (CS8785 would hide every spec's output).
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.FileStart(input.Path), ex.GetType().Name + ": " + ex.Message);
            return new BindResult(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }), CrossFileKeys.None(input.Path));
        }
    }

    public static BindResult Bind(SpecInputModel input, GlobalOptionsModel options, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        // IsNullOrWhiteSpace rather than Trim(): the same test, without a copy of the whole file.
        if (string.IsNullOrWhiteSpace(input.Text) || IsOnlyComments(input.Text))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyFile, LocationInfo.FileStart(input.Path)));
            return new BindResult(null, diagnostics.ToEquatableArray(), CrossFileKeys.None(input.Path));
        }

        var root = YamlDocumentReader.Read(input.Path, input.Text, diagnostics, cancellationToken);
        if (root is null)
        {
            return new BindResult(null, diagnostics.ToEquatableArray(), CrossFileKeys.None(input.Path));
        }

        var binder = new SpecBinder(input.Path, diagnostics, cancellationToken);
        return binder.BindFile(root, input, options);
    }

    /// <summary>True when every line is blank, a comment, or a document marker (no split: this runs on every file).</summary>
    private static bool IsOnlyComments(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text.AsSpan(start, end - start).Trim();
            if (line.Length > 0 && line[0] != '#' && !line.SequenceEqual("---".AsSpan()) && !line.SequenceEqual("...".AsSpan()))
            {
                return false;
            }

            start = end + 1;
        }

        return true;
    }

    private BindResult BindFile(YamlNode root, SpecInputModel input, GlobalOptionsModel options)
    {
        var errorsBefore = CountErrors();
        var top = Mapping(root, "the spec", TopKeys);
        if (top is null)
        {
            return Result(null, CrossFileKeys.None(input.Path));
        }

        _namespace = ResolveNamespace(top, input, options);
        var schemaKeys = new List<SchemaDefinitionKey>();
        var schemas = new List<SchemaModel>();
        var schemaMap = top["schemas"] is { } schemasNode ? Mapping(schemasNode, "schemas", null) : null;
        if (schemaMap is not null)
        {
            foreach (var entry in schemaMap.Entries)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var schema = BindSchema(entry.Key, entry.Value);
                if (schema is not null)
                {
                    schemas.Add(schema);
                }

                schemaKeys.Add(new SchemaDefinitionKey(entry.Key.Value, _namespace, schema, SpecPositions.Locate(_path, entry.Key)));
            }
        }

        OperationModel? operation = null;
        OperationKey? operationKey = null;
        if (top["operation"] is { } operationNode)
        {
            operation = BindOperation(operationNode, schemas, schemaMap);
            if (operation is not null && Mapping(operationNode, "operation", null)?["id"] is { } idNode)
            {
                operationKey = new OperationKey(operation.Id, _namespace, SpecPositions.Locate(_path, idNode));
            }
        }
        else if (schemaKeys.Count == 0)
        {
            // A file of shared schemas needs no operation, even when its schemas have errors of their own (those are
            // reported where they are; a missing 'operation' on top would only mislead).
            Report(DiagnosticDescriptors.MissingKey, root, "the spec", "operation");
        }

        var keys = new CrossFileKeys(input.Path, schemaKeys.ToEquatableArray(), _uses.ToEquatableArray(), operationKey);
        if (CountErrors() > errorsBefore)
        {
            // Errors: generate nothing from this file (its diagnostics say why), but keep its definitions known so
            // that other specs referring to them are not flooded with follow-on errors.
            return Result(null, keys);
        }

        return Result(new SpecFileModel(input.HintName, _namespace, operation, schemas.ToEquatableArray()), keys);
    }

    private BindResult Result(SpecFileModel? model, CrossFileKeys keys) => new(model, _diagnostics.ToEquatableArray(), keys);

    private int CountErrors() => _diagnostics.Count(d => DiagnosticDescriptors.Get(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

    private string ResolveNamespace(YamlMappingNode top, SpecInputModel input, GlobalOptionsModel options)
    {
        if (top["namespace"] is { } node && Scalar(node, "namespace") is { } value)
        {
            if (Naming.IsNamespace(value.Value))
            {
                return value.Value;
            }

            Report(DiagnosticDescriptors.InvalidValue, node, "namespace", value.Value, "a namespace is dot-separated C# identifiers, none of them a keyword, and not ApigGen (the runtime's own)");
        }

        if (input.NamespaceOption?.Trim() is { } fileNamespace && Naming.IsNamespace(fileNamespace))
        {
            return fileNamespace;
        }

        return options.ProjectNamespace;
    }

    private SchemaModel? BindSchema(YamlScalarNode nameNode, YamlNode node)
    {
        var name = nameNode.Value;
        var ok = CheckIdentifier(nameNode, name);
        if (ok && IsLowerCaseAsciiOnly(name))
        {
            // C# reserves such type names for future keywords (CS8981, an error under TreatWarningsAsErrors), and refuses
            // some outright (required, file, scoped).
            Report(DiagnosticDescriptors.InvalidIdentifier, nameNode, name, "a type name of lower-case ASCII letters only is reserved for C# keywords; start it with a capital letter");
            ok = false;
        }

        if (name is "ApigClient" or "IApigClient")
        {
            // Generated in every namespace that has an operation; in a file of shared schemas too, since another file may add one.
            Report(DiagnosticDescriptors.NameCollision, nameNode, name, name, "is the name of the generated client (ApigClient and IApigClient)");
            ok = false;
        }

        var map = Mapping(node, "schema '" + name + "'", SchemaKeys);
        if (map is null)
        {
            return null;
        }

        var properties = BindProperties(map["properties"], name, "schema '" + name + "'", required: true, map);
        var rules = properties is null ? null : BindRules(map["rules"], properties.Value);
        return ok && properties is not null && rules is not null ? new SchemaModel(name, OptionalString(map, "description"), properties.Value, rules.Value) : null;
    }

    private EquatableArray<PropertyModel>? BindProperties(YamlNode? node, string ownerType, string context, bool required, YamlNode owner, ICollection<string>? reserved = null, string? reservedPrefix = null)
    {
        if (node is null)
        {
            if (required)
            {
                Report(DiagnosticDescriptors.MissingKey, owner, context, "properties");
                return null;
            }

            return EquatableArray<PropertyModel>.Empty;
        }

        var map = Mapping(node, context + " properties", null);
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
            _cancellationToken.ThrowIfCancellationRequested();
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
                    Report(DiagnosticDescriptors.NameCollision, nameNode, jsonName, name, "is the name of a generated member of " + ownerType);
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

            var property = BindProperty(entry.Value, jsonName, name, TypeKeys);
            if (property is null)
            {
                ok = false;
                continue;
            }

            if (property.Type.Enum is { } enumModel || property.Type.Items?.Enum is { } _)
            {
                var enumName = (property.Type.Enum ?? property.Type.Items!.Enum!).TypeName;
                if (names.ContainsKey(enumName) || !nestedTypes.Add(enumName) || enumName == ownerType)
                {
                    Report(DiagnosticDescriptors.NameCollision, entry.Key, jsonName, enumName, "is already a member or nested type of " + ownerType);
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
                Report(DiagnosticDescriptors.NameCollision, map, property.JsonName, property.Name, "is also the name of a nested enum type of " + ownerType);
                ok = false;
            }
        }

        return ok ? properties.ToEquatableArray() : null;
    }

    /// <summary>
    /// A member's C# name: its <c>csharpName</c>, taken as it is (reported at that value), or else the PascalCase of its
    /// JSON name (reported at <paramref name="jsonNameNode"/>). Null when <c>csharpName</c> is not a single value.
    /// </summary>
    private (string Name, YamlScalarNode Node, bool IsExplicit)? MemberName(YamlNode definition, YamlScalarNode jsonNameNode)
    {
        if (definition is YamlMappingNode map && map["csharpName"] is { } node)
        {
            return Scalar(node, "csharpName") is { } scalar ? (scalar.Value, scalar, true) : null;
        }

        return (Naming.ToPascalCase(jsonNameNode.Value), jsonNameNode, false);
    }

    /// <summary>Whether <paramref name="name"/> can be the member's C# name; reported at <paramref name="node"/>, the JSON name or the <c>csharpName</c>.</summary>
    private bool CheckMemberName(YamlScalarNode node, string jsonName, string name, string ownerType, Dictionary<string, string> names, bool isExplicit)
    {
        if (Naming.WhyNotIdentifier(name) is { } why)
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, node, node.Value, why + (isExplicit ? string.Empty : "; give it one with csharpName"));
            return false;
        }

        // A PascalCase name never starts lower-case; a written one must not either, or it could be taken for a local or
        // parameter of the generated code (writer, reader, validator).
        if (isExplicit && char.IsLower(name[0]))
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, node, name, "a member name starts with an uppercase letter or '_'");
            return false;
        }

        if (name == ownerType)
        {
            Report(DiagnosticDescriptors.NameCollision, node, jsonName, name, "is the name of its own type");
            return false;
        }

        if (Array.IndexOf(GeneratedMembers, name) >= 0)
        {
            Report(DiagnosticDescriptors.NameCollision, node, jsonName, name, "is the name of a generated or inherited member");
            return false;
        }

        if (names.TryGetValue(name, out var other))
        {
            Report(DiagnosticDescriptors.NameCollision, node, jsonName, name, "'" + other + "' becomes too; give one of them another with csharpName");
            return false;
        }

        names.Add(name, jsonName);
        return true;
    }

    private PropertyModel? BindProperty(YamlNode node, string jsonName, string name, string[] allowedKeys)
    {
        var map = Mapping(node, "'" + jsonName + "'", allowedKeys);
        if (map is null)
        {
            return null;
        }

        var type = BindType(map, jsonName, name, 0);
        var required = OptionalBool(map, "required") ?? false;
        var secret = OptionalBool(map, "secret") ?? false;
        string? defaultValue = null;
        if (map["default"] is { } defaultNode && Scalar(defaultNode, "default") is { } defaultScalar)
        {
            defaultValue = defaultScalar.Value;
        }

        var constraints = type is null ? null : BindConstraints(map, type);
        if (type is null || constraints is null)
        {
            return null;
        }

        if (secret && type.Kind != TypeKind.String)
        {
            Report(DiagnosticDescriptors.ConstraintNotApplicable, map["secret"]!, "secret", Describe(type));
            return null;
        }

        return new PropertyModel(jsonName, name, type, required, secret, OptionalString(map, "description"), constraints, defaultValue);
    }

    private TypeModel? BindType(YamlMappingNode map, string jsonName, string name, int depth)
    {
        var schemaNode = map["schema"];
        var typeNode = map["type"];
        var typeName = typeNode is null ? null : Scalar(typeNode, "type")?.Value;
        if (schemaNode is not null)
        {
            if (typeName is not null && typeName != "object")
            {
                Report(DiagnosticDescriptors.InvalidValue, typeNode!, "type", typeName, "a property with 'schema' has type object (or no type)");
                return null;
            }

            var schemaName = Scalar(schemaNode, "schema");
            return schemaName is not null && SchemaReference(schemaName) ? new TypeModel(TypeKind.Schema, SchemaName: schemaName.Value) : null;
        }

        if (typeNode is null)
        {
            Report(DiagnosticDescriptors.MissingKey, map, "'" + jsonName + "'", "type");
            return null;
        }

        if (typeName is null)
        {
            return null;
        }

        var format = map["format"] is { } formatNode ? Scalar(formatNode, "format") : null;
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
            case "array":
                if (map["items"] is not { } itemsNode)
                {
                    Report(DiagnosticDescriptors.MissingKey, map, "array '" + jsonName + "'", "items");
                    return null;
                }

                if (depth >= 4)
                {
                    Report(DiagnosticDescriptors.InvalidValue, itemsNode, "items", "array", "arrays nest at most 4 deep");
                    return null;
                }

                var itemsMap = Mapping(itemsNode, "items", ItemsKeys);
                var items = itemsMap is null ? null : BindType(itemsMap, jsonName, name, depth + 1);
                return items is null ? null : new TypeModel(TypeKind.Array, Items: items);
            case "object":
                Report(DiagnosticDescriptors.MissingKey, map, "object '" + jsonName + "'", "schema");
                return null;
            default:
                Report(DiagnosticDescriptors.InvalidValue, typeNode, "type", typeName, "use string, integer, number, boolean, array, or schema: Name for an object");
                return null;
        }

        if (type is null)
        {
            return null;
        }

        if (map["enum"] is { } enumNode)
        {
            return BindEnum(map, enumNode, type, name);
        }

        if (map["enumNames"] is { } namesNode)
        {
            Report(DiagnosticDescriptors.ConstraintNotApplicable, namesNode, "enumNames", "without enum");
            return null;
        }

        return type;
    }

    private TypeModel? BadFormat(YamlScalarNode format, string why)
    {
        Report(DiagnosticDescriptors.InvalidValue, format, "format", format.Value, why);
        return null;
    }

    private TypeModel? BindEnum(YamlMappingNode map, YamlNode enumNode, TypeModel type, string propertyName)
    {
        if (type.Kind is not (TypeKind.String or TypeKind.Int32))
        {
            Report(DiagnosticDescriptors.ConstraintNotApplicable, enumNode, "enum", Describe(type));
            return null;
        }

        var values = Sequence(enumNode, "enum");
        if (values is null)
        {
            return null;
        }

        if (values.Items.Length == 0)
        {
            Report(DiagnosticDescriptors.InvalidValue, enumNode, "enum", "[]", "list at least one value");
            return null;
        }

        var isInteger = type.Kind != TypeKind.String;
        List<YamlScalarNode>? names = null;
        if (map["enumNames"] is { } namesNode)
        {
            var namesSeq = Sequence(namesNode, "enumNames");
            if (namesSeq is null)
            {
                return null;
            }

            names = new List<YamlScalarNode>();
            foreach (var item in namesSeq.Items)
            {
                if (Scalar(item, "enumNames") is { } scalar)
                {
                    names.Add(scalar);
                }
            }

            if (names.Count != values.Items.Length)
            {
                Report(DiagnosticDescriptors.InvalidValue, namesNode, "enumNames", names.Count.ToString(CultureInfo.InvariantCulture) + " names", "give exactly one name per enum value");
                return null;
            }
        }
        else if (isInteger)
        {
            Report(DiagnosticDescriptors.MissingKey, enumNode, "an integer enum", "enumNames");
            return null;
        }

        var members = new List<EnumMemberModel>();
        var typeName = propertyName + "Enum";
        // The enum type's own members, those it inherits (a static property of the same name would hide them: CS0108), and
        // the type's own name (a member may not take it: CS0542).
        var seenNames = new HashSet<string>(EnumMembers.Concat(ObjectMembers), StringComparer.Ordinal) { typeName };
        var seenValues = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < values.Items.Length; i++)
        {
            // Every bad value is reported, not only the first.
            var valueNode = Scalar(values.Items[i], "enum");
            if (valueNode is null)
            {
                ok = false;
                continue;
            }

            var value = valueNode.Value;
            // An integer enum wraps an int, so its values must fit one (5000000000 made output that did not compile).
            if (isInteger && !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                Report(DiagnosticDescriptors.InvalidValue, valueNode, "enum", value, "an integer enum lists integers that fit int32");
                ok = false;
                continue;
            }

            if (!seenValues.Add(value))
            {
                Report(DiagnosticDescriptors.InvalidValue, valueNode, "enum", value, "listed twice");
                ok = false;
                continue;
            }

            var nameNode = names?[i] ?? valueNode;
            var memberName = Naming.ToPascalCase(names?[i].Value ?? value);
            if (Naming.WhyNotIdentifier(memberName) is { } why)
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, nameNode, nameNode.Value, why + (names is null ? "; name the values with enumNames" : string.Empty));
                ok = false;
                continue;
            }

            if (!seenNames.Add(memberName))
            {
                Report(DiagnosticDescriptors.NameCollision, nameNode, nameNode.Value, memberName, memberName == typeName ? "is the name of the enum type itself" : "is already a member of the enum");
                ok = false;
                continue;
            }

            members.Add(new EnumMemberModel(memberName, value));
        }

        if (!ok)
        {
            return null;
        }

        var enumModel = new EnumModel(typeName, isInteger, members.ToEquatableArray());
        return new TypeModel(TypeKind.Enum, Enum: enumModel);
    }

    private ConstraintsModel? BindConstraints(YamlMappingNode map, TypeModel type)
    {
        var ok = true;
        int? minLength = Int(map, "minLength", type.Kind == TypeKind.String);
        int? maxLength = Int(map, "maxLength", type.Kind == TypeKind.String);
        int? minItems = Int(map, "minItems", type.Kind == TypeKind.Array);
        int? maxItems = Int(map, "maxItems", type.Kind == TypeKind.Array);
        var numeric = type.Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Number;
        var minimum = Number(map, "minimum", type, numeric);
        var maximum = Number(map, "maximum", type, numeric);
        string? pattern = null;
        if (map["pattern"] is { } patternNode)
        {
            if (type.Kind != TypeKind.String)
            {
                Report(DiagnosticDescriptors.ConstraintNotApplicable, patternNode, "pattern", Describe(type));
                ok = false;
            }
            else if (Scalar(patternNode, "pattern") is { } patternScalar)
            {
                try
                {
                    _ = new Regex(patternScalar.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    pattern = patternScalar.Value;
                }
                catch (ArgumentException ex)
                {
                    Report(DiagnosticDescriptors.InvalidPattern, patternScalar, ex.Message);
                    ok = false;
                }
            }
        }

        ok &= CheckOrder(map, "minLength", minLength, "maxLength", maxLength);
        ok &= CheckOrder(map, "minItems", minItems, "maxItems", maxItems);
        if (minimum is not null && maximum is not null
            && double.Parse(minimum, CultureInfo.InvariantCulture) > double.Parse(maximum, CultureInfo.InvariantCulture))
        {
            Report(DiagnosticDescriptors.MinGreaterThanMax, map["minimum"]!, "minimum", minimum, "maximum", maximum);
            ok = false;
        }

        if (!ok || _failedConstraint)
        {
            _failedConstraint = false;
            return null;
        }

        var constraints = new ConstraintsModel(minLength, maxLength, pattern, minimum, maximum, minItems, maxItems);
        return constraints.IsEmpty ? ConstraintsModel.None : constraints;
    }

    private bool CheckOrder(YamlMappingNode map, string minKey, int? min, string maxKey, int? max)
    {
        if (min is not null && max is not null && min > max)
        {
            Report(DiagnosticDescriptors.MinGreaterThanMax, map[minKey]!, minKey, min.Value.ToString(CultureInfo.InvariantCulture), maxKey, max.Value.ToString(CultureInfo.InvariantCulture));
            return false;
        }

        return true;
    }

    private int? Int(YamlMappingNode map, string key, bool applicable)
    {
        if (map[key] is not { } node)
        {
            return null;
        }

        if (!applicable)
        {
            Report(DiagnosticDescriptors.ConstraintNotApplicable, node, key, "this type");
            _failedConstraint = true;
            return null;
        }

        if (Scalar(node, key) is not { } scalar)
        {
            _failedConstraint = true;
            return null;
        }

        if (!int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            Report(DiagnosticDescriptors.InvalidValue, scalar, key, scalar.Value, "expected a whole number of at least 0");
            _failedConstraint = true;
            return null;
        }

        return value;
    }

    private string? Number(YamlMappingNode map, string key, TypeModel type, bool applicable)
    {
        if (map[key] is not { } node)
        {
            return null;
        }

        if (!applicable)
        {
            Report(DiagnosticDescriptors.ConstraintNotApplicable, node, key, Describe(type));
            _failedConstraint = true;
            return null;
        }

        if (Scalar(node, key) is not { } scalar)
        {
            _failedConstraint = true;
            return null;
        }

        if (type.Kind == TypeKind.Number)
        {
            if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d) && !double.IsInfinity(d))
            {
                return d.ToString("R", CultureInfo.InvariantCulture);
            }
        }
        else if (long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            && (type.Kind == TypeKind.Int64 || (l >= int.MinValue && l <= int.MaxValue)))
        {
            return l.ToString(CultureInfo.InvariantCulture);
        }

        Report(DiagnosticDescriptors.InvalidValue, scalar, key, scalar.Value, "expected a number that fits " + Describe(type));
        _failedConstraint = true;
        return null;
    }

    private EquatableArray<RuleModel>? BindRules(YamlNode? node, EquatableArray<PropertyModel> properties)
    {
        if (node is null)
        {
            return EquatableArray<RuleModel>.Empty;
        }

        var sequence = Sequence(node, "rules");
        if (sequence is null)
        {
            return null;
        }

        var rules = new List<RuleModel>();
        foreach (var item in sequence.Items)
        {
            var map = Mapping(item, "a rule", RuleKeys);
            var whenNode = map is null ? null : map["when"];
            if (map is null || whenNode is null)
            {
                if (map is not null)
                {
                    Report(DiagnosticDescriptors.MissingKey, map, "a rule", "when");
                }

                return null;
            }

            var when = Mapping(whenNode, "when", WhenKeys);
            var memberNode = when is null ? null : RequiredScalar(when, "member", "when");
            var equalsNode = when is null ? null : RequiredScalar(when, "equals", "when");
            if (memberNode is null || equalsNode is null)
            {
                return null;
            }

            var member = Member(properties, memberNode);
            if (member is null)
            {
                return null;
            }

            var value = equalsNode.Value;
            var valid = member.Type.Kind switch
            {
                TypeKind.Enum => member.Type.Enum!.Members.Any(m => m.Value == value),
                TypeKind.String => true,
                TypeKind.Boolean => value is "true" or "false",
                TypeKind.Int32 or TypeKind.Int64 => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                _ => false,
            };
            if (!valid)
            {
                Report(DiagnosticDescriptors.InvalidValue, equalsNode, "equals", value, "compare a string, enum, integer or boolean member with one of its values");
                return null;
            }

            if (map["require"] is not { } requireNode)
            {
                Report(DiagnosticDescriptors.MissingKey, map, "a rule", "require");
                return null;
            }

            var requireSequence = Sequence(requireNode, "require");
            if (requireSequence is null)
            {
                return null;
            }

            var required = new List<string>();
            foreach (var requiredItem in requireSequence.Items)
            {
                if (Scalar(requiredItem, "require") is not { } requiredName || Member(properties, requiredName) is not { } target)
                {
                    return null;
                }

                if (target.Required)
                {
                    Report(DiagnosticDescriptors.InvalidValue, requiredName, "require", requiredName.Value, "the member is always required already");
                    return null;
                }

                required.Add(target.Name);
            }

            rules.Add(new RuleModel(member.Name, value, required.ToEquatableArray()));
        }

        return rules.ToEquatableArray();
    }

    private PropertyModel? Member(EquatableArray<PropertyModel> properties, YamlScalarNode name)
    {
        var member = properties.FirstOrDefault(p => p.JsonName == name.Value);
        if (member is null)
        {
            Report(DiagnosticDescriptors.UnknownMember, name, name.Value);
        }

        return member;
    }

    private PagingModel? BindPaging(YamlNode node, EquatableArray<ParameterModel> parameters, ResponseModel response)
    {
        var map = Mapping(node, "paging", PagingKeys);
        if (map is null)
        {
            return null;
        }

        var offsetNode = RequiredScalar(map, "offset", "paging");
        var itemsNode = RequiredScalar(map, "items", "paging");
        var limitNode = map["limit"] is { } l ? Scalar(l, "limit") : null;
        var totalNode = map["total"] is { } t ? Scalar(t, "total") : null;
        if (offsetNode is null || itemsNode is null)
        {
            return null;
        }

        PropertyModel? Query(YamlScalarNode name)
        {
            var parameter = parameters.FirstOrDefault(p => p.In == ParameterLocation.Query && p.Property.JsonName == name.Value);
            if (parameter is null || parameter.Property.Type.Kind is not (TypeKind.Int32 or TypeKind.Int64) || parameter.Property.Required)
            {
                Report(DiagnosticDescriptors.InvalidValue, name, name.Value == offsetNode.Value ? "offset" : "limit", name.Value, "name an optional integer query parameter");
                return null;
            }

            return parameter.Property;
        }

        var offset = Query(offsetNode);
        var limit = limitNode is null ? null : Query(limitNode);
        var items = response.Properties.FirstOrDefault(p => p.JsonName == itemsNode.Value);
        if (items is null || items.Type.Kind != TypeKind.Array)
        {
            Report(DiagnosticDescriptors.InvalidValue, itemsNode, "items", itemsNode.Value, "name an array member of the success response");
            return null;
        }

        PropertyModel? total = null;
        if (totalNode is not null)
        {
            total = response.Properties.FirstOrDefault(p => p.JsonName == totalNode.Value);
            if (total is null || total.Type.Kind is not (TypeKind.Int32 or TypeKind.Int64))
            {
                Report(DiagnosticDescriptors.InvalidValue, totalNode, "total", totalNode.Value, "name an integer member of the success response");
                return null;
            }
        }

        return offset is null || (limitNode is not null && limit is null) ? null : new PagingModel(offset.Name, limit?.Name, items.Name, total?.Name);
    }

    private OperationModel? BindOperation(YamlNode node, List<SchemaModel> localSchemas, YamlMappingNode? schemaMap)
    {
        var map = Mapping(node, "operation", OperationKeys);
        if (map is null)
        {
            return null;
        }

        var ok = true;
        var idNode = RequiredScalar(map, "id", "operation");
        var id = idNode?.Value;
        if (idNode is not null && Naming.WhyNotIdentifier(id!) is { } why)
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, idNode, id!, why);
            ok = false;
        }

        if (id is not null)
        {
            foreach (var schema in localSchemas)
            {
                if (Naming.IsGeneratedTypeOf(schema.Name, id))
                {
                    Report(DiagnosticDescriptors.NameCollision, idNode!, id, schema.Name, "is also the name of a schema in this spec");
                    ok = false;
                }
            }
        }

        var methodNode = RequiredScalar(map, "method", "operation");
        string? method = null;
        if (methodNode is not null)
        {
            var index = Array.IndexOf(Methods, methodNode.Value.ToUpperInvariant());
            if (index >= 0)
            {
                method = Methods[index];
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidValue, methodNode, "method", methodNode.Value, "use one of " + string.Join(", ", Methods));
                ok = false;
            }
        }

        var pathNode = RequiredScalar(map, "path", "operation");
        var auth = BindAuth(map["auth"]);
        var parameters = BindParameters(map["parameters"], id ?? "Operation");
        var pathOk = pathNode is not null && parameters is not null && CheckPath(pathNode, parameters.Value);
        var body = map["body"] is { } bodyNode ? BindBody(bodyNode) : null;
        var response = BindResponses(map, id ?? "Operation", localSchemas, schemaMap);
        var errors = BindErrors(map["errors"]);
        if (body is null && map["body"] is not null)
        {
            ok = false;
        }

        PagingModel? paging = null;
        if (map["paging"] is { } pagingNode && parameters is not null && response is not null)
        {
            paging = BindPaging(pagingNode, parameters.Value, response);
            ok &= paging is not null;
        }

        if (!ok || id is null || method is null || pathNode is null || parameters is null || !pathOk || response is null || errors is null || auth is null)
        {
            return null;
        }

        return new OperationModel(
            id,
            OptionalString(map, "summary"),
            OptionalString(map, "description"),
            method,
            pathNode.Value,
            parameters.Value,
            body,
            response,
            errors.Value,
            auth.Value,
            paging);
    }

    private OperationAuth? BindAuth(YamlNode? node)
    {
        if (node is null)
        {
            return OperationAuth.Both;
        }

        var sequence = Sequence(node, "auth");
        if (sequence is null)
        {
            return null;
        }

        OperationAuth modes = 0;
        foreach (var item in sequence.Items)
        {
            if (Scalar(item, "auth") is not { } scalar)
            {
                return null;
            }

            switch (scalar.Value)
            {
                case "token":
                    modes |= OperationAuth.Token;
                    break;
                case "aksk":
                    modes |= OperationAuth.AkSk;
                    break;
                default:
                    Report(DiagnosticDescriptors.InvalidValue, scalar, "auth", scalar.Value, "use token and/or aksk");
                    return null;
            }
        }

        if (modes == 0)
        {
            Report(DiagnosticDescriptors.InvalidValue, node, "auth", "[]", "list token, aksk or both");
            return null;
        }

        return modes;
    }

    private EquatableArray<ParameterModel>? BindParameters(YamlNode? node, string operationId)
    {
        if (node is null)
        {
            return EquatableArray<ParameterModel>.Empty;
        }

        var sequence = Sequence(node, "parameters");
        if (sequence is null)
        {
            return null;
        }

        var parameters = new List<ParameterModel>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["Body"] = "body" };
        var wireNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var item in sequence.Items)
        {
            var map = Mapping(item, "a parameter", ParameterKeys);
            if (map is null)
            {
                ok = false;
                continue;
            }

            var nameNode = RequiredScalar(map, "name", "a parameter");
            var inNode = RequiredScalar(map, "in", "parameter '" + nameNode?.Value + "'");
            if (nameNode is null || inNode is null)
            {
                ok = false;
                continue;
            }

            ParameterLocation location;
            switch (inNode.Value)
            {
                case "path": location = ParameterLocation.Path; break;
                case "query": location = ParameterLocation.Query; break;
                case "header": location = ParameterLocation.Header; break;
                default:
                    Report(DiagnosticDescriptors.InvalidValue, inNode, "in", inNode.Value, "use path, query or header");
                    ok = false;
                    continue;
            }

            var wireName = nameNode.Value;
            if (location == ParameterLocation.Header && !IsHttpToken(wireName))
            {
                // HttpClient would drop such a header without a word, and the value with it.
                Report(DiagnosticDescriptors.InvalidValue, nameNode, "name", wireName, "a header name is an HTTP token: letters, digits and !#$%&'*+-.^_`|~, no spaces");
                ok = false;
                continue;
            }

            if (!wireNames.Add(inNode.Value + ":" + wireName))
            {
                Report(DiagnosticDescriptors.DuplicateKey, nameNode, wireName);
                ok = false;
                continue;
            }

            // Bound elsewhere: {project_id} from the options, auth headers from the credentials.
            if ((location == ParameterLocation.Path && wireName == "project_id")
                || (location == ParameterLocation.Header && Array.IndexOf(AuthHeaders, wireName.ToLowerInvariant()) >= 0))
            {
                continue;
            }

            if (MemberName(map, nameNode) is not var (name, memberNameNode, isExplicit))
            {
                ok = false;
                continue;
            }

            if (!CheckMemberName(memberNameNode, wireName, name, operationId + "Request", names, isExplicit))
            {
                ok = false;
                continue;
            }

            var property = BindProperty(item, wireName, name, ParameterKeys);
            if (property is null)
            {
                ok = false;
                continue;
            }

            if (location != ParameterLocation.Query && property.Type.Kind is TypeKind.Array)
            {
                Report(DiagnosticDescriptors.InvalidValue, map["type"] ?? item, "type", "array", "only query parameters may be arrays");
                ok = false;
                continue;
            }

            if (property.Type.Kind is TypeKind.Schema || property.Type.Items?.Kind is TypeKind.Schema or TypeKind.Array)
            {
                Report(DiagnosticDescriptors.InvalidValue, map["schema"] ?? map["items"] ?? item, "type", "object", "parameters are primitives, enums or arrays of them");
                ok = false;
                continue;
            }

            if (location == ParameterLocation.Path && !property.Required)
            {
                Report(DiagnosticDescriptors.InvalidValue, map["required"] ?? nameNode, "required", "false", "a path parameter is always required");
                ok = false;
                continue;
            }

            parameters.Add(new ParameterModel(location, property));
        }

        return ok ? parameters.ToEquatableArray() : null;
    }

    /// <summary>Checks the path template: its characters, and that its <c>{parameters}</c> and the declared path parameters match.</summary>
    private bool CheckPath(YamlScalarNode pathNode, EquatableArray<ParameterModel> parameters)
    {
        var template = pathNode.Value;
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (!template.StartsWith("/", StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.InvalidPathTemplate, pathNode, "it must start with '/'");
            return false;
        }

        var ok = true;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{')
            {
                var close = template.IndexOf('}', i);
                if (close < 0)
                {
                    Report(DiagnosticDescriptors.InvalidPathTemplate, pathNode, "'{' at position " + (i + 1).ToString(CultureInfo.InvariantCulture) + " is not closed");
                    return false;
                }

                var name = template.Substring(i + 1, close - i - 1);
                if (name != "project_id")
                {
                    var parameter = parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Property.JsonName == name);
                    if (parameter is null)
                    {
                        Report(DiagnosticDescriptors.PathParameterNotDeclared, pathNode, name);
                        ok = false;
                    }
                    else
                    {
                        used.Add(name);
                    }
                }

                i = close;
            }
            else if (c == '}' || !(char.IsLetterOrDigit(c) && c < 128) && "-._~/".IndexOf(c) < 0)
            {
                Report(DiagnosticDescriptors.InvalidPathTemplate, pathNode, "the character '" + c + "' is not allowed in a path template (letters, digits, - . _ ~ / and {parameters})");
                return false;
            }
        }

        if (template.Contains("/../") || template.Contains("/./") || template.EndsWith("/..", StringComparison.Ordinal) || template.EndsWith("/.", StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.InvalidPathTemplate, pathNode, "'.' and '..' segments are not allowed");
            return false;
        }

        foreach (var parameter in parameters)
        {
            if (parameter.In == ParameterLocation.Path && !used.Contains(parameter.Property.JsonName))
            {
                Report(DiagnosticDescriptors.PathParameterNotInTemplate, pathNode, parameter.Property.JsonName);
                ok = false;
            }
        }

        return ok;
    }

    private BodyModel? BindBody(YamlNode node)
    {
        var map = Mapping(node, "body", BodyKeys);
        if (map is null)
        {
            return null;
        }

        var schemaNode = RequiredScalar(map, "schema", "body");
        if (schemaNode is null || !SchemaReference(schemaNode))
        {
            return null;
        }

        return new BodyModel(schemaNode.Value, OptionalBool(map, "required") ?? true, OptionalString(map, "description"));
    }

    private ResponseModel? BindResponses(YamlMappingNode operation, string operationId, List<SchemaModel> localSchemas, YamlMappingNode? schemaMap)
    {
        if (operation["responses"] is not { } node)
        {
            Report(DiagnosticDescriptors.MissingKey, operation, "operation", "responses");
            return null;
        }

        var map = Mapping(node, "responses", null);
        if (map is null)
        {
            return null;
        }

        ResponseModel? success = null;
        var ok = true;
        foreach (var entry in map.Entries)
        {
            if (!int.TryParse(entry.Key.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 200 || status > 299)
            {
                Report(DiagnosticDescriptors.InvalidValue, entry.Key, "responses", entry.Key.Value, "list the success status (200-299) here and error statuses under errors");
                ok = false;
                continue;
            }

            if (success is not null)
            {
                Report(DiagnosticDescriptors.SuccessResponse, entry.Key, "An operation has one success response; " + success.Status.ToString(CultureInfo.InvariantCulture) + " is already declared");
                ok = false;
                continue;
            }

            var responseMap = entry.Value is YamlScalarNode { IsNull: true } ? null : Mapping(entry.Value, "response " + entry.Key.Value, ResponseKeys);
            if (responseMap is null && entry.Value is not YamlScalarNode { IsNull: true })
            {
                ok = false;
                continue;
            }

            if (status == 204 && (responseMap?["properties"] ?? responseMap?["schema"]) is { } bodyNode)
            {
                Report(DiagnosticDescriptors.InvalidValue, bodyNode, responseMap!["properties"] is null ? "schema" : "properties", "204", "a 204 response has no body");
                ok = false;
                continue;
            }

            // The body's members: listed under properties, or those of a schema of this file (bound here as if listed).
            var membersNode = responseMap?["properties"];
            YamlNode? membersOwner = responseMap;
            if (responseMap?["schema"] is { } schemaNode)
            {
                if (ResponseSchema(schemaNode, membersNode, localSchemas, schemaMap) is not { } definition)
                {
                    ok = false;
                    continue;
                }

                membersNode = definition["properties"];
                membersOwner = definition;
            }

            var properties = membersOwner is null
                ? EquatableArray<PropertyModel>.Empty
                : BindProperties(membersNode, operationId + "Response", "response " + entry.Key.Value, required: false, membersOwner, new[] { "StatusCode", "RequestId" }, "Body");
            if (properties is null)
            {
                ok = false;
                continue;
            }

            success = new ResponseModel(status, responseMap is null ? null : OptionalString(responseMap, "description"), properties.Value, membersNode is not null);
        }

        if (success is null && ok)
        {
            Report(DiagnosticDescriptors.SuccessResponse, node, "Declare the success response, for example 204: { description: OK }");
        }

        return ok ? success : null;
    }

    /// <summary>
    /// The definition a success response's <c>schema</c> names: a schema of this file, whose members become the
    /// response's own (so the record and its JSON reading are the same as with <c>properties</c>). Null, with a
    /// diagnostic, when both keys are given or the schema is not defined here; null without one when the schema is
    /// defined but invalid (its own diagnostics say why).
    /// </summary>
    private YamlMappingNode? ResponseSchema(YamlNode schemaNode, YamlNode? propertiesNode, List<SchemaModel> localSchemas, YamlMappingNode? schemaMap)
    {
        if (Scalar(schemaNode, "schema") is not { } name || !CheckIdentifier(name, name.Value))
        {
            return null;
        }

        if (propertiesNode is not null)
        {
            Report(DiagnosticDescriptors.InvalidValue, name, "schema", name.Value, "give the body's members either as properties or as a schema, not both");
            return null;
        }

        if (schemaMap?[name.Value] is not YamlMappingNode definition)
        {
            Report(DiagnosticDescriptors.InvalidValue, name, "schema", name.Value, "a response's schema must be defined under schemas in this file, because its members become the response's own");
            return null;
        }

        return localSchemas.Exists(schema => schema.Name == name.Value) ? definition : null;
    }

    private EquatableArray<ErrorResponseModel>? BindErrors(YamlNode? node)
    {
        if (node is null)
        {
            return EquatableArray<ErrorResponseModel>.Empty;
        }

        var map = Mapping(node, "errors", null);
        if (map is null)
        {
            return null;
        }

        var errors = new List<ErrorResponseModel>();
        foreach (var entry in map.Entries)
        {
            if (!int.TryParse(entry.Key.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 300 || status > 599)
            {
                Report(DiagnosticDescriptors.InvalidValue, entry.Key, "errors", entry.Key.Value, "an error status is 300-599");
                return null;
            }

            var errorMap = Mapping(entry.Value, "error " + entry.Key.Value, ErrorKeys);
            if (errorMap is null)
            {
                return null;
            }

            // The example message is checked (a single value) but not kept: the client's docs list status, description and code.
            _ = OptionalString(errorMap, "message");
            errors.Add(new ErrorResponseModel(status, OptionalString(errorMap, "description"), OptionalString(errorMap, "code")));
        }

        return errors.ToEquatableArray();
    }

    /// <summary>A reference to a named schema: it must be an identifier, and it is recorded for the cross-file rules.</summary>
    private bool SchemaReference(YamlScalarNode name)
    {
        if (!CheckIdentifier(name, name.Value))
        {
            return false;
        }

        // A schema bound twice (as itself, and as the members of a response) records each reference once.
        var use = new SchemaUseKey(name.Value, _namespace, SpecPositions.Locate(_path, name));
        if (_recordedUses.Add(use))
        {
            _uses.Add(use);
        }

        return true;
    }

    /// <summary>An HTTP field name (RFC 9110 token): ASCII letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>, at least one.</summary>
    private static bool IsHttpToken(string name)
    {
        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0))
            {
                return false;
            }
        }

        return name.Length > 0;
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

    private bool CheckIdentifier(YamlScalarNode node, string name)
    {
        if (Naming.WhyNotIdentifier(name) is { } why)
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, node, name, why);
            return false;
        }

        return true;
    }

    private YamlMappingNode? Mapping(YamlNode node, string context, string[]? allowedKeys)
    {
        if (node is not YamlMappingNode map)
        {
            Report(DiagnosticDescriptors.WrongValueKind, node, context, "a mapping (key: value lines)");
            return null;
        }

        if (allowedKeys is not null)
        {
            foreach (var entry in map.Entries)
            {
                if (Array.IndexOf(allowedKeys, entry.Key.Value) < 0)
                {
                    var closest = Naming.Closest(entry.Key.Value, allowedKeys);
                    Report(DiagnosticDescriptors.UnknownKey, entry.Key, entry.Key.Value, context, closest is null ? "; allowed: " + string.Join(", ", allowedKeys) : "; did you mean '" + closest + "'?");
                }
            }
        }

        return map;
    }

    private YamlSequenceNode? Sequence(YamlNode node, string context)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Report(DiagnosticDescriptors.WrongValueKind, node, context, "a list");
        return null;
    }

    private YamlScalarNode? Scalar(YamlNode node, string context)
    {
        if (node is YamlScalarNode scalar && !scalar.IsNull)
        {
            return scalar;
        }

        Report(DiagnosticDescriptors.WrongValueKind, node, context, "a single value");
        return null;
    }

    private YamlScalarNode? RequiredScalar(YamlMappingNode map, string key, string context)
    {
        if (map[key] is not { } node)
        {
            Report(DiagnosticDescriptors.MissingKey, map, context, key);
            return null;
        }

        return Scalar(node, key);
    }

    private string? OptionalString(YamlMappingNode map, string key) =>
        map[key] is { } node ? Scalar(node, key)?.Value : null;

    private bool? OptionalBool(YamlMappingNode map, string key)
    {
        if (map[key] is not { } node || Scalar(node, key) is not { } scalar)
        {
            return null;
        }

        switch (scalar.Value)
        {
            case "true":
            case "True":
                return true;
            case "false":
            case "False":
                return false;
            default:
                Report(DiagnosticDescriptors.InvalidValue, scalar, key, scalar.Value, "use true or false");
                return null;
        }
    }

    private static string Describe(TypeModel type) => type.Kind switch
    {
        TypeKind.Array => "array",
        TypeKind.Schema => "object",
        TypeKind.Enum => "enum",
        TypeKind.DateTime => "date-time",
        _ => type.Kind.ToString().ToLowerInvariant(),
    };

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, YamlNode node, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, SpecPositions.Locate(_path, node), arguments));
}
