using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace ApigGen.Simulator.SpecApi;

/// <summary>
/// The operations and schemas of a set of <c>*.apig.yaml</c> specs. <see cref="Default"/> holds the repository's
/// catalogue (<c>specs/**/*.apig.yaml</c>), embedded into the simulator when it is built, so a spec added to any
/// family folder is served with no change here. Schemas are global by name: the generator already requires two
/// files that define one name to define it identically.
/// </summary>
public sealed class SpecCatalogue
{
    private const string ResourcePrefix = "ApigGen.Simulator.Specs/";
    private const string PathPrefix = "/v2/{project_id}/apigw/";
    private static readonly Lazy<SpecCatalogue> LazyDefault = new(LoadEmbedded);

    private readonly Dictionary<string, SpecSchema> _schemas;

    /// <summary>Named enums (schemas with <c>enum</c>) by name: a value that refers to one takes its type and known values.</summary>
    private readonly Dictionary<string, SpecValue> _enums;
    private readonly Dictionary<string, SpecOperation> _operations;

    private SpecCatalogue(Dictionary<string, SpecOperation> operations, Dictionary<string, SpecSchema> schemas, Dictionary<string, SpecValue> enums)
    {
        _enums = enums;
        _operations = operations;
        _schemas = schemas;
    }

    /// <summary>The repository's catalogue, read once from the embedded specs.</summary>
    public static SpecCatalogue Default => LazyDefault.Value;

    /// <summary>Every operation, ordered by family and id.</summary>
    public IReadOnlyList<SpecOperation> Operations => _operations.Values.OrderBy(o => o.Family, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();

    /// <summary>Every named schema.</summary>
    public IReadOnlyDictionary<string, SpecSchema> Schemas => _schemas;

    /// <summary>An operation by id, or null.</summary>
    public SpecOperation? Find(string id) => _operations.TryGetValue(id, out var operation) ? operation : null;

    /// <summary>A schema by name; throws when no spec defines it.</summary>
    public SpecSchema Schema(string name) =>
        _schemas.TryGetValue(name, out var schema) ? schema : throw new KeyNotFoundException("No spec defines the schema " + name);

    /// <summary>Reads specs from their texts.</summary>
    /// <param name="specs">Each spec's family folder (empty for none), a name for messages, and its YAML text.</param>
    /// <param name="baseCatalogue">Operations and schemas to start from; an operation of <paramref name="specs"/> with the same id replaces its.</param>
    public static SpecCatalogue Load(IEnumerable<(string Family, string Name, string Yaml)> specs, SpecCatalogue? baseCatalogue = null)
    {
        var operations = baseCatalogue is null ? new Dictionary<string, SpecOperation>(StringComparer.Ordinal) : new Dictionary<string, SpecOperation>(baseCatalogue._operations, StringComparer.Ordinal);
        var schemas = baseCatalogue is null ? new Dictionary<string, SpecSchema>(StringComparer.Ordinal) : new Dictionary<string, SpecSchema>(baseCatalogue._schemas, StringComparer.Ordinal);
        var enums = baseCatalogue is null ? new Dictionary<string, SpecValue>(StringComparer.Ordinal) : new Dictionary<string, SpecValue>(baseCatalogue._enums, StringComparer.Ordinal);
        var roots = new List<(string Family, string Name, YamlMappingNode Root)>();
        foreach (var (family, name, yaml) in specs)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                continue;
            }

            roots.Add((family, name, root));

            // Named enums first: a member of any file may refer to one.
            foreach (var (key, node) in (Child(root, "schemas") as YamlMappingNode)?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            {
                if (node is YamlMappingNode definition && Child(definition, "enum") is not null)
                {
                    enums.TryAdd(((YamlScalarNode)key).Value!, ReadValue(string.Empty, definition, null, enums));
                }
            }
        }

        foreach (var (family, name, root) in roots)
        {
            if (Child(root, "schemas") is YamlMappingNode schemaNodes)
            {
                foreach (var (key, node) in schemaNodes.Children)
                {
                    var schemaName = ((YamlScalarNode)key).Value!;
                    if (!enums.ContainsKey(schemaName))
                    {
                        schemas.TryAdd(schemaName, ReadSchema(schemaName, (YamlMappingNode)node, enums));
                    }
                }
            }

            if (Child(root, "operation") is YamlMappingNode operationNode)
            {
                var operation = ReadOperation(family, name, operationNode, schemas, enums);
                operations[operation.Id] = operation;
            }
        }

        // Operations that take their response members from a schema another file defines.
        foreach (var operation in operations.Values.Where(o => o.ResponseSchema is not null && o.ResponseProperties.Count == 0).ToList())
        {
            if (schemas.TryGetValue(operation.ResponseSchema!, out var schema))
            {
                operations[operation.Id] = Copy(operation, schema.Properties);
            }
        }

        return new SpecCatalogue(operations, schemas, enums);
    }

