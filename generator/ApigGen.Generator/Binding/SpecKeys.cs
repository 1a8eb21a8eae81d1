using System.Linq;

namespace ApigGen.Generator.Binding;

/// <summary>
/// The keys each part of a spec may have (anything else is APIG0102 with the closest key suggested), and the fixed
/// values some keys take. SpecFormatDocsTests holds the spec reference's JSON Schema to these lists.
/// </summary>
internal static class SpecKeys
{
    public static readonly string[] Top = { "namespace", "operation", "schemas" };
    public static readonly string[] Operation = { "id", "summary", "description", "method", "path", "auth", "idempotent", "paging", "parameters", "body", "responses", "errors" };
    public static readonly string[] Paging = { "offset", "limit", "items", "total" };
    public static readonly string[] Rule = { "when", "require" };
    public static readonly string[] When = { "member", "equals" };
    public static readonly string[] Type = { "type", "format", "schema", "items", "enum", "enumNames", "enumDescriptions", "description", "required", "secret", "default", "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems", "csharpName", "additionalProperties" };
    public static readonly string[] Parameter = Type.Where(key => key != "additionalProperties").Concat(new[] { "name", "in" }).ToArray();
    public static readonly string[] Items = { "type", "format", "schema", "items", "enum", "enumNames", "enumDescriptions", "description", "additionalProperties" };

    /// <summary>The keys of a map's <c>additionalProperties</c>: an item type, and the constraints every value must meet.</summary>
    public static readonly string[] MapValues = Items.Concat(new[] { "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems" }).ToArray();
    public static readonly string[] Body = { "schema", "required", "description", "contentType" };
    public static readonly string[] Response = { "description", "properties", "schema", "additionalProperties", "content", "headers" };
    public static readonly string[] ResponseHeader = { "type", "format", "enum", "enumNames", "enumDescriptions", "description", "csharpName" };

    /// <summary>The body content types an operation may send (<c>body: contentType</c>); the first is the default.</summary>
    public static readonly string[] BodyContentTypes = { "application/json", "multipart/form-data" };
    public static readonly string[] Error = { "description", "code", "message" };
    public static readonly string[] Schema = { "description", "properties", "rules", "type", "format", "enum", "enumNames", "enumDescriptions" };

    /// <summary>The HTTP methods an operation may use, as written in the output.</summary>
    public static readonly string[] Methods = { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" };

    /// <summary>
    /// Headers HttpClient keeps for a body's content (lower case; <c>content-type</c> is in <see cref="AuthHeaders"/>): it
    /// refuses them on a request, so a header parameter of one of these names could never be sent.
    /// </summary>
    public static readonly string[] ContentHeaders = { "allow", "content-disposition", "content-encoding", "content-language", "content-length", "content-location", "content-md5", "content-range", "expires", "last-modified" };

    /// <summary>Header parameters the runtime sets from the credentials and options (lower case): a spec's are skipped.</summary>
    public static readonly string[] AuthHeaders = { "x-auth-token", "authorization", "x-sdk-date", "x-project-id", "x-security-token", "host", "content-type" };
}
