using System.Collections.Generic;
using System.Linq;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>Emits an operation: <c>{Id}Request</c>, <c>{Id}Response</c>, the <c>ApigClient</c> method and its <c>IApigClient</c> declaration.</summary>
internal static class OperationEmitter
{
    private const string Runtime = "global::ApigGen";

    public static void Emit(SourceWriter w, TypeNames types, RecordEmitter records, OperationModel operation)
    {
        records.Request(operation);
        w.BlankLine();
        records.Response(operation);
        w.BlankLine();
        EmitClientMethod(w, operation);
        w.BlankLine();
        EmitInterfaceMethod(w, operation);
        if (operation.Paging is { } paging)
        {
            w.BlankLine();
            EmitPaging(w, types, operation, paging);
        }
    }

    /// <summary>An <c>IAsyncEnumerable</c> over every item of every page, as an extension of <c>IApigClient</c> (so mocks get it too).</summary>
    private static void EmitPaging(SourceWriter w, TypeNames types, OperationModel operation, PagingModel paging)
    {
        var offset = operation.Parameters.Select(p => p.Property).First(p => p.Name == paging.Offset);
        var items = operation.Response.Properties.First(p => p.Name == paging.Items);
        var total = paging.Total is null ? null : operation.Response.Properties.First(p => p.Name == paging.Total);
        var itemType = types.Of(items.Type.Items!);
        w.WriteLine("/// <summary>Walks the pages of the APIG operations of this namespace that page with offset and limit.</summary>");
        using (w.Open("public static partial class " + GeneratedNames.Client + "Paging"))
        {
            w.WriteLine($"/// <summary>Every item of every page of {CSharp.Code(operation.Id)}, fetched page by page as you enumerate.</summary>");
            w.WriteLine($"/// <remarks>Starts at the request's {CSharp.Code(offset.JsonName)} (0 when unset) and moves it by the number of items each page returns, until a page is empty{(total is null ? string.Empty : ", the offset reaches " + CSharp.Code(total.JsonName))}{(paging.Limit is null ? "." : ", or a page is shorter than the request's " + CSharp.Code(operation.Parameters.Select(p => p.Property).First(p => p.Name == paging.Limit).JsonName) + ".")} Each page is a separate call, validated and authenticated like any other. A page that repeats the previous one, or more pages than the first page's total allows, stops the walk with an <see cref=\"global::ApigGen.ApigTransportException\"/>.</remarks>");
            w.WriteLine("/// <param name=\"client\">The client.</param>");
            w.WriteLine("/// <param name=\"request\">The first page's request.</param>");
            w.WriteLine("/// <param name=\"cancellationToken\">Cancels the enumeration.</param>");
            w.WriteLine("/// <returns>The items, in server order.</returns>");
            w.WriteLine(SpecFileEmitter.GeneratedTypeAttributes);
            using (w.Open($"public static global::System.Collections.Generic.IAsyncEnumerable<{itemType}> {operation.Id}AllAsync(this {GeneratedNames.ClientInterface} client, {operation.Id}{GeneratedNames.RequestSuffix} request, global::System.Threading.CancellationToken cancellationToken = default)"))
            {
                w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(client);");
                w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(request);");
                var next = offset.Type.Kind == TypeKind.Int32 ? "(int)offset" : "offset";
                var fetch = $"(offset, token) => client.{operation.Id}Async(request with {{ {offset.Name} = {next} }}, token)";
                var limit = paging.Limit is null ? "null" : "request." + paging.Limit;
                var pageTotal = total is null ? "null" : "static page => page." + total.Name;
                w.WriteLine($"return {Runtime}.ApigPaging.WalkAsync({operation.Id:literal}, request.{offset.Name} ?? 0, {limit}, {fetch}, static page => page.{items.Name}, {pageTotal}, static page => page.{GeneratedNames.RequestId}, cancellationToken);");
            }
        }
    }