    private static SpecOperation Copy(SpecOperation o, IReadOnlyList<SpecValue> responseProperties) => new()
    {
        Id = o.Id, Family = o.Family, Method = o.Method, Path = o.Path, Auth = o.Auth, Parameters = o.Parameters, BodySchema = o.BodySchema,
        BodyRequired = o.BodyRequired, SuccessStatus = o.SuccessStatus, ResponseProperties = responseProperties, ResponseSchema = o.ResponseSchema, ResponseValues = o.ResponseValues,
        HasResponseBody = o.HasResponseBody, Paging = o.Paging, Segments = o.Segments, Source = o.Source,
        BodyContentType = o.BodyContentType, BinaryResponse = o.BinaryResponse, ResponseHeaders = o.ResponseHeaders,
    };

    private static SpecCatalogue LoadEmbedded()
    {
        var assembly = typeof(SpecCatalogue).Assembly;
        var specs = new List<(string, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            var relative = resource[ResourcePrefix.Length..].Replace('\\', '/');
            var slash = relative.LastIndexOf('/');
            var family = slash < 0 ? string.Empty : relative[..slash];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            specs.Add((family, "specs/" + relative, reader.ReadToEnd()));
        }

        return Load(specs);
    }

    private static SpecOperation ReadOperation(string family, string source, YamlMappingNode node, Dictionary<string, SpecSchema> schemas, Dictionary<string, SpecValue> enums)
    {
        var path = Text(node, "path") ?? string.Empty;
        if (!path.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException(source + ": the path does not start with " + PathPrefix);
        }

        var parameters = Child(node, "parameters") is YamlSequenceNode list
            ? list.Children.OfType<YamlMappingNode>().Select(p => ReadValue(Text(p, "name") ?? string.Empty, p, Text(p, "in"), enums)).ToList()
            : new List<SpecValue>();
        string? bodySchema = null;
        var bodyRequired = false;
        var bodyContentType = "application/json";
        if (Child(node, "body") is YamlMappingNode body)
        {
            bodySchema = Text(body, "schema");
            bodyRequired = Text(body, "required") != "false";
            bodyContentType = Text(body, "contentType")?.ToLowerInvariant() ?? bodyContentType;
        }

        var binaryResponse = false;
        IReadOnlyList<SpecValue> responseHeaders = Array.Empty<SpecValue>();

        var status = 200;
        IReadOnlyList<SpecValue> responseProperties = Array.Empty<SpecValue>();
        string? responseSchema = null;
        SpecValue? responseValues = null;
        var hasBody = false;
        if (Child(node, "responses") is YamlMappingNode responses)
        {
            foreach (var (key, value) in responses.Children)
            {
                status = int.Parse(((YamlScalarNode)key).Value!, CultureInfo.InvariantCulture);
                if (value is YamlMappingNode response)
                {
                    binaryResponse = Text(response, "content") == "binary";
                    if (Child(response, "headers") is YamlMappingNode headers)
                    {
                        responseHeaders = ReadProperties(headers, enums);
                    }

                    responseSchema = Text(response, "schema");
                    if (Child(response, "properties") is YamlMappingNode properties)
                    {
                        responseProperties = ReadProperties(properties, enums);
                        hasBody = true;
                    }
                    else if (Child(response, "additionalProperties") is YamlMappingNode values)
                    {
                        responseValues = ReadValue(string.Empty, values, null, enums);
                        hasBody = true;
                    }
                    else if (responseSchema is not null)
                    {
                        hasBody = true;
                        responseProperties = schemas.TryGetValue(responseSchema, out var schema) ? schema.Properties : Array.Empty<SpecValue>();
                    }
                }
            }
        }

        SpecPaging? paging = null;
        if (Child(node, "paging") is YamlMappingNode p2)
        {
            paging = new SpecPaging(Text(p2, "offset") ?? "offset", Text(p2, "limit") ?? "limit", Text(p2, "items") ?? string.Empty, Text(p2, "total") ?? "total");
        }

        var auth = Child(node, "auth") is YamlSequenceNode authList ? authList.Children.Select(a => ((YamlScalarNode)a).Value!).ToList() : new List<string> { "token", "aksk" };
        return new SpecOperation
        {
            Id = Text(node, "id") ?? string.Empty,
            Family = family,
            Method = (Text(node, "method") ?? "GET").ToUpperInvariant(),
            Path = path,
            Auth = auth,
            Parameters = parameters,
            BodySchema = bodySchema,
            BodyRequired = bodySchema is not null && bodyRequired,
            SuccessStatus = status,
            ResponseProperties = responseProperties,
            ResponseSchema = responseSchema,
            ResponseValues = responseValues,
            HasResponseBody = hasBody && status != 204,
            Paging = paging,
            BodyContentType = bodyContentType,
            BinaryResponse = binaryResponse && status != 204,
            ResponseHeaders = responseHeaders,
            Segments = path[PathPrefix.Length..].Split('/'),
            Source = source,
        };
    }

