extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GeneratorAssembly::ApigGen.Generator.Binding;
using GeneratorAssembly::ApigGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApigGen.Benchmarks;

/// <summary>
/// The facts-only corpus: one spec per operation of <c>specs/facts/apig-v2-surface.json</c>, written from the facts
/// alone (no summaries, no descriptions, no errors table), for measuring the whole API independently of the
/// hand-written catalogue. Each spec defines every schema it reaches, as a catalogue spec does, so each builds alone.
/// It is never written into <c>specs/</c>: callers pass a temporary folder.
/// </summary>
/// <remarks>
/// Mapping of the facts' types (see the facts file's <c>conventions</c> block): <c>int32</c>/<c>int64</c> →
/// <c>integer</c> with its format, <c>date-time</c> → <c>string</c> + <c>format: date-time</c>, <c>array&lt;T&gt;</c> →
/// <c>items</c>, <c>map&lt;string,T&gt;</c> → <c>type: object</c> + <c>additionalProperties</c>, <c>any</c> →
/// <c>type: any</c>, <c>file</c> → <c>type: file</c>, <c>form-field</c> → <c>string</c>; multipart bodies →
/// <c>body: { contentType: multipart/form-data, schema }</c>, binary responses → <c>200: { content: binary }</c>, map
/// responses → <c>200: { additionalProperties: {...} }</c>. Enums are named enums (<c>schema:</c>), one per distinct
/// definition across the facts, as the catalogue writes them (<see cref="EnumNames"/>); each spec defines those it uses,
/// and identical definitions merge. Integer enums get <c>enumNames</c> <c>Value1</c>, <c>Value2</c>, …; so do string
/// enums whose values would not make distinct C# names. Response headers are left out: the facts declare only
/// <c>x-request-id</c>, which every response already surfaces as <c>RequestId</c>.
/// </remarks>
public static class FactsCorpus
{
    /// <summary>The facts file copied next to the benchmark assembly (see the project file).</summary>
    public static string DefaultFactsPath => Path.Combine(AppContext.BaseDirectory, "apig-v2-surface.json");

