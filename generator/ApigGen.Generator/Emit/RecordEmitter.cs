using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>
/// The three kinds of generated record (a schema, an operation's request, its response), each written in the one member
/// order of <see cref="Record"/>: constructors (when it reads JSON), declared members, validation, <c>WriteJson</c>, the reading
/// constructor, <c>PrintMembers</c>,
/// pattern fields, nested enums. Validation and JSON come from <see cref="ValidationEmitter"/> and <see cref="JsonEmitter"/>.
/// </summary>
internal sealed class RecordEmitter
{
    // Internal methods: one line of docs says what a reader of the generated code needs (IntelliSense never shows them).
    private static readonly string[] SchemaReadDocs =
    {
        "/// <summary>Reads a value from JSON (<paramref name=\"reader\"/> on its first token; <paramref name=\"path\"/> is its JSON path, for errors).</summary>",
    };

    private static readonly string[] ResponseReadDocs =
    {
        "/// <summary>Reads the response body (<paramref name=\"reader\"/> on its first token) and sets the status and request id.</summary>",
    };

    /// <summary>What the reading constructor sets first on a response: the members every response has (<see cref="GeneratedNames.ResponseMembers"/>).</summary>
    private static readonly string[] ResponseStatements = { GeneratedNames.StatusCode + " = statusCode", GeneratedNames.RequestId + " = requestId" };

    private static readonly string[] SchemaReadParameters = { "reader", "path" };

    private static readonly string[] ResponseReadParameters = { "reader", "statusCode", "requestId" };

    /// <summary>
    /// The parameters of a response's reading constructor, which are those of the runtime's <c>ApigBodyReader&lt;T&gt;</c>:
    /// the client method passes a lambda with them (<see cref="OperationEmitter"/>).
    /// </summary>
    internal const string ResponseReadSignature = "(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Net.HttpStatusCode statusCode, string? requestId)";

    /// <summary>The runtime record every response derives from: it declares <see cref="GeneratedNames.ResponseMembers"/>.</summary>
    internal const string ResponseBase = "global::ApigGen.ApigOperationResponse";

    private readonly SourceWriter _w;
    private readonly TypeNames _types;
    private readonly JsonEmitter _json;

    public RecordEmitter(SourceWriter writer, TypeNames types)
    {
        _w = writer;
        _types = types;
        _json = new JsonEmitter(writer, types);
    }

    /// <summary>A schema's record: validation and <c>WriteJson</c> when some request writes it, the reading constructor when some response reads it.</summary>
    public void Schema(SchemaModel schema, SchemaIndexEntry usage)
    {
        if (!Docs.Summary(_w, schema.Description))
        {
            Docs.SummaryWithCode(_w, "The ", schema.Name, " object.");
        }

        // A form's schema (it has file members) is sent part by part, never as JSON, and is always validated.
        var isForm = Binding.FormRules.HasFileMember(schema.Properties);
        Record(RecordKind.Schema, schema.Name, schema.Properties, schema, null, validates: usage.Written || isForm, writesJson: usage.Written && !isForm, reads: usage.Read && !isForm);
    }

    /// <summary><c>{Id}Request</c>: the parameters, the body, and their validation.</summary>
    public void Request(OperationModel operation)
    {
        Docs.SummaryXml(_w, OperationEmitter.TypeSummary("request", operation));
        Docs.Remarks(_w, Docs.Text().AppendCode(operation.Method + " " + operation.PathTemplate).Append(". <c>{project_id}</c> comes from the client's options.").ToString());
        var members = operation.Parameters.Select(p => p.Property).ToList();
        Record(RecordKind.Request, operation.Id + GeneratedNames.RequestSuffix, members, null, operation, validates: true, writesJson: false, reads: false);
    }

