// Tests only: reflection over the generated types stands in for one hand-written test per operation. The generated
// code itself stays reflection-free (the trimming and AOT analyzers check it in this project).
#pragma warning disable IL2026, IL2055, IL2057, IL2060, IL2067, IL2070, IL2072, IL2075, IL2080, IL2087, IL3050
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApigGen.EndToEnd.Tests.Apig;
using ApigGen.Simulator;
using ApigGen.Simulator.SpecApi;

namespace ApigGen.EndToEnd.Tests.Catalogue;

/// <summary>
/// A valid request of any catalogue operation, built from its spec with reflection over the generated request type,
/// together with what must arrive on the wire, worked out from the spec alone (JSON names, parameter places, the
/// runtime's documented value formats): the raw path, the query pairs in spec order, the headers and the body JSON.
/// Every member and parameter is filled (mandatory and optional), with values that satisfy the spec's constraints;
/// ids that the simulator keeps state for name what it starts with.
/// </summary>
internal sealed class CatalogueRequest
{
    /// <summary>Members that must name something the simulator knows, or that it checks beyond the spec.</summary>
    private static readonly Dictionary<string, Func<string>> KnownValues = new(StringComparer.Ordinal)
    {
        ["instance_id"] = () => SimulatorState.DefaultInstanceIds[0],
        ["instance_ids"] = () => SimulatorState.DefaultInstanceIds[0],
        ["certificate_id"] = () => SimulatorState.DefaultCertificateId,
        ["group_id"] = () => SpecDefaults.GroupId,
        ["api_id"] = () => SpecDefaults.ApiId,
        ["domain"] = () => SimulatorState.DefaultDomain,
    };

    /// <summary>Optional members left out: the certificate family checks them as PEM or against the algorithm.</summary>
    private static readonly HashSet<string> LeftOut = new(StringComparer.Ordinal) { "trusted_root_ca", "cert_content_sign", "private_key_sign" };

    private static readonly Assembly Generated = typeof(ApigClient).Assembly;
    private static readonly string GeneratedNamespace = typeof(ApigClient).Namespace!;
    private static readonly Lazy<(string Certificate, string Key)> Pem = new(() =>
    {
        var (certificate, key, _) = TestCertificates.Create();
        return (certificate, key);
    });

    private readonly SpecCatalogue _catalogue;

    private CatalogueRequest(SpecCatalogue catalogue, SpecOperation operation)
    {
        _catalogue = catalogue;
        Operation = operation;
    }

    public SpecOperation Operation { get; }

    /// <summary>The generated request object.</summary>
    public object Request { get; private set; } = null!;

    /// <summary>The path as it must arrive (values percent-encoded).</summary>
    public string ExpectedPath { get; private set; } = string.Empty;

    /// <summary>The decoded query pairs, in spec order.</summary>
    public List<KeyValuePair<string, string>> ExpectedQuery { get; } = new();

    /// <summary>Header parameters the operation sends.</summary>
    public Dictionary<string, string> ExpectedHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body JSON, or null for none.</summary>
    public JsonNode? ExpectedBody { get; private set; }

    /// <summary>The generated request type of an operation; throws when the generator made none.</summary>
    public static Type RequestType(string operationId) =>
        Generated.GetType(GeneratedNamespace + "." + operationId + "Request") ?? throw new InvalidOperationException("No generated request type for " + operationId);

    /// <summary>Builds a valid request of <paramref name="operation"/>.</summary>
    public static CatalogueRequest Build(SpecCatalogue catalogue, SpecOperation operation)
    {
        var built = new CatalogueRequest(catalogue, operation);
        built.Fill();
        return built;
    }

    private void Fill()
    {
        var type = RequestType(Operation.Id);
        Request = Activator.CreateInstance(type)!;
        var pathValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in Operation.Parameters)
        {
            if ((parameter.In == "path" && parameter.Name == "project_id") || (parameter.In == "header" && SpecValidator.IgnoredHeaders.Contains(parameter.Name)))
            {
                continue;
            }

            var property = Property(type, parameter.Name);
            var (value, json) = Make(parameter, property.PropertyType, parameter.Name, 0);
            property.SetValue(Request, value);
            switch (parameter.In)
            {
                case "path":
                    pathValues[parameter.Name] = QueryText(json!);
                    break;
                case "query":
                    if (json is JsonArray items)
                    {
                        ExpectedQuery.AddRange(items.Select(i => new KeyValuePair<string, string>(parameter.Name, QueryText(i!))));
                    }
                    else
                    {
                        ExpectedQuery.Add(new(parameter.Name, QueryText(json!)));
                    }

                    break;
                case "header":
                    ExpectedHeaders[parameter.Name] = QueryText(json!);
                    break;
            }
        }

        var path = new StringBuilder();
        foreach (var segment in Operation.Path.Split('/'))
        {
            if (path.Length > 0 || segment.Length > 0)
            {
                path.Append('/');
            }

            path.Append(segment switch
            {
                "{project_id}" => SimulatorState.DefaultProjectId,
                _ when segment.StartsWith('{') => Uri.EscapeDataString(pathValues[segment[1..^1]]),
                _ => segment,
            });
        }

