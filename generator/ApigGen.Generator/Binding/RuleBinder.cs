using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>Binds a schema's conditional rules and an operation's paging, both of which name members bound before.</summary>
internal sealed class RuleBinder
{
    private readonly BindContext _context;

    public RuleBinder(BindContext context) => _context = context;

    public EquatableArray<RuleModel>? BindRules(YamlNode? node, EquatableArray<PropertyModel> properties)
    {
        if (node is null)
        {
            return EquatableArray<RuleModel>.Empty;
        }

        var sequence = _context.Sequence(node, "rules");
        if (sequence is null)
        {
            return null;
        }

        var rules = new List<RuleModel>();
        foreach (var item in sequence.Items)
        {
            var map = _context.Mapping(item, "a rule", SpecKeys.Rule);
            var whenNode = map is null ? null : map["when"];
            if (map is null || whenNode is null)
            {
                if (map is not null)
                {
                    _context.Report(DiagnosticDescriptors.MissingKey, map, "a rule", "when");
                }

                return null;
            }

            var when = _context.Mapping(whenNode, "when", SpecKeys.When);
            var memberNode = when is null ? null : _context.RequiredScalar(when, "member", "when");
            var equalsNode = when is null ? null : _context.RequiredScalar(when, "equals", "when");
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
                _context.Report(DiagnosticDescriptors.InvalidValue, equalsNode, "equals", value, "compare a string, enum, integer or boolean member with one of its values");
                return null;
            }

            if (map["require"] is not { } requireNode)
            {
                _context.Report(DiagnosticDescriptors.MissingKey, map, "a rule", "require");
                return null;
            }

            var requireSequence = _context.Sequence(requireNode, "require");
            if (requireSequence is null)
            {
                return null;
            }

            var required = new List<string>();
            foreach (var requiredItem in requireSequence.Items)
            {
                if (_context.Scalar(requiredItem, "require") is not { } requiredName || Member(properties, requiredName) is not { } target)
                {
                    return null;
                }

                if (target.Required)
                {
                    _context.Report(DiagnosticDescriptors.InvalidValue, requiredName, "require", requiredName.Value, "the member is always required already");
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
            _context.Report(DiagnosticDescriptors.UnknownMember, name, name.Value);
        }

        return member;
    }

    public PagingModel? BindPaging(YamlNode node, EquatableArray<ParameterModel> parameters, ResponseModel response)
    {
        var map = _context.Mapping(node, "paging", SpecKeys.Paging);
        if (map is null)
        {
            return null;
        }

        var offsetNode = _context.RequiredScalar(map, "offset", "paging");
        var itemsNode = _context.RequiredScalar(map, "items", "paging");
        var limitNode = map["limit"] is { } l ? _context.Scalar(l, "limit") : null;
        var totalNode = map["total"] is { } t ? _context.Scalar(t, "total") : null;
        if (offsetNode is null || itemsNode is null)
        {
            return null;
        }

        PropertyModel? Query(YamlScalarNode name)
        {
            var parameter = parameters.FirstOrDefault(p => p.In == ParameterLocation.Query && p.Property.JsonName == name.Value);
            if (parameter is null || parameter.Property.Type.Kind is not (TypeKind.Int32 or TypeKind.Int64) || parameter.Property.Required)
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, name, name.Value == offsetNode.Value ? "offset" : "limit", name.Value, "name an optional integer query parameter");
                return null;
            }

            return parameter.Property;
        }

        var offset = Query(offsetNode);
        var limit = limitNode is null ? null : Query(limitNode);
        var items = response.Properties.FirstOrDefault(p => p.JsonName == itemsNode.Value);
        if (items is null || items.Type.Kind != TypeKind.Array)
        {
            _context.Report(DiagnosticDescriptors.InvalidValue, itemsNode, "items", itemsNode.Value, "name an array member of the success response");
            return null;
        }

        PropertyModel? total = null;
        if (totalNode is not null)
        {
            total = response.Properties.FirstOrDefault(p => p.JsonName == totalNode.Value);
            if (total is null || total.Type.Kind is not (TypeKind.Int32 or TypeKind.Int64))
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, totalNode, "total", totalNode.Value, "name an integer member of the success response");
                return null;
            }
        }

        return offset is null || (limitNode is not null && limit is null) ? null : new PagingModel(offset.Name, limit?.Name, items.Name, total?.Name);
    }
}