    /// <summary>Every operation's spec text, by operation id, in the facts' order.</summary>
    public static IReadOnlyList<(string OperationId, string Yaml)> Specs(string? factsPath = null)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(factsPath ?? DefaultFactsPath));
        var root = document.RootElement;
        var models = root.GetProperty("models");
        var enums = new EnumNames(root);
        var specs = new List<(string, string)>();
        foreach (var operation in root.GetProperty("operations").EnumerateArray())
        {
            specs.Add((operation.GetProperty("id").GetString()!, new SpecWriter(models, enums).Write(operation)));
        }

        return specs;
    }

    /// <summary>Writes <c>{OperationId}.apig.yaml</c> for every operation (or only <paramref name="only"/>) into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(string directory, string? factsPath = null, ISet<string>? only = null)
    {
        if (IsUnderSpecs(directory))
        {
            throw new ArgumentException("The facts-only corpus is kept out of specs/: pass a temporary folder.", nameof(directory));
        }

        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (id, yaml) in Specs(factsPath))
        {
            if (only is null || only.Contains(id))
            {
                var path = Path.Combine(directory, id + ".apig.yaml");
                File.WriteAllText(path, yaml);
                paths.Add(path);
            }
        }

        return paths;
    }

    private static bool IsUnderSpecs(string directory)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            if (current.Name == "specs" && File.Exists(Path.Combine(current.FullName, "apig-spec.schema.json")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The corpus's named enums: one per distinct definition (integer or string, and its distinct values in order) across
    /// every model member and operation parameter of the facts. The definition used most under a member's name takes that
    /// name in PascalCase (<c>req_protocol</c> → <c>ReqProtocol</c>); any other under the same name is prefixed with the
    /// first model or operation that uses it. A name never takes a model's. Form fields keep inline enums.
    /// </summary>
    internal sealed class EnumNames
    {
        private readonly Dictionary<(string Member, string Key), string> _names = new();
        private readonly Dictionary<string, (bool IsInteger, List<JsonElement> Values)> _definitions = new(StringComparer.Ordinal);

        public EnumNames(JsonElement root)
        {
            var models = root.GetProperty("models");
            var uses = new List<(string Member, string Key, string Owner, bool IsInteger, List<JsonElement> Values)>();
            foreach (var model in models.EnumerateObject())
            {
                foreach (var field in model.Value.GetProperty("fields").EnumerateArray())
                {
                    Collect(field, field.GetProperty("json").GetString()!, model.Name, uses);
                }
            }

            foreach (var operation in root.GetProperty("operations").EnumerateArray())
            {
                foreach (var parameter in operation.GetProperty("params").EnumerateArray())
                {
                    Collect(parameter, parameter.GetProperty("name").GetString()!, operation.GetProperty("id").GetString()!, uses);
                }
            }

            var taken = new HashSet<string>(models.EnumerateObject().Select(m => m.Name), StringComparer.Ordinal);
            foreach (var member in uses.GroupBy(u => u.Member, StringComparer.Ordinal))
            {
                var baseName = Naming.ToPascalCase(member.Key);
                var first = true;
                foreach (var definition in member.GroupBy(u => u.Key, StringComparer.Ordinal).OrderByDescending(d => d.Count()))
                {
                    var use = definition.First();
                    var stem = first ? baseName : Naming.ToPascalCase(use.Owner) + baseName;
                    var name = stem;
                    for (var n = 2; !taken.Add(name); n++)
                    {
                        name = stem + n.ToString(CultureInfo.InvariantCulture);
                    }

                    _names[(member.Key, definition.Key)] = name;
                    _definitions[name] = (use.IsInteger, use.Values);
                    first = false;
                }
            }
        }

        /// <summary>The named enum of a member (or parameter) called <paramref name="jsonName"/>, or null when it has no enum or keeps it inline.</summary>
        public string? NameOf(JsonElement member, string jsonName) =>
            Describe(member) is { } found && _names.TryGetValue((jsonName, found.Key), out var name) ? name : null;

        /// <summary>Whether the named enum <paramref name="name"/> holds integers, and its values.</summary>
        public (bool IsInteger, List<JsonElement> Values) Definition(string name) => _definitions[name];

        private static void Collect(JsonElement member, string jsonName, string owner, List<(string, string, string, bool, List<JsonElement>)> uses)
        {
            if (Describe(member) is { } found)
            {
                uses.Add((jsonName, found.Key, owner, found.IsInteger, found.Values));
            }
        }

        private static (string Key, bool IsInteger, List<JsonElement> Values)? Describe(JsonElement member)
        {
            var type = member.GetProperty("type").GetString();
            if (type is not ("string" or "int32") || !member.TryGetProperty("enum", out var values) || values.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var distinct = SpecWriter.DistinctValues(values);
            return (type + ":" + string.Join("\u0001", distinct.Select(SpecWriter.Scalar)), type == "int32", distinct);
        }
    }

    /// <summary>One operation's spec: the operation from the facts, then every schema it reaches.</summary>
    private sealed class SpecWriter
    {
        private readonly JsonElement _models;
        private readonly EnumNames _enums;
        private readonly StringBuilder _yaml = new();
        private readonly List<string> _schemas = new();
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _namedEnums = new();

        public SpecWriter(JsonElement models, EnumNames enums)
        {
            _models = models;
            _enums = enums;
        }

        public string Write(JsonElement operation)
        {
            var id = operation.GetProperty("id").GetString()!;
            _yaml.Append("# Facts-only spec of ").Append(id).Append(", written by tests/ApigGen.Benchmarks/FactsCorpus.cs from specs/facts/apig-v2-surface.json.\n");
            _yaml.Append("operation:\n");
            _yaml.Append("  id: ").Append(id).Append('\n');
            _yaml.Append("  method: ").Append(operation.GetProperty("method").GetString()).Append('\n');
            _yaml.Append("  path: ").Append(Quote(operation.GetProperty("path").GetString()!)).Append('\n');
            _yaml.Append("  parameters:\n");
            _yaml.Append("    - { name: project_id, in: path, required: true, type: string }\n");
            foreach (var parameter in operation.GetProperty("params").EnumerateArray())
            {
                _yaml.Append("    - { name: ").Append(Key(parameter.GetProperty("name").GetString()!))
                    .Append(", in: ").Append(parameter.GetProperty("in").GetString())
                    .Append(", required: ").Append(parameter.GetProperty("required").GetBoolean() ? "true," : "false,");
                AppendMemberKeys(parameter, parameter.GetProperty("name").GetString()!);
                _yaml.Append(" }\n");
            }

            if (operation.GetProperty("body").GetString() is { } body)
            {
                var multipart = operation.GetProperty("body_encoding").GetString() == "multipart";
                _yaml.Append("  body: { ").Append(multipart ? "contentType: multipart/form-data, " : string.Empty).Append("schema: ").Append(body).Append(" }\n");
                Reach(body);
            }

            var response = operation.GetProperty("response");
            _yaml.Append("  responses:\n");
            switch (response.GetProperty("body_kind").GetString())
            {
                case "none":
                    _yaml.Append("    204: {}\n");
                    break;
                case "binary-stream":
                    _yaml.Append("    200: { content: binary }\n");
                    break;
                case "map":
                    var mapType = response.GetProperty("body").GetString()!;
                    _yaml.Append("    200: { additionalProperties: {");
                    AppendType(MapValueType(mapType), "value");
                    _yaml.Append(" } }\n");
                    break;
                default:
                    var model = response.GetProperty("body").GetString()!;
                    _yaml.Append("    200:\n");
                    var fields = _models.GetProperty(model).GetProperty("fields");
                    if (fields.GetArrayLength() == 0)
                    {
                        _yaml.Append("      properties: {}\n");
                    }
                    else
                    {
                        _yaml.Append("      properties:\n");
                        AppendFields(fields, "        ");
                    }

                    break;
            }

            for (var i = 0; i < _schemas.Count; i++)
            {
                if (i == 0)
                {
                    _yaml.Append("schemas:\n");
                }

                var name = _schemas[i];
                _yaml.Append("  ").Append(name).Append(":\n");
                var fields = _models.GetProperty(name).GetProperty("fields");
                if (fields.GetArrayLength() == 0)
                {
                    _yaml.Append("    properties: {}\n");
                }
                else
                {
                    _yaml.Append("    properties:\n");
                    AppendFields(fields, "      ");
                }
            }

            // The named enums the members use (found while the schemas were written) close the schemas.
            if (_schemas.Count == 0 && _namedEnums.Count > 0)
            {
                _yaml.Append("schemas:\n");
            }

            foreach (var name in _namedEnums)
            {
                var (isInteger, values) = _enums.Definition(name);
                _yaml.Append("  ").Append(name).Append(":\n");
                _yaml.Append("    type: ").Append(isInteger ? "integer" : "string").Append('\n');
                _yaml.Append("    enum: [").Append(string.Join(", ", values.Select(Scalar))).Append("]\n");
                if (EnumNames(values, isInteger, name) is { } names)
                {
                    _yaml.Append("    enumNames: [").Append(names).Append("]\n");
                }
            }

            return _yaml.ToString();
        }

        private void AppendFields(JsonElement fields, string indent)
        {
            foreach (var field in fields.EnumerateArray())
            {
                var json = field.GetProperty("json").GetString()!;
                _yaml.Append(indent).Append(Key(json)).Append(": {");
                if (field.GetProperty("required").GetBoolean())
                {
                    _yaml.Append(" required: true,");
                }

                AppendMemberKeys(field, json);
                _yaml.Append(" }\n");
            }
        }

        /// <summary>
        /// Type (or named enum), inline enum and the constraints the facts state, as flow-mapping entries (each with a
        /// leading space).
        /// </summary>
        private void AppendMemberKeys(JsonElement member, string jsonName)
        {
            var type = member.GetProperty("type").GetString()!;
            if (_enums.NameOf(member, jsonName) is { } named)
            {
                // A named enum: its definition goes under schemas:, and only a default is said here.
                _yaml.Append(" schema: ").Append(named);
                if (!_namedEnums.Contains(named))
                {
                    _namedEnums.Add(named);
                }

                if (member.TryGetProperty("default", out var fallback) && fallback.ValueKind != JsonValueKind.Null)
                {
                    _yaml.Append(", default: ").Append(Scalar(fallback));
                }

                return;
            }

            var format = member.TryGetProperty("format", out var f) ? f.GetString() : null;
            AppendType(type, jsonName, format);
            if (member.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                AppendEnum(values, type == "int32", jsonName);
            }

            foreach (var (fact, key) in new[] { ("min_length", "minLength"), ("max_length", "maxLength"), ("minimum", "minimum"), ("maximum", "maximum"), ("default", "default") })
            {
                if (member.TryGetProperty(fact, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    _yaml.Append(", ").Append(key).Append(": ").Append(Scalar(value));
                }
            }
        }

        /// <summary>The type keys of a facts type (no leading comma for the first).</summary>
        private void AppendType(string type, string jsonName, string? format = null)
        {
            switch (type)
            {
                case "string":
                case "form-field":
                    _yaml.Append(" type: string");
                    break;
                case "int32":
                    _yaml.Append(" type: integer");
                    break;
                case "int64":
                    _yaml.Append(" type: integer, format: int64");
                    break;
                case "number":
                    _yaml.Append(" type: number").Append(format is "float" or "double" ? ", format: " + format : string.Empty);
                    break;
                case "boolean":
                    _yaml.Append(" type: boolean");
                    break;
                case "date-time":
                    _yaml.Append(" type: string, format: date-time");
                    break;
                case "any":
                    _yaml.Append(" type: any");
                    break;
                case "file":
                    _yaml.Append(" type: file");
                    break;
                default:
                    if (type.StartsWith("array<", StringComparison.Ordinal))
                    {
                        _yaml.Append(" type: array, items: {");
                        AppendType(type.Substring(6, type.Length - 7), jsonName);
                        _yaml.Append(" }");
                    }
                    else if (type.StartsWith("map<", StringComparison.Ordinal))
                    {
                        _yaml.Append(" type: object, additionalProperties: {");
                        AppendType(MapValueType(type), jsonName);
                        _yaml.Append(" }");
                    }
                    else if (_models.TryGetProperty(type, out _))
                    {
                        _yaml.Append(" schema: ").Append(type);
                        Reach(type);
                    }
                    else
                    {
                        throw new InvalidDataException($"The facts type '{type}' of '{jsonName}' is neither a known type nor a model.");
                    }

                    break;
            }
        }

        private static string MapValueType(string mapType)
        {
            const string Prefix = "map<string,";
            if (!mapType.StartsWith(Prefix, StringComparison.Ordinal) || !mapType.EndsWith(">", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"'{mapType}' is not a map<string,T>.");
            }

            return mapType.Substring(Prefix.Length, mapType.Length - Prefix.Length - 1);
        }

        private void AppendEnum(JsonElement values, bool isInteger, string jsonName)
        {
            var distinct = DistinctValues(values);
            _yaml.Append(", enum: [").Append(string.Join(", ", distinct.Select(Scalar))).Append(']');
            if (EnumNames(distinct, isInteger, Naming.ToPascalCase(jsonName) + "Enum") is { } names)
            {
                _yaml.Append(", enumNames: [").Append(names).Append(']');
            }
        }

        /// <summary>An enum's values without repeats, in the facts' order.</summary>
        internal static List<JsonElement> DistinctValues(JsonElement values)
        {
            var distinct = new List<JsonElement>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in values.EnumerateArray())
            {
                if (seen.Add(value.ToString()))
                {
                    distinct.Add(value);
                }
            }

            return distinct;
        }

        /// <summary>
        /// The <c>enumNames</c> list (<c>Value1, Value2, …</c>) an enum of the type <paramref name="typeName"/> needs: always
        /// for integers, and for strings whose values would not make distinct C# names; null when the generator names them.
        /// </summary>
        private static string? EnumNames(List<JsonElement> values, bool isInteger, string typeName) =>
            isInteger || !NamesAreUsable(values.Select(v => v.ToString()), typeName)
                ? string.Join(", ", values.Select((_, i) => "Value" + (i + 1).ToString(CultureInfo.InvariantCulture)))
                : null;

        /// <summary>
        /// Whether the generator names every value itself (the spec format's rules, asked of the generator's own
        /// <c>Naming</c>): each value's member name a distinct identifier the enum type <paramref name="typeName"/> can hold.
        /// </summary>
        private static bool NamesAreUsable(IEnumerable<string> values, string typeName)
        {
            var names = new HashSet<string>(GeneratedNames.EnumMembers.Concat(GeneratedNames.ObjectMembers), StringComparer.Ordinal) { typeName };
            foreach (var value in values)
            {
                var name = Naming.EnumMemberName(value);
                if (Naming.WhyNotIdentifier(name) is not null || !names.Add(name))
                {
                    return false;
                }
            }

            return true;
        }

        private void Reach(string model)
        {
            if (_seen.Add(model))
            {
                _schemas.Add(model);
            }
        }

        internal static string Scalar(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => Quote(value.GetString()!),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new InvalidDataException("Unexpected facts value " + value.GetRawText()),
        };

        /// <summary>A JSON name as written: plain when it is a simple lower-case name, else double-quoted.</summary>
        private static string Key(string name) =>
            name.Length > 0 && name[0] is >= 'a' and <= 'z' && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')
                && name is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "y" or "n")
                ? name
                : Quote(name);

        /// <summary>A YAML double-quoted scalar (JSON's escapes are YAML's).</summary>
        private static string Quote(string value) => JsonSerializer.Serialize(value);
    }
}