        ExpectedPath = path.ToString();
        if (Operation.BodySchema is { } schema)
        {
            var property = Property(type, "Body");
            var (value, json) = MakeObject(_catalogue.Schema(schema), property.PropertyType, 1);
            property.SetValue(Request, value);
            ExpectedBody = json;
        }
    }

    /// <summary>The runtime's text of a query, path or header value (invariant numbers, lower-case booleans, ISO 8601 round-trip dates).</summary>
    private static string QueryText(JsonNode json)
    {
        var value = json.AsValue();
        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.TryGetValue<DateTimeOffset>(out var date) ? date.ToString("O", CultureInfo.InvariantCulture) : value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.TryGetValue<double>(out var d) && d != Math.Floor(d) ? d.ToString("R", CultureInfo.InvariantCulture) : value.ToJsonString(),
        };
    }

    private (object? Value, JsonNode? Json) Make(SpecValue spec, Type target, string name, int depth)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (spec.Enum is { Count: > 0 } known)
        {
            if (spec.Type == "integer")
            {
                var number = int.Parse(known[0], CultureInfo.InvariantCulture);
                return (Activator.CreateInstance(type, number), JsonValue.Create(number));
            }

            return (Activator.CreateInstance(type, known[0]), JsonValue.Create(known[0]));
        }

        if (spec.Schema is not null && spec.Type is null or "object")
        {
            return MakeObject(_catalogue.Schema(spec.Schema), type, depth + 1);
        }

        switch (spec.Type)
        {
            case "string" when spec.IsDateTime:
                return (SpecExamples.DateTime, JsonValue.Create(SpecExamples.DateTime));
            case "string":
                var text = KnownValues.TryGetValue(name, out var known2) ? known2()
                    : name == "cert_content" ? Pem.Value.Certificate
                    : name == "private_key" ? Pem.Value.Key
                    : SpecExamples.String(spec, name);
                return (text, JsonValue.Create(text));
            case "integer":
                var integer = (long)SpecExamples.Number(spec, name, integer: true);
                return (type == typeof(int) ? checked((int)integer) : (object)integer, JsonValue.Create(integer));
            case "number":
                var real = (double)SpecExamples.Number(spec, name, integer: false);
                return (Convert.ChangeType(real, type, CultureInfo.InvariantCulture), JsonValue.Create(real));
            case "boolean":
                return (true, JsonValue.Create(true));
            case "array":
                var element = ElementType(type);
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                var json = new JsonArray();
                var count = Math.Max(1, spec.MinItems ?? 0);
                for (var i = 0; i < count; i++)
                {
                    var (item, itemJson) = Make(spec.Items!, element, name, depth + 1);
                    list.Add(item);
                    json.Add(itemJson);
                }

                return (type.IsArray ? ToArray(list, element) : list, json);
            case "object" when spec.Values is not null:
                // A map (IReadOnlyDictionary<string, T>): two entries, one key plain and one that JSON escapes.
                var valueType = type.GetGenericArguments()[1];
                var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
                var mapJson = new JsonObject();
                foreach (var key in new[] { "key1", "k\u00e9y \"2\"" })
                {
                    var (mapValue, valueJson) = Make(spec.Values, valueType, name, depth + 1);
                    map[key] = mapValue;
                    mapJson[key] = valueJson;
                }

                return (map, mapJson);
            case "any":
                // A free-form value (JsonElement): an object with a value of each JSON kind.
                const string FreeForm = "{\"text\":\"a\",\"number\":1.5,\"flag\":true,\"none\":null,\"list\":[1,\"b\"],\"object\":{\"c\":2}}";
                using (var document = JsonDocument.Parse(FreeForm))
                {
                    return (document.RootElement.Clone(), JsonNode.Parse(FreeForm));
                }

            default:
                throw new InvalidOperationException("The request builder has no value for the type '" + spec.Type + "' of " + name);
        }
    }

    private (object Value, JsonObject Json) MakeObject(SpecSchema schema, Type type, int depth)
    {
        var instance = Activator.CreateInstance(type)!;
        var json = new JsonObject();
        // Deep down only mandatory members, and those a rule may make mandatory (filling them always satisfies it).
        var ruled = schema.Rules.SelectMany(r => r.Require).ToHashSet(StringComparer.Ordinal);
        foreach (var member in schema.Properties)
        {
            if (!member.Required && (LeftOut.Contains(member.Name) || (depth > 3 && !ruled.Contains(member.Name))))
            {
                continue;
            }

            var property = Property(type, member.Name);
            var (value, memberJson) = Make(member, property.PropertyType, member.Name, depth);
            property.SetValue(instance, value);
            json[member.Name] = memberJson;
        }

        return (instance, json);
    }

    private static Array ToArray(IList list, Type element)
    {
        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

    private static Type ElementType(Type type) =>
        type.IsArray ? type.GetElementType()! : type.GetGenericArguments().Single();

    /// <summary>The generated property of a JSON or parameter name: its PascalCase, as specs/README.md says.</summary>
    public static PropertyInfo Property(Type type, string jsonName) =>
        type.GetProperty(PascalCase(jsonName), BindingFlags.Public | BindingFlags.Instance)
        ?? type.GetProperty("Body" + PascalCase(jsonName), BindingFlags.Public | BindingFlags.Instance)
        ?? throw new InvalidOperationException(type.Name + " has no property for " + jsonName);

    /// <summary>Split at every character that is not a letter or digit; upper-case each part's first letter.</summary>
    public static string PascalCase(string name)
    {
        var builder = new StringBuilder();
        foreach (var part in name.Split(c => !char.IsLetterOrDigit(c)))
        {
            if (part.Length > 0)
            {
                builder.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
            }
        }

        return builder.ToString();
    }
}

internal static class SplitExtensions
{
    public static IEnumerable<string> Split(this string text, Func<char, bool> separator)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || separator(text[i]))
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
    }
}
