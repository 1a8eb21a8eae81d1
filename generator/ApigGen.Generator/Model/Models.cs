namespace ApigGen.Generator.Model;

// The pipeline's models. Contract (tested by walking the graph): records of strings, numbers, bools, enums and
// EquatableArray only, nothing Roslyn-live, and no positions, so a whitespace or comment edit of a spec compares
// equal and regenerates nothing. Diagnostics travel beside these models as DiagnosticInfo.

/// <summary>
/// Options of the whole project, reduced from the analyzer config and parse options to what binding needs: the namespace
/// of specs that name none ($(ApigGenNamespace), else $(RootNamespace).Apig, else Apig), worked out once per project, and
/// the C# version the project compiles when it is older than generated code needs (null when it is not).
/// </summary>
internal sealed record GlobalOptionsModel(string ProjectNamespace, string? OlderLanguageVersion = null);

/// <summary>One spec file as read from an additional text: path, hint name, text and per-file namespace option.</summary>
internal sealed record SpecInputModel(string Path, string HintName, string Text, string? NamespaceOption);

/// <summary>Everything generated from one spec file.</summary>
internal sealed record SpecFileModel(
    string HintName,
    string Namespace,
    OperationModel? Operation,
    EquatableArray<SchemaModel> Schemas);

/// <summary>One operation: request, response and the client method.</summary>
internal sealed record OperationModel(
    string Id,
    string? Summary,
    string? Description,
    string Method,
    string PathTemplate,
    EquatableArray<ParameterModel> Parameters,
    BodyModel? Body,
    ResponseModel Response,
    EquatableArray<ErrorResponseModel> Errors,
    OperationAuth Auth,
    PagingModel? Paging,
    bool Idempotent);

/// <summary>Which credentials an operation accepts (the spec's <c>auth</c> list).</summary>
[System.Flags]
internal enum OperationAuth
{
    Token = 1,
    AkSk = 2,
    Both = Token | AkSk,
}

/// <summary>Offset/limit paging: C# names of the offset and limit parameters and of the items and total response members.</summary>
internal sealed record PagingModel(string Offset, string? Limit, string Items, string? Total);

internal enum ParameterLocation
{
    Path,
    Query,
    Header,
}

/// <summary>A path, query or header parameter of an operation, as a request property.</summary>
internal sealed record ParameterModel(ParameterLocation In, PropertyModel Property);

/// <summary>
/// The request body: a named schema, sent as JSON, or (<see cref="FormParts"/> not empty) as <c>multipart/form-data</c>
/// whose parts are that schema's members, in order.
/// </summary>
internal sealed record BodyModel(string SchemaName, bool Required, string? Description)
{
    /// <summary>The parts of a <c>multipart/form-data</c> body (the schema's members); empty for a JSON body.</summary>
    public EquatableArray<PropertyModel> FormParts { get; init; } = EquatableArray<PropertyModel>.Empty;

    public bool IsForm => FormParts.Count > 0;
}

/// <summary>
/// The success response: status, the body's fields when it has one (or, <see cref="IsBinary"/>, the body as a stream),
/// and the response headers the spec declares (<see cref="PropertyModel.JsonName"/> is the header's name).
/// <see cref="WholeBody"/>: the body is one value (a map, from <c>additionalProperties</c>), and <see cref="Properties"/>
/// holds exactly one member, <c>Body</c>, for it.
/// </summary>
internal sealed record ResponseModel(int Status, string? Description, EquatableArray<PropertyModel> Properties, bool HasBody, bool WholeBody = false)
{
    /// <summary>The body is binary (<c>content: binary</c>): the response holds it as a stream the caller disposes.</summary>
    public bool IsBinary { get; init; }

    /// <summary>The declared response headers, each a nullable property (<c>X-Request-Id</c> aside: it is <c>RequestId</c>).</summary>
    public EquatableArray<PropertyModel> Headers { get; init; } = EquatableArray<PropertyModel>.Empty;
}

/// <summary>A documented error status with its example error code (what the client's docs list).</summary>
internal sealed record ErrorResponseModel(int Status, string? Description, string? Code);

/// <summary>
/// A named schema, emitted once per namespace: an object (a record of <see cref="Properties"/>), or, when
/// <see cref="Enum"/> is set, a named enum (an extensible value type of that name, without properties or rules).
/// </summary>
internal sealed record SchemaModel(string Name, string? Description, EquatableArray<PropertyModel> Properties, EquatableArray<RuleModel> Rules, EnumModel? Enum = null);

/// <summary>A rule across members: when the member <see cref="When"/> (a C# name) equals <see cref="EqualsValue"/>, the members <see cref="Require"/> must be set.</summary>
internal sealed record RuleModel(string When, string EqualsValue, EquatableArray<string> Require);

/// <summary>A member of an object, or a parameter.</summary>
internal sealed record PropertyModel(
    string JsonName,
    string Name,
    TypeModel Type,
    bool Required,
    bool Secret,
    string? Description,
    ConstraintsModel Constraints,
    string? Default);

internal enum TypeKind
{
    String,
    Int32,
    Int64,
    Number,
    Boolean,
    DateTime,
    Array,
    Schema,
    Enum,

