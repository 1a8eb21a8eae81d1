using System;
using System.Collections.Generic;
using System.Threading;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Model;
using ApigGen.Generator.Parsing;

namespace ApigGen.Generator.Binding;

/// <summary>
/// Turns one spec's YAML nodes into a <see cref="SpecFileModel"/>, reporting every problem as a diagnostic at its
/// YAML position and carrying on, so one run reports all the problems of a file. This part reads the file and its
/// namespace; schemas and members (<see cref="SchemaBinder"/>), types (<see cref="TypeBinder"/>), rules and paging
/// (<see cref="RuleBinder"/>) and the operation (<see cref="OperationBinder"/>) are bound by their own classes, each
/// reporting through the file's <see cref="BindContext"/>.
/// </summary>
internal static class SpecBinder
{
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
            var result = (bind ?? Bind)(input, options, cancellationToken);
            // Under a C# older than generated code needs the spec is still checked, but its model is withheld: nothing is
            // emitted (the project's one APIG0005 says why).
            return options.OlderLanguageVersion is null || result.Model is null ? result : result with { Model = null };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug of ours must never take the compiler down (CS8785 would hide every spec's output).
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.FileStart(input.Path), ex.GetType().Name + ": " + ex.Message);
            return new BindResult(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }), CrossFileKeys.None(input));
        }
    }

    public static BindResult Bind(SpecInputModel input, GlobalOptionsModel options, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        // IsNullOrWhiteSpace rather than Trim(): the same test, without a copy of the whole file.
        if (string.IsNullOrWhiteSpace(input.Text) || IsOnlyComments(input.Text))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyFile, LocationInfo.FileStart(input.Path)));
            return new BindResult(null, diagnostics.ToEquatableArray(), CrossFileKeys.None(input));
        }

        var root = YamlDocumentReader.Read(input.Path, input.Text, diagnostics, cancellationToken);
        if (root is null)
        {
            return new BindResult(null, diagnostics.ToEquatableArray(), CrossFileKeys.None(input));
        }

        return BindFile(root, input, options, new BindContext(input.Path, diagnostics, cancellationToken));
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

    private static BindResult BindFile(YamlNode root, SpecInputModel input, GlobalOptionsModel options, BindContext context)
    {
        var errorsBefore = context.CountErrors();
        var top = context.Mapping(root, "the spec", SpecKeys.Top);
        if (top is null)
        {
            return Result(context, null, CrossFileKeys.None(input));
        }

        var ns = ResolveNamespace(top, input, options, context);
        var references = new SchemaReferences(context, ns);
        var types = new TypeBinder(context, references);
        var rules = new RuleBinder(context);
        var members = new SchemaBinder(context, types, rules);
        var schemaKeys = new List<SchemaDefinitionKey>();
        var schemas = new List<SchemaModel>();
        var schemaMap = top["schemas"] is { } schemasNode ? context.Mapping(schemasNode, "schemas", null) : null;
        if (schemaMap is not null)
        {
            // Named enums first, so that a member referring to one, anywhere in the file, gets its enum type; the
            // schemas keep the file's order.
            var bound = new SchemaModel?[schemaMap.Entries.Length];
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i < bound.Length; i++)
                {
                    var entry = schemaMap.Entries[i];
                    if ((entry.Value is YamlMappingNode definition && definition["enum"] is not null) != (pass == 0))
                    {
                        continue;
                    }

                    context.CancellationToken.ThrowIfCancellationRequested();
                    bound[i] = members.BindSchema(entry.Key, entry.Value);
                    if (pass == 1 || bound[i] is not null)
                    {
                        // An enum schema with errors is left out: a reference to it is then no follow-on error.
                        types.LocalSchemas[entry.Key.Value] = bound[i]?.Enum;
                    }
                }
            }

            for (var i = 0; i < bound.Length; i++)
            {
                var entry = schemaMap.Entries[i];
                if (bound[i] is { } schema)
                {
                    schemas.Add(schema);
                }

                schemaKeys.Add(new SchemaDefinitionKey(entry.Key.Value, ns, bound[i], SpecPositions.Locate(input.Path, entry.Key)));
            }
        }

        OperationModel? operation = null;
        OperationKey? operationKey = null;
        string? formSchema = null;
        if (top["operation"] is { } operationNode)
        {
            var operationBinder = new OperationBinder(context, references, members, rules);
            operation = operationBinder.Bind(operationNode, schemas, schemaMap);
            formSchema = operationBinder.FormSchema;
            if (operation is not null && context.Mapping(operationNode, "operation", null)?["id"] is { } idNode)
            {
                operationKey = new OperationKey(operation.Id, ns, SpecPositions.Locate(input.Path, idNode));
            }
        }
        else if (schemaKeys.Count == 0)
        {
            // A file of shared schemas needs no operation, even when its schemas have errors of their own (those are
            // reported where they are; a missing 'operation' on top would only mislead).
            context.Report(DiagnosticDescriptors.MissingKey, root, "the spec", "operation");
        }

        FormRules.CheckFileMembers(context, schemaMap, formSchema);
        var keys = new CrossFileKeys(input.Path, input.HintName, schemaKeys.ToEquatableArray(), references.ToEquatableArray(), operationKey);
        if (context.CountErrors() > errorsBefore)
        {
            // Errors: generate nothing from this file (its diagnostics say why), but keep its definitions known so
            // that other specs referring to them are not flooded with follow-on errors.
            return Result(context, null, keys);
        }

        return Result(context, new SpecFileModel(input.HintName, ns, operation, schemas.ToEquatableArray()), keys);
    }

    private static BindResult Result(BindContext context, SpecFileModel? model, CrossFileKeys keys) => new(model, context.Diagnostics.ToEquatableArray(), keys);

    private static string ResolveNamespace(YamlMappingNode top, SpecInputModel input, GlobalOptionsModel options, BindContext context)
    {
        if (top["namespace"] is { } node && context.Scalar(node, "namespace") is { } value)
        {
            if (Naming.IsNamespace(value.Value))
            {
                return value.Value;
            }

            context.Report(DiagnosticDescriptors.InvalidValue, node, "namespace", value.Value, "a namespace is dot-separated C# identifiers, none of them a keyword, and not ApigGen (the runtime's own)");
        }

        if (input.NamespaceOption?.Trim() is { } fileNamespace && Naming.IsNamespace(fileNamespace))
        {
            return fileNamespace;
        }

        return options.ProjectNamespace;
    }
}
