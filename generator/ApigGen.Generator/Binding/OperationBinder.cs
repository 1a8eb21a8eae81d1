using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>
/// Binds a file's operation: id, method, path template, auth, body, errors and paging here; parameters and the success
/// response through their own binders.
/// </summary>
internal sealed class OperationBinder
{
    private readonly BindContext _context;
    private readonly SchemaReferences _references;
    private readonly ParameterBinder _parameters;
    private readonly ResponseBinder _responses;
    private readonly RuleBinder _rules;

    public OperationBinder(BindContext context, SchemaReferences references, SchemaBinder members, RuleBinder rules)
    {
        _context = context;
        _references = references;
        _parameters = new ParameterBinder(context, members);
        _responses = new ResponseBinder(context, members);
        _rules = rules;
    }

    /// <summary>The schema a <c>multipart/form-data</c> body names, once <see cref="Bind"/> has read it (even when the operation has errors).</summary>
    public string? FormSchema { get; private set; }

    public OperationModel? Bind(YamlNode node, List<SchemaModel> localSchemas, YamlMappingNode? schemaMap)
    {
        var map = _context.Mapping(node, "operation", SpecKeys.Operation);
        if (map is null)
        {
            return null;
        }

        var ok = true;
        var idNode = _context.RequiredScalar(map, "id", "operation");
        var id = idNode?.Value;
        if (idNode is not null && Naming.WhyNotIdentifier(id!) is { } why)
        {
            _context.Report(DiagnosticDescriptors.InvalidIdentifier, idNode, id!, why);
            ok = false;
        }

        if (id is not null)
        {
            foreach (var schema in localSchemas)
            {
                if (Naming.IsGeneratedTypeOf(schema.Name, id))
                {
                    _context.Report(DiagnosticDescriptors.NameCollision, idNode!, id, schema.Name, "is also the name of a schema in this spec");
                    ok = false;
                }
            }
        }

        var methodNode = _context.RequiredScalar(map, "method", "operation");
        string? method = null;
        if (methodNode is not null)
        {
            var index = Array.IndexOf(SpecKeys.Methods, methodNode.Value.ToUpperInvariant());
            if (index >= 0)
            {
                method = SpecKeys.Methods[index];
            }
            else
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, methodNode, "method", methodNode.Value, "use one of " + string.Join(", ", SpecKeys.Methods));
                ok = false;
            }
        }

        var pathNode = _context.RequiredScalar(map, "path", "operation");
        var auth = BindAuth(map["auth"]);

        // Whether repeating the call is harmless: only then may the runtime retry a POST or PATCH.
        var idempotent = _context.OptionalBool(map, "idempotent") ?? false;
        var parameters = _parameters.Bind(map["parameters"], id ?? "Operation");
        var pathOk = pathNode is not null && parameters is not null && CheckPath(pathNode, parameters);
        var body = map["body"] is { } bodyNode ? BindBody(bodyNode, localSchemas, schemaMap) : null;
        var response = _responses.Bind(map, id ?? "Operation", localSchemas, schemaMap);
        var errors = BindErrors(map["errors"]);
        if (body is null && map["body"] is not null)
        {
            ok = false;
        }

        PagingModel? paging = null;
        if (map["paging"] is { } pagingNode && parameters is not null && response is not null)
        {
            paging = _rules.BindPaging(pagingNode, parameters, response);
            ok &= paging is not null;
        }

        if (!ok || id is null || method is null || pathNode is null || parameters is null || !pathOk || response is null || errors is null || auth is null)
        {
            return null;
        }

        return new OperationModel(
            id,
            _context.OptionalString(map, "summary"),
            _context.OptionalString(map, "description"),
            method,
            pathNode.Value,
            parameters,
            body,
            response,
            errors,
            auth.Value,
            paging,
            idempotent);
    }

    private OperationAuth? BindAuth(YamlNode? node)
    {
        if (node is null)
        {
            return OperationAuth.Both;
        }

        var sequence = _context.Sequence(node, "auth");
        if (sequence is null)
        {
            return null;
        }

        OperationAuth modes = 0;
        foreach (var item in sequence.Items)
        {
            if (_context.Scalar(item, "auth") is not { } scalar)
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
                    _context.Report(DiagnosticDescriptors.InvalidValue, scalar, "auth", scalar.Value, "use token and/or aksk");
                    return null;
            }
        }

        if (modes == 0)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, node, "auth", "[]", "list token, aksk or both");
            return null;
        }

        return modes;
    }

    /// <summary>Checks the path template: its characters, and that its <c>{parameters}</c> and the declared path parameters match.</summary>
    private bool CheckPath(YamlScalarNode pathNode, EquatableArray<ParameterModel> parameters)
    {
        var template = pathNode.Value;
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (!template.StartsWith("/", StringComparison.Ordinal))
        {
            _context.Report(DiagnosticDescriptors.InvalidPathTemplate, pathNode, "it must start with '/'");
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
                    _context.Report(DiagnosticDescriptors.InvalidPathTemplate, pathNode, "'{' at position " + (i + 1).ToString(CultureInfo.InvariantCulture) + " is not closed");
                    return false;
                }

                var name = template.Substring(i + 1, close - i - 1);
                if (name != "project_id")
                {
                    var parameter = parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Property.JsonName == name);
                    if (parameter is null)
                    {
                        _context.Report(DiagnosticDescriptors.PathParameterNotDeclared, pathNode, name);
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
                _context.Report(DiagnosticDescriptors.InvalidPathTemplate, pathNode, "the character '" + c + "' is not allowed in a path template (letters, digits, - . _ ~ / and {parameters})");
                return false;
            }
        }

        if (template.Contains("/../") || template.Contains("/./") || template.EndsWith("/..", StringComparison.Ordinal) || template.EndsWith("/.", StringComparison.Ordinal))
        {
            _context.Report(DiagnosticDescriptors.InvalidPathTemplate, pathNode, "'.' and '..' segments are not allowed");
            return false;
        }

        foreach (var parameter in parameters)
        {
            if (parameter.In == ParameterLocation.Path && !used.Contains(parameter.Property.JsonName))
            {
                _context.Report(DiagnosticDescriptors.PathParameterNotInTemplate, pathNode, parameter.Property.JsonName);
                ok = false;
            }
        }

        return ok;
    }

    private BodyModel? BindBody(YamlNode node, List<SchemaModel> localSchemas, YamlMappingNode? schemaMap)
    {
        var map = _context.Mapping(node, "body", SpecKeys.Body);
        if (map is null)
        {
            return null;
        }

        var isForm = false;
        var contentTypeOk = true;
        if (map["contentType"] is { } contentTypeNode && _context.Scalar(contentTypeNode, "contentType") is { } contentType)
        {
            var index = Array.IndexOf(SpecKeys.BodyContentTypes, contentType.Value.ToLowerInvariant());
            if (index < 0)
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, contentType, "contentType", contentType.Value, "use " + string.Join(" (the default) or ", SpecKeys.BodyContentTypes));
                contentTypeOk = false;
            }

            isForm = index == 1;
        }
        else if (map["contentType"] is not null)
        {
            contentTypeOk = false;
        }

        var schemaNode = _context.RequiredScalar(map, "schema", "body");
        if (!contentTypeOk && schemaNode is not null)
        {
            // Meant as something other than JSON: its file members are not reported on top of the content type.
            FormSchema = schemaNode.Value;
        }

        if (schemaNode is null || !contentTypeOk)
        {
            return null;
        }

        var required = _context.OptionalBool(map, "required") ?? true;
        var description = _context.OptionalString(map, "description");
        if (!isForm)
        {
            return _references.Record(schemaNode, SchemaUse.Object) ? new BodyModel(schemaNode.Value, required, description) : null;
        }

        // A form's schema is this file's own (its members become the parts, checked here at their lines), and is not a
        // reference: any other use of a schema with file members is an error (FormRules, CrossFileRules).
        FormSchema = schemaNode.Value;
        if (!_context.CheckIdentifier(schemaNode, schemaNode.Value))
        {
            return null;
        }

        if (schemaMap?[schemaNode.Value] is not YamlMappingNode definition)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, schemaNode, "schema", schemaNode.Value, "a multipart/form-data body's schema must be defined under schemas in this file, because its members become the form's parts");
            return null;
        }

        var schema = localSchemas.Find(s => s.Name == schemaNode.Value);
        if (schema is null || !FormRules.CheckFormParts(_context, schema, definition))
        {
            return null;
        }

        return new BodyModel(schemaNode.Value, required, description) { FormParts = schema.Properties };
    }

    private EquatableArray<ErrorResponseModel>? BindErrors(YamlNode? node)
    {
        if (node is null)
        {
            return EquatableArray<ErrorResponseModel>.Empty;
        }

        var map = _context.Mapping(node, "errors", null);
        if (map is null)
        {
            return null;
        }

        var errors = new List<ErrorResponseModel>();
        foreach (var entry in map.Entries)
        {
            if (!int.TryParse(entry.Key.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 300 || status > 599)
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, entry.Key, "errors", entry.Key.Value, "an error status is 300-599");
                return null;
            }

            var errorMap = _context.Mapping(entry.Value, "error " + entry.Key.Value, SpecKeys.Error);
            if (errorMap is null)
            {
                return null;
            }

            // The example message is checked (a single value) but not kept: the client's docs list status, description and code.
            _ = _context.OptionalString(errorMap, "message");
            errors.Add(new ErrorResponseModel(status, _context.OptionalString(errorMap, "description"), _context.OptionalString(errorMap, "code")));
        }

        return errors.ToEquatableArray();
    }
}