    /// <summary>A JSON object with free keys (<c>additionalProperties</c>): <see cref="TypeModel.Items"/> is the values' type, <see cref="TypeModel.ValueConstraints"/> their constraints.</summary>
    Map,

    /// <summary>Free-form JSON (<c>type: any</c>): a <c>System.Text.Json.JsonElement</c>.</summary>
    Any,

    /// <summary>A file part of a multipart/form-data body (<c>type: file</c>): <c>ApigGen.ApigFile</c>.</summary>
    File,
}

/// <summary>
/// A type: a primitive, an array of <see cref="Items"/>, a map whose values are <see cref="Items"/> (each checked
/// against <see cref="ValueConstraints"/>), free-form JSON, a schema reference, or an enum. An enum with a
/// <see cref="SchemaName"/> is a named enum (a schema of the namespace); without one it is an inline enum, nested in
/// the type that declares the member.
/// </summary>
internal sealed record TypeModel(TypeKind Kind, string? SchemaName = null, TypeModel? Items = null, EnumModel? Enum = null, ConstraintsModel? ValueConstraints = null)
{
    // Primitive types are shared: every spec has many members, and each object the driver keeps costs garbage collection time.
    public static readonly TypeModel String = new(TypeKind.String);
    public static readonly TypeModel DateTime = new(TypeKind.DateTime);
    public static readonly TypeModel Int32 = new(TypeKind.Int32);
    public static readonly TypeModel Int64 = new(TypeKind.Int64);
    public static readonly TypeModel Number = new(TypeKind.Number);
    public static readonly TypeModel Boolean = new(TypeKind.Boolean);
    public static readonly TypeModel Any = new(TypeKind.Any);
    public static readonly TypeModel File = new(TypeKind.File);

    public bool IsValueType => Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Number or TypeKind.Boolean or TypeKind.DateTime or TypeKind.Enum or TypeKind.Any;

    /// <summary>The type inside every array and map level (the type itself when it is neither).</summary>
    public TypeModel Innermost
    {
        get
        {
            var current = this;
            while (current.Items is { } items)
            {
                current = items;
            }

            return current;
        }
    }
}

/// <summary>An enum's values and their C# names: an inline enum (nested <c>{Member}Enum</c>) or a named one (the schema's name).</summary>
internal sealed record EnumModel(string TypeName, bool IsInteger, EquatableArray<EnumMemberModel> Members);

/// <summary>A known value: its C# name, its wire value, and what it means when the spec says (<c>enumDescriptions</c>).</summary>
internal sealed record EnumMemberModel(string Name, string Value, string? Description = null);

/// <summary>Validation constraints; numbers are kept as invariant strings.</summary>
internal sealed record ConstraintsModel(
    int? MinLength = null,
    int? MaxLength = null,
    string? Pattern = null,
    string? Minimum = null,
    string? Maximum = null,
    int? MinItems = null,
    int? MaxItems = null)
{
    public static readonly ConstraintsModel None = new();

    public bool IsEmpty => this == None;
}

/// <summary>
/// Where a schema lives, which file emits it, and how the project uses it: <see cref="Written"/> when a request body
/// reaches it (it needs JSON writing and validation), <see cref="Read"/> when a response reaches it (it needs JSON
/// reading). A schema nothing reaches gets both, for hand-written use, and so does every schema it refers to.
/// </summary>
/// <remarks><see cref="Enum"/> is set when the schema is a named enum: files that refer to it from another file learn its values here.</remarks>
internal sealed record SchemaIndexEntry(string Name, string Namespace, string OwnerHintName, bool Read, bool Written, EnumModel? Enum = null);

/// <summary>
/// Every schema of the project (sorted), with a by-name lookup built on first use. Equality is the entries'
/// alone: the lookup is a cache, not state.
/// </summary>
internal sealed record SchemaIndexModel(EquatableArray<SchemaIndexEntry> Entries)
{
    private System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<SchemaIndexEntry>>? _byName;

    /// <summary>The entries with this name, in every namespace.</summary>
    public System.Collections.Generic.IReadOnlyList<SchemaIndexEntry> Named(string name)
    {
        var byName = _byName;
        if (byName is null)
        {
            byName = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<SchemaIndexEntry>>(System.StringComparer.Ordinal);
            foreach (var entry in Entries)
            {
                if (!byName.TryGetValue(entry.Name, out var list))
                {
                    byName[entry.Name] = list = new System.Collections.Generic.List<SchemaIndexEntry>(1);
                }

                list.Add(entry);
            }

            _byName = byName;
        }

        return byName.TryGetValue(name, out var found) ? found : (System.Collections.Generic.IReadOnlyList<SchemaIndexEntry>)System.Array.Empty<SchemaIndexEntry>();
    }

    public bool Equals(SchemaIndexModel? other) => other is not null && Entries.Equals(other.Entries);

    public override int GetHashCode() => Entries.GetHashCode();
}

/// <summary>What the emit step of one spec file gets: its model and the index entries it uses.</summary>
internal sealed record EmitInputModel(SpecFileModel File, EquatableArray<SchemaIndexEntry> Schemas);
