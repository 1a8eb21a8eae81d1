using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace ApigGen.Fuzz.Responses;

/// <summary>What the fuzzer knows of an operation from its spec: the success status, its body shape, the documented errors.</summary>
internal sealed class OperationShape
{
    private readonly YamlMappingNode? _schemas;
    private readonly YamlMappingNode? _successProperties;

    /// <summary>The values of a success body that is one map (<c>additionalProperties</c> on the response).</summary>
    private readonly YamlMappingNode? _successValues;

    public OperationShape(string specText)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(specText));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var operation = (YamlMappingNode)root["operation"];
        Id = ((YamlScalarNode)operation["id"]).Value!;
        _schemas = root.Children.TryGetValue(new YamlScalarNode("schemas"), out var schemas) ? schemas as YamlMappingNode : null;
        var responses = (YamlMappingNode)operation["responses"];
        var success = responses.Children.First();
        SuccessStatus = int.Parse(((YamlScalarNode)success.Key).Value!, System.Globalization.CultureInfo.InvariantCulture);
        if (success.Value is YamlMappingNode response)
        {
            if (response.Children.TryGetValue(new YamlScalarNode("properties"), out var properties))
            {
                _successProperties = properties as YamlMappingNode;
            }
            else if (response.Children.TryGetValue(new YamlScalarNode("schema"), out var schema))
            {
                _successProperties = PropertiesOf(((YamlScalarNode)schema).Value!);
            }
            else if (response.Children.TryGetValue(new YamlScalarNode("additionalProperties"), out var values))
            {
                _successValues = values as YamlMappingNode;
            }
        }

        if (operation.Children.TryGetValue(new YamlScalarNode("errors"), out var errors) && errors is YamlMappingNode errorMap)
        {
            foreach (var error in errorMap.Children)
            {
                var code = error.Value is YamlMappingNode e && e.Children.TryGetValue(new YamlScalarNode("code"), out var c) ? ((YamlScalarNode)c).Value : null;
                var message = error.Value is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("message"), out var t) ? ((YamlScalarNode)t).Value : null;
                Errors.Add((int.Parse(((YamlScalarNode)error.Key).Value!, System.Globalization.CultureInfo.InvariantCulture), code ?? "APIG.9999", message ?? "error"));
            }
        }
    }

    public string Id { get; }

    public int SuccessStatus { get; }

    /// <summary>True when the success response has a JSON body.</summary>
    public bool HasBody => _successProperties is not null || _successValues is not null;

    public List<(int Status, string Code, string Message)> Errors { get; } = new();

    /// <summary>A valid success body: every mandatory member, a random choice of the optional ones, values of their types.</summary>
    public JNode ValidBody(Prng random) =>
        _successValues is not null ? Map(_successValues, random, 0)
        : _successProperties is null ? new JObject() : Object(_successProperties, random, 0);

    /// <summary>A map (<c>additionalProperties</c>): up to three entries with keys a client must keep as sent.</summary>
    private JObject Map(YamlMappingNode? values, Prng random, int depth)
    {
        var result = new JObject();
        var keys = new[] { "k1", "", "中文 key", "a.b", "K1" };
        for (var i = random.Next(4); i > 0; i--)
        {
            result.Members.Add(new(keys[i], Value(values, random, depth + 1)));
        }

        return result;
    }

    /// <summary>A free-form value (<c>type: any</c>): any JSON.</summary>
    private static JNode Any(Prng random) =>
        JRaw.Text(random.Pick(new[] { "{\"a\":[1,\"x\",null,{\"b\":true}]}", "[]", "\"text\"", "-0.5e3", "false", "{}" }));

    private YamlMappingNode? PropertiesOf(string schemaName) =>
        _schemas is not null && _schemas.Children.TryGetValue(new YamlScalarNode(schemaName), out var schema) && schema is YamlMappingNode s
        && s.Children.TryGetValue(new YamlScalarNode("properties"), out var properties) ? properties as YamlMappingNode : null;

    private JObject Object(YamlMappingNode properties, Prng random, int depth)
    {
        var result = new JObject();
        foreach (var member in properties.Children)
        {
            var spec = member.Value as YamlMappingNode;
            var required = spec is not null && Scalar(spec, "required") == "true";
            if (required || (depth < 4 && !random.OneIn(3)))
            {
                result.Members.Add(new(((YamlScalarNode)member.Key).Value!, Value(spec, random, depth)));
            }
        }

        return result;
    }

    private JNode Value(YamlMappingNode? spec, Prng random, int depth)
    {
        if (spec is null)
        {
            return JRaw.Text("null");
        }

        if (Scalar(spec, "schema") is { } schemaName)
        {
            return PropertiesOf(schemaName) is { } properties && depth < 6 ? Object(properties, random, depth + 1) : new JObject();
        }

        if (spec.Children.TryGetValue(new YamlScalarNode("enum"), out var enumNode) && enumNode is YamlSequenceNode values && values.Children.Count > 0)
        {
            var value = ((YamlScalarNode)values.Children[random.Next(values.Children.Count)]).Value!;
            return Scalar(spec, "type") == "integer" ? JRaw.Text(value) : JRaw.String(value);
        }

        switch (Scalar(spec, "type"))
        {
            case "integer":
                var min = long.TryParse(Scalar(spec, "minimum"), out var lo) ? lo : 0;
                var max = long.TryParse(Scalar(spec, "maximum"), out var hi) ? hi : (Scalar(spec, "format") == "int64" ? 5_000_000_000 : 1000);
                return JRaw.Number(min + (long)(random.NextUInt64() % (ulong)Math.Max(1, max - min + 1)));
            case "number":
                return JRaw.Text(random.OneIn(2) ? "1.5" : "-0.25e2");
            case "boolean":
                return JRaw.Text(random.OneIn(2) ? "true" : "false");
            case "array":
                var array = new JArray();
                var items = spec.Children.TryGetValue(new YamlScalarNode("items"), out var itemSpec) ? itemSpec as YamlMappingNode : null;
                for (var i = random.Next(4); i > 0; i--)
                {
                    array.Items.Add(Value(items, random, depth + 1));
                }

                return array;
            case "object" when spec.Children.TryGetValue(new YamlScalarNode("additionalProperties"), out var valueSpec):
                return depth < 6 ? Map(valueSpec as YamlMappingNode, random, depth) : new JObject();
            case "any":
                return Any(random);
            default:
                if (Scalar(spec, "format") == "date-time")
                {
                    return JRaw.String(random.Pick(new[] { "2026-01-01T00:00:00Z", "2026-06-30T12:34:56.789+08:00", "2026-01-01T00:00:00", "2026-01-01" }));
                }

                return JRaw.String(random.Pick(new[] { "value", "", "中文", "a b/c" }));
        }
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;
}
