using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// The three kinds of generated record (a schema, an operation's request, its response), each written in the one member
/// order of <see cref="Record"/>: declared members, validation, <c>WriteJson</c>, <c>ReadJson</c>, <c>PrintMembers</c>,
/// pattern fields, nested enums. Validation and JSON come from <see cref="ValidationEmitter"/> and <see cref="JsonEmitter"/>.
/// </summary>
internal sealed class RecordEmitter
{
    private static readonly string[] SchemaReadDocs =
    {
        "/// <summary>Reads a value from JSON; the reader is on the value's first token.</summary>",
        "/// <param name=\"reader\">The reader.</param>",
        "/// <param name=\"path\">The JSON path of the value, for error messages.</param>",
        "/// <returns>The value.</returns>",
    };

    private static readonly string[] ResponseReadDocs =
    {
        "/// <summary>Reads the response body; the reader is on its first token.</summary>",
        "/// <param name=\"reader\">The reader.</param>",
        "/// <param name=\"statusCode\">The HTTP status.</param>",
        "/// <param name=\"requestId\">The request id.</param>",
        "/// <returns>The response.</returns>",
    };

    /// <summary>What <c>ReadJson</c> sets first on a response: the members every response has (<see cref="GeneratedNames.ResponseMembers"/>).</summary>
    private static readonly string[] ResponseInitializers = { GeneratedNames.StatusCode + " = statusCode", GeneratedNames.RequestId + " = requestId" };

    private readonly SourceWriter _w;
    private readonly TypeNames _types;
    private readonly JsonEmitter _json;

    public RecordEmitter(SourceWriter writer, TypeNames types)
    {
        _w = writer;
        _types = types;
        _json = new JsonEmitter(writer, types);
    }

    /// <summary>A schema's record: validation and <c>WriteJson</c> when some request writes it, <c>ReadJson</c> when some response reads it.</summary>
    public void Schema(SchemaModel schema, SchemaIndexEntry usage)
    {
        if (!Docs.Summary(_w, schema.Description))
        {
            Docs.SummaryWithCode(_w, "The ", schema.Name, " object.");
        }

        Record(RecordKind.Schema, schema.Name, schema.Properties, schema, null, validates: usage.Written, writesJson: usage.Written, reads: usage.Read);
    }

    /// <summary><c>{Id}Request</c>: the parameters, the body, and their validation.</summary>
    public void Request(OperationModel operation)
    {
        Docs.SummaryXml(_w, OperationEmitter.TypeSummary("request", operation));
        Docs.Remarks(_w, Docs.Text().AppendCode(operation.Method + " " + operation.PathTemplate).Append(". <c>{project_id}</c> comes from the client's options.").ToString());
        var members = operation.Parameters.Select(p => p.Property).ToList();
        Record(RecordKind.Request, operation.Id + GeneratedNames.RequestSuffix, members, null, operation, validates: true, writesJson: false, reads: false);
    }

    /// <summary><c>{Id}Response</c>: status, request id, the body's members, and <c>ReadJson</c> when there is a body.</summary>
    public void Response(OperationModel operation)
    {
        var response = operation.Response;
        Docs.SummaryXml(_w, OperationEmitter.TypeSummary("response", operation));
        var remarks = Docs.Text().Append("Success status ").Append(SpecFileEmitter.Status(response.Status));
        if (response.Description is not null)
        {
            remarks.Append(" (").Append(CSharp.Xml(response.Description)).Append(')');
        }

        Docs.Remarks(_w, remarks.Append(response.WholeBody ? "; the body is a JSON object with free keys, read into Body." : response.HasBody ? "; the body's members are properties of this record." : "; no body.").ToString());
        Record(RecordKind.Response, operation.Id + GeneratedNames.ResponseSuffix, response.Properties, null, operation, validates: false, writesJson: false, reads: response.HasBody);
    }

    /// <summary><paramref name="local"/>, or with underscores added until no earlier local of its method has the name; recorded in <paramref name="taken"/>.</summary>
    internal static string Unique(HashSet<string> taken, string local)
    {
        while (!taken.Add(local))
        {
            local += "_";
        }

        return local;
    }

