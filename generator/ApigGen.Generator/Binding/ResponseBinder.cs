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

            if (responseMap?["additionalProperties"] is { } valuesNode)
            {
                if (WholeBodyMap(responseMap, valuesNode, status) is not { } wholeBody)
                {
                    ok = false;
                    continue;
                }

                success = wholeBody;
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

            success = new ResponseModel(status, responseMap is null ? null : _context.OptionalString(responseMap, "description"), properties.Value, membersNode is not null);
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

        return localSchemas.Exists(schema => schema.Name == name.Value) ? definition : null;
    }
}