    private static SpecSchema ReadSchema(string name, YamlMappingNode node, Dictionary<string, SpecValue> enums)
    {
        var rules = new List<SpecRule>();
        if (Child(node, "rules") is YamlSequenceNode ruleNodes)
        {
            foreach (var rule in ruleNodes.Children.OfType<YamlMappingNode>())
            {
                if (Child(rule, "when") is YamlMappingNode when && Child(rule, "require") is YamlSequenceNode require)
                {
                    rules.Add(new SpecRule(Text(when, "member") ?? string.Empty, Text(when, "equals") ?? string.Empty, require.Children.Select(r => ((YamlScalarNode)r).Value!).ToList()));
                }
            }
        }

        return new SpecSchema
        {
            Name = name,
            Properties = Child(node, "properties") is YamlMappingNode properties ? ReadProperties(properties, enums) : Array.Empty<SpecValue>(),
            Rules = rules,
        };
    }

    private static List<SpecValue> ReadProperties(YamlMappingNode properties, Dictionary<string, SpecValue> enums) =>
        properties.Children.Select(p => ReadValue(((YamlScalarNode)p.Key).Value!, p.Value as YamlMappingNode ?? new YamlMappingNode(), null, enums)).ToList();

    /// <param name="name">The JSON or parameter name (empty for items, map values and enum definitions).</param>
    /// <param name="node">The value's definition.</param>
    /// <param name="location">For a parameter: where it goes.</param>
    /// <param name="enums">Named enums by name: <c>schema:</c> naming one gives its type, format and known values.</param>
    private static SpecValue ReadValue(string name, YamlMappingNode node, string? location, Dictionary<string, SpecValue> enums)
    {
        var values = Child(node, "additionalProperties") switch
        {
            YamlMappingNode map => ReadValue(string.Empty, map, null, enums),
            _ => null,
        };
        var schema = Text(node, "schema");
        var named = schema is not null && enums.TryGetValue(schema, out var found) ? found : null;
        var type = named?.Type ?? Text(node, "type");
        if (type is null && values is not null)
        {
            type = "object";
        }

        return new SpecValue
        {
            Name = name,
            In = location,
            Type = type,
            Format = named is null ? Text(node, "format") : named.Format,
            Schema = named is null ? schema : null,
            Items = Child(node, "items") is YamlMappingNode items ? ReadValue(string.Empty, items, null, enums) : null,
            Values = values,
            Enum = named?.Enum ?? (Child(node, "enum") is YamlSequenceNode e ? e.Children.Select(v => ((YamlScalarNode)v).Value ?? string.Empty).ToList() : null),
            Required = Text(node, "required") == "true",
            MinLength = Int(node, "minLength"),
            MaxLength = Int(node, "maxLength"),
            Pattern = Text(node, "pattern"),
            Minimum = Dec(node, "minimum"),
            Maximum = Dec(node, "maximum"),
            MinItems = Int(node, "minItems"),
            MaxItems = Int(node, "maxItems"),
        };
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Text(YamlMappingNode node, string key) => Child(node, key) is YamlScalarNode scalar ? scalar.Value : null;

    private static int? Int(YamlMappingNode node, string key) =>
        Text(node, key) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static decimal? Dec(YamlMappingNode node, string key) =>
        Text(node, key) is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