    /// <summary>
    /// Every generated record, in one member order: declared members, validation, <c>WriteJson</c>, <c>ReadJson</c>,
    /// <c>PrintMembers</c>, pattern fields, nested enums. <paramref name="members"/> are the spec's members (what the JSON
    /// methods, <c>PrintMembers</c> and the nested enums cover); <paramref name="schema"/> is set for a schema's record,
    /// <paramref name="operation"/> for a request's or a response's.
    /// </summary>
    private void Record(RecordKind kind, string name, IReadOnlyList<PropertyModel> members, SchemaModel? schema, OperationModel? operation, bool validates, bool writesJson, bool reads)
    {
        _w.WriteLine(SpecFileEmitter.GeneratedTypeAttributes);
        using (_w.Open($"public sealed partial record {name}{(validates ? ValidationEmitter.ValidatableBase : string.Empty)}"))
        {
            DeclareMembers(kind, members, operation);
            ValidationEmitter? validation = null;
            if (validates)
            {
                validation = new ValidationEmitter(_w);
                using (validation.ValidationMethods(name))
                {
                    if (kind == RecordKind.Schema)
                    {
                        ValidateSchema(validation, schema!);
                    }
                    else
                    {
                        ValidateRequest(validation, operation!);
                    }
                }
            }

            if (writesJson)
            {
                _w.BlankLine();
                _json.WriteMethod(members);
            }

            if (reads)
            {
                _w.BlankLine();
                var isSchema = kind == RecordKind.Schema;
                foreach (var line in isSchema ? SchemaReadDocs : ResponseReadDocs)
                {
                    _w.WriteLine(line);
                }

                if (isSchema)
                {
                    _json.ReadMethod(name, members, "internal static " + name + " " + GeneratedNames.ReadJson + "(ref global::System.Text.Json.Utf8JsonReader reader, string path)", "path", System.Array.Empty<string>());
                }
                else if (operation!.Response.WholeBody)
                {
                    _json.ReadWholeBodyMethod(name, members[0], "internal static " + name + " " + GeneratedNames.ReadJson + "(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Net.HttpStatusCode statusCode, string? requestId)", ResponseInitializers);
                }
                else
                {
                    _json.ReadMethod(name, members, "internal static " + name + " " + GeneratedNames.ReadJson + "(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Net.HttpStatusCode statusCode, string? requestId)", "\"$\"", ResponseInitializers);
                }
            }

            PrintMembers(members, kind == RecordKind.Response ? GeneratedNames.ResponseMembers : System.Array.Empty<string>());
            validation?.RegexFields();
            Enums(members);
        }
    }

    /// <summary>The record's properties: the spec's members, and before or after them what the kind of record adds.</summary>
    private void DeclareMembers(RecordKind kind, IReadOnlyList<PropertyModel> members, OperationModel? operation)
    {
        switch (kind)
        {
            case RecordKind.Request:
                foreach (var parameter in operation!.Parameters)
                {
                    Property(parameter.Property, OperationEmitter.Kind(parameter.In));
                }

                if (operation.Body is { } body)
                {
                    Docs.Summary(_w, body.Description, "The JSON request body.");
                    _w.WriteLine($"public {(body.Required ? "required " + _types.Schema(body.SchemaName) : _types.Schema(body.SchemaName) + "?")} {GeneratedNames.Body} {{ get; init; }}");
                    _w.BlankLine();
                }

                break;
            case RecordKind.Response:
                _w.WriteLine("/// <summary>The HTTP status of the response.</summary>");
                _w.WriteLine($"public global::System.Net.HttpStatusCode {GeneratedNames.StatusCode} {{ get; init; }}");
                _w.BlankLine();
                _w.WriteLine("/// <summary>The request id from the <c>X-Request-Id</c> header: quote it to Huawei Cloud support.</summary>");
                _w.WriteLine($"public string? {GeneratedNames.RequestId} {{ get; init; }}");
                _w.BlankLine();
                if (operation!.Response.WholeBody)
                {
                    WholeBody(members[0]);
                }
                else
                {
                    Properties(members, "member");
                }

                break;
            default:
                Properties(members, "member");
                break;
        }
    }

    /// <summary>The body of a schema's <c>CollectErrors</c>: each member's checks, then the rules across members.</summary>
    private static void ValidateSchema(ValidationEmitter validation, SchemaModel schema)
    {
        foreach (var property in schema.Properties)
        {
            validation.ValidateMember(property, property.Name, null);
        }

        foreach (var rule in schema.Rules)
        {
            validation.ValidateRule(rule, schema.Properties);
        }
    }

    /// <summary>The body of a request's <c>CollectErrors</c>: each parameter's checks, then the body's own walk.</summary>
    private void ValidateRequest(ValidationEmitter validation, OperationModel operation)
    {
        foreach (var parameter in operation.Parameters)
        {
            validation.ValidateMember(parameter.Property, parameter.Property.Name, parameter.In);
        }

        if (operation.Body is { } body)
        {
            // The body's members are validated at the root of the JSON path (domains[0].domain).
            using (_w.Open($"if ({GeneratedNames.Body} is {{ }} body)"))
            {
                _w.WriteLine($"body.{GeneratedNames.CollectErrors}(validator);");
            }

            if (body.Required)
            {
                using (_w.Open("else"))
                {
                    _w.WriteLine("validator.Required(\"body\");");
                }
            }
        }
    }

