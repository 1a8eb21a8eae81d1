using System;
using System.Collections.Generic;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>
/// Where <c>type: file</c> may stand: only among the members of the schema a <c>multipart/form-data</c> body of the same
/// file names (<see cref="CheckFileMembers"/>); and what that schema's members may be (<see cref="CheckFormParts"/>).
/// Both report at the YAML node of the offending member.
/// </summary>
internal static class FormRules
{
    private const string FileOutsideForm = "a file is a part of a multipart/form-data body: only the schema that this file's operation names in body: { contentType: multipart/form-data, schema: Name } may have file members";

    /// <summary>
    /// Reports every <c>type: file</c> (also as array items) in the schemas of this file other than <paramref name="formSchema"/>.
    /// Read from the YAML, so that schemas with errors of their own are covered too.
    /// </summary>
    public static void CheckFileMembers(BindContext context, YamlMappingNode? schemaMap, string? formSchema)
    {
        if (schemaMap is null)
        {
            return;
        }

        foreach (var entry in schemaMap.Entries)
        {
            if (entry.Key.Value != formSchema && entry.Value is YamlMappingNode definition)
            {
                ReportFileTypes(context, definition["properties"]);
            }
        }
    }

    /// <summary>Reports every <c>type: file</c> among the members of a <c>properties</c> mapping (and their array items).</summary>
    public static void ReportFileTypes(BindContext context, YamlNode? properties)
    {
        if (properties is not YamlMappingNode map)
        {
            return;
        }

        foreach (var member in map.Entries)
        {
            ReportFileType(context, member.Value, 0);
        }
    }

    /// <summary>Reports <c>type: file</c> in one member definition or its array items; true when there was one.</summary>
    public static bool ReportFileType(BindContext context, YamlNode definition, int depth)
    {
        if (definition is not YamlMappingNode map || depth > 5)
        {
            return false;
        }

        if (map["type"] is YamlScalarNode { Value: "file" } type)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, type, "type", "file", FileOutsideForm);
            return true;
        }

        return map["items"] is { } items && ReportFileType(context, items, depth + 1);
    }

    /// <summary>
    /// Checks the members of a multipart body's schema: each is a file or a text field (string, integer, number, boolean,
    /// date-time or enum). False, reported at the member's <c>type</c> (or <c>schema</c>) node, when one is anything else.
    /// </summary>
    public static bool CheckFormParts(BindContext context, SchemaModel schema, YamlMappingNode definition)
    {
        var ok = true;
        var properties = definition["properties"] as YamlMappingNode;
        foreach (var property in schema.Properties)
        {
            if (property.Type.Kind is TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Number or TypeKind.Boolean or TypeKind.DateTime or TypeKind.Enum or TypeKind.File)
            {
                continue;
            }

            YamlNode at = definition;
            if (properties?[property.JsonName] is YamlMappingNode member)
            {
                at = member["type"] ?? member["schema"] ?? member["additionalProperties"] ?? member;
            }

            context.Report(
                DiagnosticDescriptors.InvalidValue,
                at,
                "type",
                TypeBinder.Describe(property.Type),
                "a part of a multipart/form-data body is a file (type: file) or a text field (string, integer, number, boolean or enum)");
            ok = false;
        }

        if (schema.Properties.Count == 0)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, definition, "properties", "{}", "a multipart/form-data body needs at least one part");
            ok = false;
        }

        return ok;
    }

    /// <summary>Whether the type is a file, or an array of them at any depth.</summary>
    public static bool HasFile(TypeModel type) => type.Kind == TypeKind.File || (type.Items is { } items && HasFile(items));

    /// <summary>Whether any member of <paramref name="properties"/> is a file.</summary>
    public static bool HasFileMember(IReadOnlyList<PropertyModel> properties)
    {
        foreach (var property in properties)
        {
            if (HasFile(property.Type))
            {
                return true;
            }
        }

        return false;
    }
}
