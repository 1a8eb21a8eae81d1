using System;
using System.Collections.Generic;
using System.Globalization;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>Binds an operation's success response: its status, and its body's members (listed, or a schema of the file).</summary>
internal sealed class ResponseBinder
{
    private readonly BindContext _context;
    private readonly SchemaBinder _members;

    public ResponseBinder(BindContext context, SchemaBinder members)
    {
        _context = context;
        _members = members;
    }

    public ResponseModel? Bind(YamlMappingNode operation, string operationId, List<SchemaModel> localSchemas, YamlMappingNode? schemaMap)
    {
        if (operation["responses"] is not { } node)
        {
            _context.Report(DiagnosticDescriptors.MissingKey, operation, "operation", "responses");
            return null;
        }

        var map = _context.Mapping(node, "responses", null);
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
                _context.Report(DiagnosticDescriptors.InvalidValue, entry.Key, "responses", entry.Key.Value, "list the success status (200-299) here and error statuses under errors");
                ok = false;
                continue;
            }

            if (success is not null)
            {
                _context.Report(DiagnosticDescriptors.SuccessResponse, entry.Key, "An operation has one success response; " + success.Status.ToString(CultureInfo.InvariantCulture) + " is already declared");
                ok = false;
                continue;
            }

            var responseMap = entry.Value is YamlScalarNode { IsNull: true } ? null : _context.Mapping(entry.Value, "response " + entry.Key.Value, SpecKeys.Response);
            if (responseMap is null && entry.Value is not YamlScalarNode { IsNull: true })
            {
                ok = false;
                continue;
            }