    /// <summary>"The request of <c>Id</c>: its summary." (or "response"), the summary of the operation's request and response types.</summary>
    internal static string TypeSummary(string what, OperationModel operation)
    {
        var text = Docs.Text().Append("The ").Append(what).Append(" of ").AppendCode(operation.Id).Append(": ");
        return (string.IsNullOrWhiteSpace(operation.Summary) ? text.AppendCode(operation.Id) : text.Append(CSharp.Xml(operation.Summary!))).Append('.').ToString();
    }

    private static void MethodDocs(SourceWriter w, OperationModel operation)
    {
        if (!Docs.Summary(w, operation.Summary))
        {
            Docs.SummaryWithCode(w, string.Empty, operation.Id, ".");
        }

        var paragraphs = new List<string>(3);
        if (!string.IsNullOrWhiteSpace(operation.Description))
        {
            paragraphs.Add(CSharp.Xml(operation.Description!));
        }

        paragraphs.Add(Docs.Text().AppendCode(operation.Method + " " + operation.PathTemplate).Append("; success: ").Append(SpecFileEmitter.Status(operation.Response.Status))
            .Append("; auth: ").Append(operation.Auth switch { OperationAuth.Both => "token or AK/SK", OperationAuth.Token => "token only", _ => "AK/SK only" })
            .Append("; throws what every operation throws (<see cref=\"" + GeneratedNames.Client + "\"/>).").ToString());
        if (operation.Errors.Count > 0)
        {
            var errors = Docs.Text().Append("Documented errors: ");
            for (var i = 0; i < operation.Errors.Count; i++)
            {
                var error = operation.Errors[i];
                (i == 0 ? errors : errors.Append("; ")).Append(SpecFileEmitter.Status(error.Status));
                if (error.Description is not null)
                {
                    errors.Append(' ').Append(CSharp.Xml(error.Description));
                }

                if (error.Code is not null)
                {
                    errors.Append(" (").AppendCode(error.Code).Append(')');
                }
            }

            paragraphs.Add(errors.Append('.').ToString());
        }

        if (operation.Body is { IsForm: true })
        {
            paragraphs.Add("The body is sent as <c>multipart/form-data</c>: each file part's stream is read from its position to its end before anything is sent (so a retry sends the same bytes), and is not disposed.");
        }

        if (operation.Response.IsBinary)
        {
            paragraphs.Add("The response holds the body as a stream the caller owns: dispose the response. The call's timeout ends with the answer's headers; bound the reading with your own cancellation.");
        }

        Docs.Remarks(w, paragraphs);
        w.WriteLine("/// <param name=\"request\">The request; validated before anything is sent.</param>");
        w.WriteLine("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        w.WriteLine("/// <returns>The response with its status and request id.</returns>");
    }

    private static void EmitClientMethod(SourceWriter w, OperationModel operation)
    {
        var request = operation.Id + GeneratedNames.RequestSuffix;
        var response = operation.Id + GeneratedNames.ResponseSuffix;
        using (w.Open("public sealed partial class " + GeneratedNames.Client))
        {
            MethodDocs(w, operation);
            using (w.Open($"public global::System.Threading.Tasks.Task<{response}> {operation.Id}Async({request} request, global::System.Threading.CancellationToken cancellationToken = default)"))
            {
                // Usage errors are thrown by the call itself, before a task is returned; the method hands the pipeline's
                // task back as it is (no state machine of its own), unless it must read a file part first.
                w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(request);");
                w.WriteLine("request." + GeneratedNames.Validate + "();");
                if (operation.Body is { IsForm: true } form && form.FormParts.Any(p => p.Type.Kind == TypeKind.File))
                {
                    w.WriteLine("return SendAsync(request, cancellationToken);");
                    w.BlankLine();
                    using (w.Open($"async global::System.Threading.Tasks.Task<{response}> SendAsync({request} request, global::System.Threading.CancellationToken cancellationToken)"))
                    {
                        EmitBuildAndSend(w, operation, response, awaits: true);
                    }
                }
                else
                {
                    EmitBuildAndSend(w, operation, response, awaits: false);
                }
            }
        }
    }

    /// <summary>The request's message (path, query, headers, body) and its send, whose task is the method's result.</summary>
    private static void EmitBuildAndSend(SourceWriter w, OperationModel operation, string response, bool awaits)
    {
        w.WriteLine($"var message = _pipeline.CreateRequest({HttpMethod(operation.Method)}, {operation.Id:literal}{(operation.Idempotent ? ExplicitAuthModes(operation.Auth) + ", idempotent: true" : AuthModes(operation.Auth))});");
        WritePath(w, operation);
        var parameterLocals = new HashSet<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.In != ParameterLocation.Path))
        {
            var property = parameter.Property;
            var add = parameter.In == ParameterLocation.Query ? "AddQuery" : "AddHeader";
            if (property.Type.Kind != TypeKind.Array && (parameter.In == ParameterLocation.Query || property.Type.Kind == TypeKind.String))
            {
                // One line: the typed overloads add nothing for null (an unset optional parameter).
                var access = "request." + property.Name + (property.Type.Kind == TypeKind.Enum ? (property.Required ? "." : "?.") + GeneratedNames.EnumValue : string.Empty);
                w.WriteLine($"message.{add}({property.JsonName:literal}, {access});");
                continue;
            }

            var local = RecordEmitter.Unique(parameterLocals, CSharp.Local(property.Name, "Parameter"));
            using (w.OpenIf(property.Required && property.Type.IsValueType ? null : "if (request." + property.Name + " is { } " + local + ")"))
            {
                if (property.Required && property.Type.IsValueType)
                {
                    w.WriteLine($"var {local} = request.{property.Name};");
                }

                if (property.Type.Kind == TypeKind.Array)
                {
                    using (w.Open($"foreach (var item in {local})"))
                    {
                        w.WriteLine($"message.{add}({property.JsonName:literal}, {WireValue(parameter.In, property.Type.Items!, "item")});");
                    }
                }
                else
                {
                    w.WriteLine($"message.{add}({property.JsonName:literal}, {WireValue(parameter.In, property.Type, local)});");
                }
            }
        }

