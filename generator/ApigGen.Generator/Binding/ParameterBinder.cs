using System;
using System.Collections.Generic;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>Binds an operation's parameters: where each goes (path, query, header), its wire and C# names, and its type.</summary>
internal sealed class ParameterBinder
{
    private readonly BindContext _context;
    private readonly SchemaBinder _members;

    public ParameterBinder(BindContext context, SchemaBinder members)
    {
        _context = context;
        _members = members;
    }

    public EquatableArray<ParameterModel>? Bind(YamlNode? node, string operationId)
    {
        if (node is null)
        {
            return EquatableArray<ParameterModel>.Empty;
        }

        var sequence = _context.Sequence(node, "parameters");
        if (sequence is null)
        {
            return null;
        }

        var parameters = new List<ParameterModel>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [GeneratedNames.Body] = "body" };
        var wireNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var item in sequence.Items)
        {
            var map = _context.Mapping(item, "a parameter", SpecKeys.Parameter);
            if (map is null)
            {
                ok = false;
                continue;
            }

            var nameNode = _context.RequiredScalar(map, "name", "a parameter");
            var inNode = _context.RequiredScalar(map, "in", "parameter '" + nameNode?.Value + "'");
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
                    _context.Report(DiagnosticDescriptors.InvalidValue, inNode, "in", inNode.Value, "use path, query or header");
                    ok = false;
                    continue;
            }

            var wireName = nameNode.Value;
            if (location == ParameterLocation.Header && !IsHttpToken(wireName))
            {
                // HttpClient would drop such a header without a word, and the value with it.
                _context.Report(DiagnosticDescriptors.InvalidValue, nameNode, "name", wireName, "a header name is an HTTP token: letters, digits and !#$%&'*+-.^_`|~, no spaces");
                ok = false;
                continue;
            }

            if (location == ParameterLocation.Header && Array.IndexOf(SpecKeys.ContentHeaders, wireName.ToLowerInvariant()) >= 0)
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, nameNode, "name", wireName, "a content header, which HttpClient sets from the body and refuses on a request; leave it out");
                ok = false;
                continue;
            }

            if (!wireNames.Add(inNode.Value + ":" + wireName))
            {
                _context.Report(DiagnosticDescriptors.DuplicateKey, nameNode, wireName);
                ok = false;
                continue;
            }

            // Bound elsewhere: {project_id} from the options, auth headers from the credentials.
            if ((location == ParameterLocation.Path && wireName == "project_id")
                || (location == ParameterLocation.Header && Array.IndexOf(SpecKeys.AuthHeaders, wireName.ToLowerInvariant()) >= 0))
            {
                continue;
            }

            if (_members.MemberName(map, nameNode) is not var (name, memberNameNode, isExplicit))
            {
                ok = false;
                continue;
            }

            if (!_members.CheckMemberName(memberNameNode, wireName, name, operationId + GeneratedNames.RequestSuffix, names, isExplicit))
            {
                ok = false;
                continue;
            }

            var property = _members.BindProperty(item, wireName, name, SpecKeys.Parameter, SchemaUse.Enum);
            if (property is null)
            {
                ok = false;
                continue;
            }

            if (location != ParameterLocation.Query && property.Type.Kind is TypeKind.Array)
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, map["type"] ?? item, "type", "array", "only query parameters may be arrays");
                ok = false;
                continue;
            }

            // A schema of another file may be a named enum: the cross-file rules check that it is (APIG0305).
            if (IsLocalObject(property.Type) || property.Type.Kind is TypeKind.Map or TypeKind.Any || property.Type.Items?.Kind is TypeKind.Array or TypeKind.Map or TypeKind.Any)
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, map["schema"] ?? map["additionalProperties"] ?? map["items"] ?? map["type"] ?? item, "type", property.Type.Kind == TypeKind.Any ? "any" : "object", "parameters are primitives, enums or arrays of them");
                ok = false;
                continue;
            }

            if (FormRules.HasFile(property.Type))
            {
                FormRules.ReportFileType(_context, map, 0);
                ok = false;
                continue;
            }

            // Any other kind of value (those the format may add) has no text form on the wire. A schema of another file
            // is left to the cross-file rules, which know whether it is a named enum (APIG0305 when it is not).
            var single = property.Type.Kind == TypeKind.Array ? property.Type.Items! : property.Type;
            if (single.Kind is not (TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Number or TypeKind.Boolean or TypeKind.DateTime or TypeKind.Enum or TypeKind.Schema))
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, map["type"] ?? item, "type", TypeBinder.Describe(single), "parameters are primitives, enums or arrays of them");
                ok = false;
                continue;
            }

            // Only for a required that is absent or false: any other value was reported as not a boolean.
            if (location == ParameterLocation.Path && !property.Required && (map["required"] is null || BindContext.BoolValue(map["required"]) == false))
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, map["required"] ?? nameNode, "required", "false", "a path parameter is always required");
                ok = false;
                continue;
            }

            parameters.Add(new ParameterModel(location, property));
        }

        return ok ? parameters.ToEquatableArray() : null;
    }

    private bool IsLocalObject(TypeModel type)
    {
        var inner = type.Items ?? type;
        return inner.Kind == TypeKind.Schema && _members.Types.IsLocalObject(inner.SchemaName!);
    }

    /// <summary>An HTTP field name (RFC 9110 token): ASCII letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>, at least one.</summary>
    internal static bool IsHttpToken(string name)
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
}