            if (status == 204 && (responseMap?["properties"] ?? responseMap?["schema"]) is { } bodyNode)
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, bodyNode, responseMap!["properties"] is null ? "schema" : "properties", "204", "a 204 response has no body");
                ok = false;
                continue;
            }

            var isBinary = false;
            if (responseMap?["content"] is { } contentNode)
            {
                if (BindContent(contentNode, status, responseMap) is not { } binary)
                {
                    ok = false;
                    continue;
                }

                isBinary = binary;
            }

            if (responseMap?["additionalProperties"] is { } valuesNode)
            {
                if (WholeBodyMap(responseMap, valuesNode, status) is not { } wholeBody)
                {
                    ok = false;
                    continue;
                }

                var wholeBodyHeaders = responseMap["headers"] is { } wholeBodyHeadersNode
                    ? BindHeaders(wholeBodyHeadersNode, operationId + GeneratedNames.ResponseSuffix, wholeBody.Properties, isBinary: false)
                    : EquatableArray<PropertyModel>.Empty;
                if (wholeBodyHeaders is null)
                {
                    ok = false;
                    continue;
                }

                success = wholeBody with { Headers = wholeBodyHeaders };
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
                : _members.BindProperties(membersNode, operationId + GeneratedNames.ResponseSuffix, "response " + entry.Key.Value, required: false, membersOwner, GeneratedNames.ResponseMembers, GeneratedNames.Body);
            if (properties is null)
            {
                ok = false;
                continue;
            }

            if (FormRules.HasFileMember(properties))
            {
                FormRules.ReportFileTypes(_context, membersNode);
                ok = false;
                continue;
            }

            var headers = responseMap?["headers"] is { } headersNode
                ? BindHeaders(headersNode, operationId + GeneratedNames.ResponseSuffix, properties, isBinary)
                : EquatableArray<PropertyModel>.Empty;
            if (headers is null)
            {
                ok = false;
                continue;
            }

            success = new ResponseModel(status, responseMap is null ? null : _context.OptionalString(responseMap, "description"), properties, membersNode is not null)
            {
                IsBinary = isBinary,
                Headers = headers,
            };
        }

        if (success is null && ok)
        {
            _context.Report(DiagnosticDescriptors.SuccessResponse, node, "Declare the success response, for example 204: { description: OK }");
        }

        return ok ? success : null;
    }

    /// <summary>
    /// A success response whose whole body is a map (<c>additionalProperties</c>): one member, <c>Body</c>, of type
    /// <c>IReadOnlyDictionary&lt;string, T&gt;</c>. Null, with diagnostics, on a 204, beside <c>properties</c> or
    /// <c>schema</c>, or when the values' type is wrong.
    /// </summary>
    private ResponseModel? WholeBodyMap(YamlMappingNode responseMap, YamlNode valuesNode, int status)
    {
        if (status == 204)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, valuesNode, "additionalProperties", "204", "a 204 response has no body");
            return null;
        }

        if ((responseMap["properties"] ?? responseMap["schema"]) is { } other)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, other, responseMap["properties"] is null ? "schema" : "properties", "additionalProperties", "give the body as properties, as a schema, or as a map (additionalProperties), only one of them");
            return null;
        }

        if (_members.Types.BindMapValues(valuesNode, "body", GeneratedNames.Body, 0) is not { } type)
        {
            return null;
        }

        var body = new PropertyModel(string.Empty, GeneratedNames.Body, type, Required: true, Secret: false, Description: null, ConstraintsModel.None, Default: null);
        return new ResponseModel(status, _context.OptionalString(responseMap, "description"), new[] { body }.ToEquatableArray(), HasBody: true, WholeBody: true);
    }

    /// <summary>
    /// <c>content: binary</c>: true; null, reported, for any other value, on a 204, or beside <c>properties</c> or <c>schema</c>
    /// (a binary body has no members).
    /// </summary>
    private bool? BindContent(YamlNode node, int status, YamlMappingNode response)
    {
        if (_context.Scalar(node, "content") is not { } content)
        {
            return null;
        }

        if (content.Value != "binary")
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, content, "content", content.Value, "the only content is binary (a JSON body is described by properties or schema, without content)");
            return null;
        }

        if (status == 204)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, content, "content", content.Value, "a 204 response has no body");
            return null;
        }

        if (response["properties"] is not null || response["schema"] is not null || response["additionalProperties"] is not null)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, content, "content", content.Value, "a binary body is a stream with no members: drop " + (response["properties"] is not null ? "properties" : response["schema"] is not null ? "schema" : "additionalProperties"));
            return null;
        }

        return true;
    }

    /// <summary>
    /// The declared response headers: each name an HTTP token, once (in any case), typed like a parameter, becoming a
    /// nullable property named by the PascalCase of the header name (or its <c>csharpName</c>). <c>X-Request-Id</c> is
    /// <c>RequestId</c> already and adds nothing.
    /// </summary>
    private EquatableArray<PropertyModel>? BindHeaders(YamlNode node, string ownerType, EquatableArray<PropertyModel> bodyMembers, bool isBinary)
    {
        var map = _context.Mapping(node, "headers", null);
        if (map is null)
        {
            return null;
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in bodyMembers)
        {
            taken.Add(member.Name);
            if ((member.Type.Enum ?? member.Type.Items?.Enum) is { } nested)
            {
                taken.Add(nested.TypeName);
            }
        }

        taken.UnionWith(GeneratedNames.ResponseMembers);
        if (isBinary)
        {
            taken.UnionWith(GeneratedNames.BinaryResponseMembers);
        }

        var wireNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new List<PropertyModel>();
        var ok = true;
        foreach (var entry in map.Entries)
        {
            var wireName = entry.Key.Value;
            if (!ParameterBinder.IsHttpToken(wireName))
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, entry.Key, "headers", wireName, "a header name is an HTTP token: letters, digits and !#$%&'*+-.^_`|~, no spaces");
                ok = false;
                continue;
            }

            if (!wireNames.Add(wireName))
            {
                _context.Report(DiagnosticDescriptors.DuplicateKey, entry.Key, wireName);
                ok = false;
                continue;
            }

            var definition = _context.Mapping(entry.Value, "header '" + wireName + "'", SpecKeys.ResponseHeader);
            if (definition is null)
            {
                ok = false;
                continue;
            }

            if (_members.MemberName(definition, entry.Key) is not var (name, nameNode, isExplicit))
            {
                ok = false;
                continue;
            }

            var property = _members.BindProperty(definition, wireName, name, SpecKeys.ResponseHeader);
            if (property is null)
            {
                ok = false;
                continue;
            }

            if (property.Type.Kind is not (TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Number or TypeKind.Boolean or TypeKind.DateTime or TypeKind.Enum))
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, (YamlNode?)definition["type"] ?? definition, "type", TypeBinder.Describe(property.Type), "a response header is a string, integer, number, boolean, date-time or enum");
                ok = false;
                continue;
            }

            if (string.Equals(wireName, "X-Request-Id", StringComparison.OrdinalIgnoreCase))
            {
                // Every response has it as RequestId; declaring it documents it, and may not retype it.
                if (property.Type.Kind != TypeKind.String || isExplicit)
                {
                    _context.Report(DiagnosticDescriptors.InvalidValue, (YamlNode?)definition["type"] ?? definition["csharpName"] ?? entry.Key, "headers", wireName, "X-Request-Id is every response's RequestId (a string); declare it with type: string and no csharpName, or leave it out");
                    ok = false;
                }

                continue;
            }

            if (!_members.CheckMemberName(nameNode, wireName, name, ownerType, names, isExplicit))
            {
                ok = false;
                continue;
            }

            var enumName = property.Type.Enum?.TypeName;
            if (taken.Contains(name) || (enumName is not null && (taken.Contains(enumName) || names.ContainsKey(enumName))))
            {
                _context.Report(DiagnosticDescriptors.NameCollision, nameNode, wireName, taken.Contains(name) ? name : enumName!, "is already a member or nested type of " + ownerType + "; give the header another name with csharpName");
                ok = false;
                continue;
            }

            if (enumName is not null)
            {
                taken.Add(enumName);
            }

            headers.Add(property with { Required = false, Default = null });
        }

        return ok ? headers.ToEquatableArray() : null;
    }

    /// <summary>
    /// The definition a success response's <c>schema</c> names: a schema of this file, whose members become the
    /// response's own (so the record and its JSON reading are the same as with <c>properties</c>). Null, with a
    /// diagnostic, when both keys are given or the schema is not defined here; null without one when the schema is
    /// defined but invalid (its own diagnostics say why).
    /// </summary>
    private YamlMappingNode? ResponseSchema(YamlNode schemaNode, YamlNode? propertiesNode, List<SchemaModel> localSchemas, YamlMappingNode? schemaMap)
    {
        if (_context.Scalar(schemaNode, "schema") is not { } name || !_context.CheckIdentifier(name, name.Value))
        {
            return null;
        }

        if (propertiesNode is not null)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, name, "schema", name.Value, "give the body's members either as properties or as a schema, not both");
            return null;
        }

        if (schemaMap?[name.Value] is not YamlMappingNode definition)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, name, "schema", name.Value, "a response's schema must be defined under schemas in this file, because its members become the response's own");
            return null;
        }

        if (definition["enum"] is not null)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, name, "schema", name.Value, "a response's schema is an object schema, and this one is an enum");
            return null;
        }

        return localSchemas.Exists(schema => schema.Name == name.Value) ? definition : null;
    }
}