        if (operation.Body is { } body)
        {
            using (w.OpenIf(body.Required ? null : "if (request." + GeneratedNames.Body + " is { } body)"))
            {
                var bodyAccess = body.Required ? "request." + GeneratedNames.Body : "body";
                if (body.IsForm)
                {
                    WriteFormParts(w, body, bodyAccess);
                }
                else
                {
                    w.WriteLine($"{bodyAccess}.{GeneratedNames.WriteJson}(message.StartJsonBody());");
                    w.WriteLine("message.EndJsonBody();");
                }
            }
        }

        w.BlankLine();
        var send = $"_pipeline.{(operation.Response.IsBinary ? "SendStreamingAsync" : "SendAsync")}(message, {ReadResult(operation, response)}, cancellationToken)";
        w.WriteLine(awaits ? "return await " + send + ".ConfigureAwait(false);" : "return " + send + ";");
    }

    /// <summary>The parts of a <c>multipart/form-data</c> body, in the schema's member order; an unset optional part is left out.</summary>
    private static void WriteFormParts(SourceWriter w, BodyModel body, string bodyAccess)
    {
        w.WriteLine("message.StartFormBody();");
        var locals = new HashSet<string>();
        foreach (var part in body.FormParts)
        {
            var direct = part.Required && (part.Type.IsValueType || part.Type.Kind is TypeKind.String or TypeKind.File);
            var local = direct ? bodyAccess + "." + part.Name : RecordEmitter.Unique(locals, CSharp.Local(part.Name, "Part"));
            using (w.OpenIf(direct ? null : $"if ({bodyAccess}.{part.Name} is {{ }} {local})"))
            {
                var name = CSharp.Literal(part.JsonName);
                w.WriteLine(part.Type.Kind == TypeKind.File
                    ? "await message.AddFormFileAsync(" + name + ", " + local + ", cancellationToken).ConfigureAwait(false);"
                    : "message.AddFormField(" + name + ", " + FormValue(part.Type, local) + ");");
            }
        }

        w.WriteLine("message.EndFormBody();");
    }

    /// <summary>A text field's value for the typed <c>AddFormField</c> overloads: an enum's wire value, anything else as it is.</summary>
    private static string FormValue(TypeModel type, string value) => type.Kind == TypeKind.Enum ? value + "." + GeneratedNames.EnumValue : value;

    /// <summary>
    /// The static lambda that turns a success answer into the result: the body read as JSON (the pipeline's body-reader
    /// overload when no header is declared), a binary body's stream, or no body; with the declared response headers. The
    /// pipeline disposes a binary body's stream when the lambda fails, so taking it last leaks nothing.
    /// </summary>
    private static string ReadResult(OperationModel operation, string response)
    {
        var result = operation.Response;
        var headers = result.Headers.Select((h, i) => h.Name + " = " + HeaderValue(h, response, "header" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        const string common = GeneratedNames.StatusCode + " = response.StatusCode, " + GeneratedNames.RequestId + " = response.RequestId";
        if (result.HasBody)
        {
            var readBody = $"static {RecordEmitter.ResponseReadSignature} => new {response}(ref reader, statusCode, requestId)";
            return headers.Count == 0
                ? readBody
                : $"static response => {Runtime}.ApigResponseReader.Read(response, {readBody}) with {{ {string.Join(", ", headers)} }}";
        }

        var members = result.IsBinary
            ? new[] { common, GeneratedNames.ContentType + " = response.ContentType" }.Concat(headers).Concat(new[] { GeneratedNames.Content + " = response.TakeContent()" })
            : new[] { common }.Concat(headers);
        return "static response => new " + response + " { " + string.Join(", ", members) + " }";
    }

    /// <summary>A declared response header's value, read as its type (null when missing); <paramref name="local"/> names an enum's raw value.</summary>
    private static string HeaderValue(PropertyModel header, string response, string local)
    {
        var name = CSharp.Literal(header.JsonName);
        return header.Type.Kind switch
        {
            TypeKind.Int32 => $"response.GetHeaderInt32({name})",
            TypeKind.Int64 => $"response.GetHeaderInt64({name})",
            TypeKind.Number => $"response.GetHeaderNumber({name})",
            TypeKind.Boolean => $"response.GetHeaderBoolean({name})",
            TypeKind.DateTime => $"response.GetHeaderDateTime({name})",
            // The cast: a string enum converts implicitly from string, so a bare null would become an enum of a null string.
            TypeKind.Enum => $"response.{(header.Type.Enum!.IsInteger ? "GetHeaderInt32" : "GetHeader")}({name}) is {{ }} {local} ? new {response}.{header.Type.Enum.TypeName}({local}) : ({response}.{header.Type.Enum.TypeName}?)null",
            _ => $"response.GetHeader({name})",
        };
    }

    private static void EmitInterfaceMethod(SourceWriter w, OperationModel operation)
    {
        using (w.Open("public partial interface " + GeneratedNames.ClientInterface))
        {
            // The contract is documented once, on the client's method (where F12 lands); the interface inherits it.
            w.WriteLine($"/// <inheritdoc cref=\"{GeneratedNames.Client}.{operation.Id}Async\"/>");
            w.WriteLine($"global::System.Threading.Tasks.Task<{operation.Id}{GeneratedNames.ResponseSuffix}> {operation.Id}Async({operation.Id}{GeneratedNames.RequestSuffix} request, global::System.Threading.CancellationToken cancellationToken = default);");
        }
    }

    /// <summary>A query value goes to the typed <c>AddQuery</c> overloads (invariant formatting in one place); path and header values become strings here.</summary>
    private static string WireValue(ParameterLocation location, TypeModel type, string value) =>
        location == ParameterLocation.Query
            ? (type.Kind == TypeKind.Enum ? value + "." + GeneratedNames.EnumValue : value)
            : ToWireString(type, value);

    private static string ToWireString(TypeModel type, string value) => type.Kind switch
    {
        TypeKind.String => value,
        TypeKind.Int32 or TypeKind.Int64 => value + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.Number => value + ".ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture)",
        TypeKind.Boolean => "(" + value + " ? \"true\" : \"false\")",
        TypeKind.DateTime => value + ".ToString(\"O\", global::System.Globalization.CultureInfo.InvariantCulture)",
        // The wire value, never the member name that ToString() of an integer enum prints.
        _ => type.Enum!.IsInteger ? value + "." + GeneratedNames.EnumValue + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture)" : value + "." + GeneratedNames.EnumValue,
    };

    /// <summary>Nothing when the operation accepts both (the runtime's default), else the one mode it accepts.</summary>
    /// <summary>The auth modes written out, as the overload that takes <c>idempotent</c> needs them.</summary>
    private static string ExplicitAuthModes(OperationAuth auth) => auth == OperationAuth.Both
        ? ", " + Runtime + ".ApigAuthModes.Token | " + Runtime + ".ApigAuthModes.AccessKey"
        : AuthModes(auth);

    private static string AuthModes(OperationAuth auth) => auth switch
    {
        OperationAuth.Both => string.Empty,
        OperationAuth.Token => ", " + Runtime + ".ApigAuthModes.Token",
        _ => ", " + Runtime + ".ApigAuthModes.AccessKey",
    };

    /// <summary>
    /// The path, piece by piece from the template (which the binder checked): literal text, <c>{project_id}</c> from
    /// the options, and each <c>{parameter}</c> escaped as one segment.
    /// </summary>
    private static void WritePath(SourceWriter w, OperationModel operation)
    {
        // One chained statement: the pieces read in the template's order.
        var chain = new System.Text.StringBuilder("message");
        var template = operation.PathTemplate;
        var start = 0;
        while (start < template.Length)
        {
            var open = template.IndexOf('{', start);
            var literalEnd = open < 0 ? template.Length : open;
            if (literalEnd > start)
            {
                chain.Append(".AppendPath(").Append(CSharp.Literal(template.Substring(start, literalEnd - start))).Append(')');
            }

            if (open < 0)
            {
                break;
            }

            var close = template.IndexOf('}', open);
            var name = template.Substring(open + 1, close - open - 1);
            if (name == "project_id")
            {
                chain.Append(".AppendProjectId()");
            }
            else
            {
                var property = PathParameter(operation, name);
                chain.Append(".AppendPathParameter(").Append(ToWireString(property.Type, "request." + property.Name)).Append(')');
            }

            start = close + 1;
        }

        if (chain.Length > "message".Length)
        {
            w.WriteLine(chain.Append(';').ToString());
        }
    }

    private static PropertyModel PathParameter(OperationModel operation, string jsonName)
    {
        foreach (var parameter in operation.Parameters)
        {
            if (parameter.In == ParameterLocation.Path && parameter.Property.JsonName == jsonName)
            {
                return parameter.Property;
            }
        }

        throw new System.InvalidOperationException("The path parameter '" + jsonName + "' is not declared; the binder lets no such operation through.");
    }

    private static string HttpMethod(string method) => method switch
    {
        "GET" => "global::System.Net.Http.HttpMethod.Get",
        "POST" => "global::System.Net.Http.HttpMethod.Post",
        "PUT" => "global::System.Net.Http.HttpMethod.Put",
        "DELETE" => "global::System.Net.Http.HttpMethod.Delete",
        "PATCH" => "global::System.Net.Http.HttpMethod.Patch",
        "HEAD" => "global::System.Net.Http.HttpMethod.Head",
        _ => "global::System.Net.Http.HttpMethod.Options",
    };

    internal static string Kind(ParameterLocation location) => location switch
    {
        ParameterLocation.Path => "path parameter",
        ParameterLocation.Query => "query parameter",
        _ => "header",
    };
}