    private void Properties(IReadOnlyList<PropertyModel> properties, string kind)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            Property(properties[i], kind);
        }
    }

    /// <summary>The <c>Body</c> of a response whose whole body is a map, with its docs, then a blank line.</summary>
    private void WholeBody(PropertyModel body)
    {
        _w.WriteLine("/// <summary>The JSON body: an object whose keys are kept as sent (compared ordinally).</summary>");
        _w.WriteLine($"public required {_types.Of(body.Type)} {body.Name} {{ get; init; }}");
        _w.BlankLine();
    }

    /// <summary>One property with its docs, then a blank line; <paramref name="kind"/> says what it is ("member", "query parameter").</summary>
    private void Property(PropertyModel property, string kind)
    {
        // Without a description, the facts (JSON name, mandatory or not, constraints, known values, default) are the
        // summary: a line that only restated the name would tell IntelliSense nothing.
        if (Docs.Summary(_w, property.Description))
        {
            Docs.Remarks(_w, Docs.Facts(property, kind));
        }
        else
        {
            Docs.SummaryXml(_w, Docs.Facts(property, kind));
        }
        _w.WriteLine($"public {(property.Required ? "required " : string.Empty)}{_types.Declared(property)} {property.Name} {{ get; init; }}");
        _w.BlankLine();
    }

    /// <summary>The nested enum type of every member that has one, each after a blank line; nothing when none has.</summary>
    private void Enums(IReadOnlyList<PropertyModel> properties)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var enumModel = property.Type.Innermost.Enum;
            if (enumModel is not null)
            {
                _w.BlankLine();
                new EnumEmitter(_w).Emit(enumModel, property);
            }
        }
    }

    /// <summary>Masks secret members in the record's <c>ToString()</c>, after a blank line; nothing when no member is secret.</summary>
    private void PrintMembers(IReadOnlyList<PropertyModel> properties, IReadOnlyList<string> leadingMembers)
    {
        // The record's own ToString() already prints everything when nothing is secret.
        if (!properties.Any(p => p.Secret))
        {
            return;
        }

        _w.BlankLine();
        _w.WriteLine("/// <summary>Prints the members for <c>ToString()</c>, with secret values masked.</summary>");
        _w.WriteLine("/// <param name=\"builder\">The builder.</param>");
        _w.WriteLine("/// <returns>True when anything was printed.</returns>");
        using (_w.Open($"private bool {GeneratedNames.PrintMembers}(global::System.Text.StringBuilder builder)"))
        {
            var first = true;
            var itemLocals = new HashSet<string>();
            foreach (var member in leadingMembers)
            {
                _w.WriteLine($"builder.Append({CSharp.Literal((first ? string.Empty : ", ") + member + " = ")}).Append({member});");
                first = false;
            }

            foreach (var property in properties)
            {
                var label = CSharp.Literal((first ? string.Empty : ", ") + property.Name + " = ");
                first = false;
                if (property.Secret)
                {
                    _w.WriteLine($"builder.Append({label}).Append({property.Name} is null ? \"\" : \"***\");");
                }
                else if (property.Type.Kind == TypeKind.Array)
                {
                    var items = Unique(itemLocals, CSharp.Local(property.Name, "Items"));
                    _w.WriteLine($"builder.Append({label});");
                    using (_w.Open($"if ({property.Name} is {{ }} {items})"))
                    {
                        _w.WriteLine($"builder.Append('[').Append(string.Join(\", \", {ItemTexts(property.Type.Items!, items, 0)})).Append(']');");
                    }
                }
                else
                {
                    _w.WriteLine($"builder.Append({label}).Append({property.Name});");
                }
            }

            _w.WriteLine($"return {(first ? "false" : "true")};");
        }
    }

    /// <summary>
    /// What <c>string.Join</c> prints for the items of <paramref name="list"/>: the items themselves, or for an array of
    /// arrays each inner list in brackets (a list's own <c>ToString()</c> is its type name).
    /// </summary>
    private static string ItemTexts(TypeModel items, string list, int depth)
    {
        if (items.Kind != TypeKind.Array)
        {
            return list;
        }

        var inner = "inner" + (depth == 0 ? string.Empty : depth.ToString(CultureInfo.InvariantCulture));
        return $"global::System.Linq.Enumerable.Select({list}, static {inner} => {inner} is null ? \"\" : \"[\" + string.Join(\", \", {ItemTexts(items.Items!, inner, depth + 1)}) + \"]\")";
    }

    private enum RecordKind
    {
        Schema,
        Request,
        Response,
    }
}