    /// <summary><c>{Id}Response</c>: the body's members (status and request id come from its base), and the reading constructor when there is a body.</summary>
    public void Response(OperationModel operation)
    {
        var response = operation.Response;
        Docs.SummaryXml(_w, OperationEmitter.TypeSummary("response", operation));
        var remarks = Docs.Text().Append("Success status ").Append(SpecFileEmitter.Status(response.Status));
        if (response.Description is not null)
        {
            remarks.Append(" (").Append(CSharp.Xml(response.Description)).Append(')');
        }

        remarks.Append(response.WholeBody ? "; the body is a JSON object with free keys, read into Body." : response.HasBody ? "; the body's members are properties of this record." : response.IsBinary ? "; the body is the stream " + "<see cref=\"" + GeneratedNames.Content + "\"/>, which this response owns: dispose the response when done with it." : "; no body.");
        if (response.Headers.Count > 0)
        {
            remarks.Append(" Declared response headers are properties too (null when the answer lacks them).");
        }

        Docs.Remarks(_w, remarks.ToString());
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
    /// Every generated record, in one member order: a parameterless constructor (when it reads JSON), declared members,
    /// validation, <c>WriteJson</c>, the reading constructor,
    /// <c>PrintMembers</c>, pattern fields, nested enums. <paramref name="members"/> are the spec's members (what the JSON
    /// methods, <c>PrintMembers</c> and the nested enums cover); <paramref name="schema"/> is set for a schema's record,
    /// <paramref name="operation"/> for a request's or a response's.
    /// </summary>
    private void Record(RecordKind kind, string name, IReadOnlyList<PropertyModel> members, SchemaModel? schema, OperationModel? operation, bool validates, bool writesJson, bool reads)
    {
        _w.WriteLine(SpecFileEmitter.GeneratedTypeAttributes);
        var disposable = kind == RecordKind.Response && operation!.Response.IsBinary;
        var bases = validates ? ValidationEmitter.ValidatableBase : kind == RecordKind.Response ? " : " + ResponseBase + (disposable ? ", global::System.IDisposable, global::System.IAsyncDisposable" : string.Empty) : string.Empty;
        using (_w.Open($"public sealed partial record {name}{bases}"))
        {
            if (reads)
            {
                // Declaring the reading constructor takes the implicit parameterless one away: it is declared again.
                _w.WriteLine("/// <summary>Creates a value to fill with an object initializer (the client creates its own from JSON).</summary>");
                _w.WriteLine($"public {name}() {{ }}");
                _w.BlankLine();
            }

            DeclareMembers(kind, members, operation);
            if (disposable)
            {
                DisposeMethods();
            }

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
                var wholeBody = !isSchema && operation!.Response.WholeBody;
                if (!wholeBody)
                {
                    _json.MembersField(members);
                }

                foreach (var line in isSchema ? SchemaReadDocs : ResponseReadDocs)
                {
                    _w.WriteLine(line);
                }

                if (isSchema)
                {
                    _json.ReadConstructor(members, "internal " + name + "(ref global::System.Text.Json.Utf8JsonReader reader, string path)", SchemaReadParameters, "path", System.Array.Empty<string>());
                }
                else if (wholeBody)
                {
                    _json.ReadWholeBodyConstructor(members[0], "internal " + name + ResponseReadSignature, ResponseStatements);
                }
                else
                {
                    _json.ReadConstructor(members, "internal " + name + ResponseReadSignature, ResponseReadParameters, "\"$\"", ResponseStatements);
                }
            }

            var headers = kind == RecordKind.Response ? operation!.Response.Headers : EquatableArray<PropertyModel>.Empty;
            PrintMembers(members, derived: kind == RecordKind.Response);
            validation?.RegexFields();
            Enums(members);
            Enums(headers);
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
                    Docs.Summary(_w, body.Description, body.IsForm ? "The multipart/form-data request body: each member is one part." : "The JSON request body.");
                    _w.WriteLine($"public {(body.Required ? "required " + _types.Schema(body.SchemaName) : _types.Schema(body.SchemaName) + "?")} {GeneratedNames.Body} {{ get; init; }}");
                    _w.BlankLine();
                }

                break;
            case RecordKind.Response:
                // StatusCode and RequestId come from the base record (ResponseBase).
                if (operation!.Response.WholeBody)
                {
                    WholeBody(members[0]);
                }
                else
                {
                    Properties(members, "member");
                }

                if (operation.Response.IsBinary)
                {
                    _w.WriteLine("/// <summary>The body as it arrives, unread: read it, then dispose this response (which disposes the stream and frees the connection).</summary>");
                    _w.WriteLine("/// <remarks>The call's timeout ended with the answer's headers; bound your reads with your own cancellation. <c>MaxResponseBodySize</c> does not apply.</remarks>");
                    _w.WriteLine($"public required global::System.IO.Stream {GeneratedNames.Content} {{ get; init; }}");
                    _w.BlankLine();
                    _w.WriteLine("/// <summary>The body's media type, from the <c>Content-Type</c> header; null when the answer has none.</summary>");
                    _w.WriteLine($"public string? {GeneratedNames.ContentType} {{ get; init; }}");
                    _w.BlankLine();
                }

                Properties(operation.Response.Headers, "response header");
                break;
            default:
                Properties(members, "member");
                break;
        }
    }

    /// <summary><c>Dispose</c> and <c>DisposeAsync</c> of a binary download's response: they dispose its stream.</summary>
    private void DisposeMethods()
    {
        _w.WriteLine($"/// <summary>Disposes <see cref=\"{GeneratedNames.Content}\"/>, and with it the HTTP response.</summary>");
        _w.WriteLine($"public void Dispose() => {GeneratedNames.Content}.Dispose();");
        _w.BlankLine();
        _w.WriteLine($"/// <summary>Disposes <see cref=\"{GeneratedNames.Content}\"/>, and with it the HTTP response.</summary>");
        _w.WriteLine("/// <returns>A task that completes when the stream is disposed.</returns>");
        _w.WriteLine($"public global::System.Threading.Tasks.ValueTask DisposeAsync() => {GeneratedNames.Content}.DisposeAsync();");
        _w.BlankLine();
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
            _w.WriteLine($"validator.CheckBody({GeneratedNames.Body}{(body.Required ? ", required: true" : string.Empty)});");
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
            var enumModel = Binding.SchemaBinder.InlineEnum(property.Type);
            if (enumModel is not null)
            {
                _w.BlankLine();
                new EnumEmitter(_w).Emit(enumModel, property);
            }
        }
    }

    /// <summary>
    /// Masks secret members in the record's <c>ToString()</c>, after a blank line; nothing when no member is secret. A
    /// <paramref name="derived"/> record (a response) overrides its base's and prints the base's members first, as the
    /// compiler's own would.
    /// </summary>
    private void PrintMembers(IReadOnlyList<PropertyModel> properties, bool derived)
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
        using (_w.Open($"{(derived ? "protected override" : "private")} bool {GeneratedNames.PrintMembers}(global::System.Text.StringBuilder builder)"))
        {
            var first = true;
            var itemLocals = new HashSet<string>();
            if (derived)
            {
                // A record that derives from a record must print its base's members first, with ", " after them when
                // there were any (the base's StatusCode and RequestId always print).
                using (_w.Open($"if (base.{GeneratedNames.PrintMembers}(builder))"))
                {
                    _w.WriteLine("builder.Append(\", \");");
                }
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
