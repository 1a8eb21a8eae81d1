namespace ApigGen.Generator.Model;

/// <summary>
/// The names generated code gives its own types and members. The binder refuses them to spec names (a member of the
/// same name would clash with or hide them), and the emitters write them: both read this one list.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The client class generated in every namespace that has an operation.</summary>
    public const string Client = "ApigClient";

    /// <summary>The client's interface.</summary>
    public const string ClientInterface = "IApigClient";

    /// <summary>The suffix of an operation's request type, <c>{id}Request</c>.</summary>
    public const string RequestSuffix = "Request";

    /// <summary>The suffix of an operation's response type, <c>{id}Response</c>.</summary>
    public const string ResponseSuffix = "Response";

    /// <summary>A record's public check: throws when the record is not valid.</summary>
    public const string Validate = "Validate";

    /// <summary>A record's public check: lists what is not valid.</summary>
    public const string GetValidationErrors = "GetValidationErrors";

    /// <summary>The internal method behind both checks (nested records call it too).</summary>
    public const string CollectErrors = "CollectErrors";

    /// <summary>Writes a record or an enum value as JSON.</summary>
    public const string WriteJson = "WriteJson";

    /// <summary>
    /// The prefix of the static fields that hold a written record's JSON names, encoded once (<c>JsonName_CertContent</c>,
    /// as System.Text.Json's generator names its own): no member may take a name that starts with it.
    /// </summary>
    public const string JsonNamePrefix = "JsonName_";

    /// <summary>
    /// Reserved: records read JSON in a constructor now, but a member may still not take this name (a spec that was
    /// refused stays refused, and the name stays free for the reader).
    /// </summary>
    public const string ReadJson = "ReadJson";

    /// <summary>The record's ToString body (the compiler's name for it).</summary>
    public const string PrintMembers = "PrintMembers";

    /// <summary>A name C# refuses to the members of records, record structs included (CS8859); every generated type is one or the other.</summary>
    public const string Clone = "Clone";

    /// <summary>Every response's HTTP status (declared by the runtime's <c>ApigOperationResponse</c>, which every response derives from).</summary>
    public const string StatusCode = "StatusCode";

    /// <summary>Every response's request id (declared by the runtime's <c>ApigOperationResponse</c>).</summary>
    public const string RequestId = "RequestId";

    /// <summary>The request member that holds the body, and the prefix of a response member whose name a generated one takes.</summary>
    public const string Body = "Body";

    /// <summary>A binary download's body stream, on its response.</summary>
    public const string Content = "Content";

    /// <summary>A binary download's media type, on its response.</summary>
    public const string ContentType = "ContentType";

    /// <summary>What a binary download's response adds to every response's members.</summary>
    public static readonly string[] BinaryResponseMembers = { Content, ContentType, "Dispose", "DisposeAsync" };

    /// <summary>The field of a generated reader's JSON member names (the runtime's <c>ApigJsonMembers</c>).</summary>
    public const string JsonMembers = "JsonMembers";

    /// <summary>An enum value's wire value.</summary>
    public const string EnumValue = "Value";

    /// <summary>Whether an enum value is one the spec lists.</summary>
    public const string IsKnown = "IsKnown";

    /// <summary>Whether an enum value was never set.</summary>
    public const string IsDefault = "IsDefault";

    /// <summary>
    /// What every generated type inherits from <c>object</c>: a member (or enum value) of the same name would hide it
    /// (CS0108, an error under TreatWarningsAsErrors) or clash with it.
    /// </summary>
    public static readonly string[] ObjectMembers = { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals" };

    /// <summary>Members every generated record (or <c>object</c>) already has: a spec member may not take their names.</summary>
    public static readonly string[] RecordMembers =
        new[] { Validate, GetValidationErrors, CollectErrors, WriteJson, ReadJson, JsonMembers, PrintMembers, Clone, "EqualityContract", "Deconstruct" }
            .Concat(ObjectMembers);

    /// <summary>
    /// Whether a record member may not take <paramref name="name"/>: one of <see cref="RecordMembers"/>, or a name of the
    /// JSON name fields (<see cref="JsonNamePrefix"/>).
    /// </summary>
    public static bool IsReservedRecordMember(string name) =>
        System.Array.IndexOf(RecordMembers, name) >= 0 || name.StartsWith(JsonNamePrefix, System.StringComparison.Ordinal);

    /// <summary>Members every generated enum type has (a record struct), besides what it inherits (<see cref="ObjectMembers"/>).</summary>
    public static readonly string[] EnumMembers = { EnumValue, IsKnown, IsDefault, WriteJson, PrintMembers, Clone };

    /// <summary>
    /// The members every response inherits from the runtime's <c>ApigOperationResponse</c> besides the body's, in the
    /// order ToString prints them (first): a response member may not take their names (it would hide them).
    /// </summary>
    public static readonly string[] ResponseMembers = { StatusCode, RequestId };

    private static string[] Concat(this string[] first, string[] second)
    {
        var all = new string[first.Length + second.Length];
        first.CopyTo(all, 0);
        second.CopyTo(all, first.Length);
        return all;
    }
}
