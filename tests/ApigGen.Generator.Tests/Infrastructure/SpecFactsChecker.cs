using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace ApigGen.Generator.Tests.Infrastructure;

/// <summary>
/// Checks one catalogue spec against the facts (<see cref="Facts"/>): method, path, parameters (name, in, type,
/// required, enum values, order), body schema name, and every member of every schema and of the success response
/// (JSON name, type, format, required, enum values, the constraints the facts state, nested schema names). A spec may
/// say more than the facts (an enum on a plain string, a constraint the facts lack); it may not contradict them.
/// Each difference is one line: <c>file(line,column): what differs</c>. The file is parsed once.
/// </summary>
internal sealed class SpecFactsChecker
{
    /// <summary>Headers a spec may declare (so a doc page maps 1:1) that the client's options and credentials cover.</summary>
    private static readonly HashSet<string> CoveredHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Auth-Token", "Authorization", "X-Sdk-Date", "X-Project-Id", "X-Security-Token", "Host", "Content-Type",
    };

    /// <summary>Facts constraint → spec key.</summary>
    private static readonly (string Fact, string Spec)[] Constraints =
    {
        ("min_length", "minLength"), ("max_length", "maxLength"), ("minimum", "minimum"), ("maximum", "maximum"), ("default", "default"),
    };

    private readonly string _name;
    private readonly string _text;
    private readonly List<string> _problems = new();

    /// <summary>The file's named enums (schemas with <c>enum</c>), by name: a member that refers to one has its type and values.</summary>
    private readonly Dictionary<string, YamlMappingNode> _enums = new(StringComparer.Ordinal);

    /// <param name="name">The file as reported (<c>specs/family/Op.apig.yaml</c>); its file name is the operation id.</param>
    /// <param name="text">The spec's text.</param>
    public SpecFactsChecker(string name, string text)
    {
        _name = name;
        _text = text;
    }

    /// <summary>Every difference between the spec and the facts (empty when they agree).</summary>
    public IReadOnlyList<string> Run()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(_text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        NoCSharpNames(root);
        var schemas = Child(root, "schemas") as YamlMappingNode;
        foreach (var (key, value) in schemas?.Children ?? (IEnumerable<KeyValuePair<YamlNode, YamlNode>>)Array.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (value is YamlMappingNode definition && Child(definition, "enum") is not null)
            {
                _enums[((YamlScalarNode)key).Value!] = definition;
            }
        }

        var fileId = Path.GetFileName(_name);
        fileId = fileId.EndsWith(Catalogue.Suffix, StringComparison.Ordinal) ? fileId[..^Catalogue.Suffix.Length] : fileId;
        if (Child(root, "operation") is not YamlMappingNode operation)
        {
            Problem(root, "no operation: a catalogue spec describes one");
            return _problems;
        }

        var id = Scalar(operation, "id");
        if (id != fileId)
        {
            Problem(Child(operation, "id") ?? operation, $"operation id '{id}' is not the file name '{fileId}'");
        }

        if (!Facts.Operations.TryGetValue(fileId, out var facts))
        {
            Problem(operation, $"the facts have no operation '{fileId}'");
            return _problems;
        }

        Same(Child(operation, "method") ?? operation, "method", Scalar(operation, "method")?.ToUpperInvariant(), Facts.String(facts, "method"));
        Same(Child(operation, "path") ?? operation, "path", Scalar(operation, "path"), Facts.String(facts, "path"));
        CheckParameters(operation, facts);
        CheckBody(operation, facts);
        CheckResponse(operation, facts, schemas);
        if (schemas is not null)
        {
            foreach (var (key, value) in schemas.Children)
            {
                var schemaName = ((YamlScalarNode)key).Value!;
                if (_enums.ContainsKey(schemaName))
                {
                    // A named enum is no model of the facts: its values are checked at every member that refers to it.
                    continue;
                }

                if (!Facts.Models.TryGetValue(schemaName, out var model))
                {
                    Problem(key, $"schema '{schemaName}' is no model of the facts");
                }
                else
                {
                    CheckMembers("schema " + schemaName, value as YamlMappingNode, key, model);
                }
            }
        }

        return _problems;
    }

    private void CheckParameters(YamlMappingNode operation, JsonElement facts)
    {
        var declared = new List<(string Name, YamlMappingNode Node)>();
        if (Child(operation, "parameters") is YamlSequenceNode parameters)
        {
            foreach (var node in parameters.Children.OfType<YamlMappingNode>())
            {
                var name = Scalar(node, "name") ?? string.Empty;
                var location = Scalar(node, "in");
                if ((location == "path" && name == "project_id") || (location == "header" && CoveredHeaders.Contains(name)))
                {
                    continue;
                }

                declared.Add((name, node));
            }
        }

        var expected = facts.GetProperty("params").EnumerateArray().ToList();
        var expectedNames = expected.Select(p => Facts.String(p, "name")!).ToList();
        var at = (YamlNode?)Child(operation, "parameters") ?? operation;
        foreach (var (name, node) in declared.Where(d => !expectedNames.Contains(d.Name)))
        {
            Problem(node, $"parameter '{name}' is not in the facts (they list: {string.Join(", ", expectedNames)})");
        }

        foreach (var missing in expectedNames.Where(n => declared.All(d => d.Name != n)))
        {
            Problem(at, $"parameter '{missing}' of the facts is missing");
        }

        var commonDeclared = declared.Select(d => d.Name).Where(expectedNames.Contains).ToList();
        var commonExpected = expectedNames.Where(commonDeclared.Contains).ToList();
        if (!commonDeclared.SequenceEqual(commonExpected))
        {
            Problem(at, $"parameter order is {string.Join(", ", commonDeclared)}; the facts (the order the SDKs send query parameters in) say {string.Join(", ", commonExpected)}");
        }

        foreach (var (name, node) in declared)
        {
            var fact = expected.FirstOrDefault(p => Facts.String(p, "name") == name);
            if (fact.ValueKind == JsonValueKind.Undefined)
            {
                continue;
            }

            Same(node, $"parameter '{name}': in", Scalar(node, "in"), Facts.String(fact, "in"));
            CheckMember($"parameter '{name}'", node, fact);
        }
    }

    private void CheckBody(YamlMappingNode operation, JsonElement facts)
    {
        var body = Child(operation, "body") as YamlMappingNode;
        var expected = Facts.String(facts, "body");
        if (body is null && expected is not null)
        {
            Problem(operation, $"no body; the facts give the body schema '{expected}'");
        }
        else if (body is not null && expected is null)
        {
            Problem(body, "a body; the facts say the operation has none");
        }
        else if (body is not null)
        {
            Same(Child(body, "schema") ?? body, "body schema", Scalar(body, "schema"), expected);
            var contentType = Scalar(body, "contentType") ?? "application/json";
            var expectedType = Facts.String(facts, "body_encoding") == "multipart" ? "multipart/form-data" : "application/json";
            Same(Child(body, "contentType") ?? body, "body contentType", contentType, expectedType);
        }
    }

    private void CheckResponse(YamlMappingNode operation, JsonElement facts, YamlMappingNode? schemas)
    {
        var response = facts.GetProperty("response");
        var kind = Facts.String(response, "body_kind");
        var success = (Child(operation, "responses") as YamlMappingNode)?.Children
            .FirstOrDefault(c => ((YamlScalarNode)c.Key).Value is { Length: 3 } code && code[0] == '2');
        if (success?.Value is not YamlMappingNode node)
        {
            Problem(operation, "no success response");
            return;
        }

        CheckHeaders(node, success.Value.Key, response);
        var properties = Child(node, "properties") as YamlMappingNode;
        var schemaName = Scalar(node, "schema");
        var map = Child(node, "additionalProperties") as YamlMappingNode;
        var binary = Scalar(node, "content") == "binary";
        var hasBody = properties is not null || schemaName is not null || map is not null || binary;
        switch (kind)
        {
            case "map" when map is null:
                Problem(success.Value.Key, $"no whole-body map (additionalProperties); the facts say the body is '{Facts.String(response, "body")}'");
                break;
            case "map":
                Same(Child(map, "schema") ?? Child(map, "type") ?? map, "response body", Canonical(node), Facts.String(response, "body"));
                break;
            case "binary-stream" when !binary:
                Problem(success.Value.Key, "no binary body (content: binary); the facts say the response is a file");
                break;
            case "binary-stream":
                break;
            case not "json-object" when map is not null || binary:
                Problem(success.Value.Key, $"a {(binary ? "binary" : "whole-body map")} response; the facts say '{kind}'");
                break;
            case "json-object" when map is not null || binary:
                Problem(success.Value.Key, $"a {(binary ? "binary" : "whole-body map")} response; the facts give the members of '{Facts.String(response, "body")}'");
                break;
            case "none" when hasBody:
                Problem(success.Value.Key, "a response body; the facts say the response has none");
                break;
            case "json-object" when !hasBody:
                Problem(success.Value.Key, $"no response body; the facts give the members of '{Facts.String(response, "body")}'");
                break;
            case "json-object":
                var model = Facts.Models[Facts.String(response, "body")!];
                if (properties is not null)
                {
                    CheckMembers("response", node, success.Value.Key, model);
                }
                else if (Child(schemas, schemaName!) is YamlMappingNode shared)
                {
                    CheckMembers("response (schema " + schemaName + ")", shared, success.Value.Key, model);
                }
                else
                {
                    Problem(Child(node, "schema")!, $"response schema '{schemaName}' is not defined in this file");
                }

                break;
        }
    }

    /// <summary>The response headers a spec declares against those the facts list: same names (case-insensitive), same types.</summary>
    private void CheckHeaders(YamlMappingNode success, YamlNode at, JsonElement response)
    {
        var declared = (Child(success, "headers") as YamlMappingNode)?.Children
            .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => c, StringComparer.OrdinalIgnoreCase) ?? new();
        var expected = response.TryGetProperty("headers", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : new();
        var names = expected.Select(h => Facts.String(h, "name")!).ToList();
        foreach (var (name, entry) in declared.Where(d => !names.Contains(d.Key, StringComparer.OrdinalIgnoreCase)))
        {
            Problem(entry.Key, $"response header '{name}' is not in the facts");
        }

        foreach (var header in expected)
        {
            var name = Facts.String(header, "name")!;
            if (!declared.TryGetValue(name, out var entry))
            {
                Problem(Child(success, "headers") ?? at, $"response header '{name}' of the facts is missing");
            }
            else
            {
                Same(Child(entry.Value, "type") ?? entry.Value, $"response header '{name}': type", Canonical(entry.Value as YamlMappingNode), Facts.String(header, "type"));
            }
        }
    }

    /// <summary>The members of a schema (or of a 200 response) against a model's fields: same JSON names, each field checked.</summary>
    private void CheckMembers(string context, YamlMappingNode? schema, YamlNode at, JsonElement model)
    {
        var properties = Child(schema, "properties") as YamlMappingNode;
        var fields = model.GetProperty("fields").EnumerateArray().ToList();
        var names = fields.Select(f => Facts.String(f, "json")!).ToList();
        var declared = properties?.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => c, StringComparer.Ordinal) ?? new();
        foreach (var (name, entry) in declared.Where(d => !names.Contains(d.Key)))
        {
            Problem(entry.Key, $"{context}: member '{name}' is not in the facts");
        }

        foreach (var field in fields)
        {
            var name = Facts.String(field, "json")!;
            if (!declared.TryGetValue(name, out var entry))
            {
                Problem((YamlNode?)properties ?? at, $"{context}: member '{name}' of the facts is missing");
            }
            else if (entry.Value is YamlMappingNode member)
            {
                CheckMember($"{context}: member '{name}'", member, field);
            }
        }
    }

    /// <summary>Type (with nested schema names), number format, required flag, enum values and constraints of one member or parameter.</summary>
    private void CheckMember(string context, YamlMappingNode node, JsonElement fact)
    {
        var type = Canonical(node);
        var expectedType = Facts.String(fact, "type");
        if (expectedType == "form-field" && type is "string" or "int32" or "int64" or "number" or "boolean")
        {
            // A text part of a multipart/form-data body: the facts say only that; the reference gives its type.
            expectedType = type;
        }

        Same(Child(node, "type") ?? Child(node, "schema") ?? node, context + ": type", type, expectedType);
        if (type == "number")
        {
            var format = Scalar(node, "format") ?? "double";
            var expected = Facts.String(fact, "format") ?? "double";
            Same(Child(node, "format") ?? node, context + ": format", format, expected);
        }

        var required = Scalar(node, "required") is { } flag && bool.Parse(flag);
        var requiredFact = fact.GetProperty("required").GetBoolean();
        if (required != requiredFact)
        {
            Problem(Child(node, "required") ?? node, $"{context}: {(required ? "required" : "optional")}; the facts say {(requiredFact ? "required" : "optional")}");
        }

        var values = Facts.Enum(fact);
        var enumNode = Child(NamedEnum(node) ?? node, "enum") ?? Child(NamedEnum(Child(node, "items")) ?? Child(node, "items"), "enum");
        if (values is not null)
        {
            var declared = (enumNode as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(v => v.Value!).ToArray();
            if (declared is null)
            {
                Problem(node, $"{context}: no enum; the facts list the values {string.Join(", ", values)}");
            }
            else if (!declared.OrderBy(v => v, StringComparer.Ordinal).SequenceEqual(values.OrderBy(v => v, StringComparer.Ordinal)))
            {
                Problem(enumNode!, $"{context}: enum values {string.Join(", ", declared)}; the facts say {string.Join(", ", values)}");
            }
        }

        foreach (var (factKey, specKey) in Constraints)
        {
            var expected = Facts.Text(fact, factKey);
            var actual = Scalar(node, specKey);
            if (expected is not null && actual is not null && !SameValue(actual, expected))
            {
                Problem(Child(node, specKey)!, $"{context}: {specKey} {actual}; the facts say {expected}");
            }
        }
    }

    /// <summary>The named enum of this file that <paramref name="node"/> refers to with <c>schema:</c>; null when it refers to none.</summary>
    private YamlMappingNode? NamedEnum(YamlNode? node) =>
        Scalar(node, "schema") is { } name && _enums.TryGetValue(name, out var definition) ? definition : null;

    /// <summary>
    /// A spec type in the facts' notation: string, date-time, int32, int64, number, boolean, array&lt;T&gt;,
    /// map&lt;string,T&gt;, a schema name, any, file. A named enum is the type it declares (the facts know no enum schemas).
    /// </summary>
    private string Canonical(YamlMappingNode? node)
    {
        if (node is null)
        {
            return "any";
        }

        if (NamedEnum(node) is { } named)
        {
            return Canonical(named);
        }

        if (Scalar(node, "schema") is { } schema)
        {
            return schema;
        }

        if (Child(node, "additionalProperties") is YamlMappingNode values)
        {
            return "map<string," + Canonical(values) + ">";
        }

        return Scalar(node, "type") switch
        {
            "string" => Scalar(node, "format") == "date-time" ? "date-time" : "string",
            "integer" => Scalar(node, "format") == "int64" ? "int64" : "int32",
            "array" => "array<" + Canonical(Child(node, "items") as YamlMappingNode) + ">",
            null => "any",
            var other => other,
        };
    }

    private static bool SameValue(string actual, string expected) =>
        string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)
        || (decimal.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e) && a == e);

    private void NoCSharpNames(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "csharpName" })
                    {
                        Problem(key, "csharpName in a catalogue spec: members keep the PascalCase of their JSON names");
                    }

                    NoCSharpNames(value);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    NoCSharpNames(item);
                }

                break;
        }
    }

    private void Same(YamlNode at, string what, string? actual, string? expected)
    {
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            Problem(at, $"{what} is '{actual}'; the facts say '{expected}'");
        }
    }

    private void Problem(YamlNode at, string message) => _problems.Add($"{_name}({at.Start.Line},{at.Start.Column}): {message}");

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
