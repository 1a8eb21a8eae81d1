using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ApigGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic ApigGen reports. Ids are grouped by hundreds: 00xx the file or the project itself, 01xx YAML,
/// 02xx the spec's content, 03xx rules across spec files. Keep AnalyzerReleases.Unshipped.md and specs/README.md in step.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "ApigGen";

    public static readonly DiagnosticDescriptor InternalError = Error("APIG0001", "ApigGen failed on a spec", "ApigGen could not process this spec: {0}. Please report this as a bug.");
    public static readonly DiagnosticDescriptor EmptyFile = new("APIG0002", "Empty spec file", "The spec file is empty; nothing is generated from it", Category, DiagnosticSeverity.Warning, true);
    public static readonly DiagnosticDescriptor IncludedTwice = new("APIG0004", "Spec file included more than once", "This spec file is an AdditionalFiles item {0} times; it is generated once (set ApigGenEnableDefaultSpecItems to false when you list specs yourself)", Category, DiagnosticSeverity.Warning, true);
    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error("APIG0005", "C# version too old for generated code", "ApigGen's generated code needs C# 11 or later (required members, UTF-8 string literals); this project compiles C# {0}. Remove <LangVersion> from the project (the .NET 8 SDK's default is C# 12) or set it to 11 or later. Nothing is generated until then");
    public static readonly DiagnosticDescriptor FileTooLarge = Error("APIG0003", "Spec file too large", "The spec file has {0} characters; ApigGen reads spec files of at most {1}");

    public static readonly DiagnosticDescriptor YamlSyntax = Error("APIG0101", "YAML syntax error", "YAML syntax error: {0}");
    public static readonly DiagnosticDescriptor TooDeep = Error("APIG0102", "YAML nested too deeply", "The YAML is nested deeper than {0} levels");
    public static readonly DiagnosticDescriptor AliasNotSupported = Error("APIG0103", "YAML aliases are not supported", "YAML aliases (*{0}) are not supported in spec files; write the value out");
    public static readonly DiagnosticDescriptor DuplicateKey = Error("APIG0104", "Duplicate key", "The key '{0}' appears more than once in this mapping");
    public static readonly DiagnosticDescriptor MultipleDocuments = Error("APIG0105", "More than one YAML document", "A spec file holds one YAML document; this one starts a second");

    public static readonly DiagnosticDescriptor UnknownKey = Error("APIG0201", "Unknown key", "Unknown key '{0}' in {1}{2}");
    public static readonly DiagnosticDescriptor MissingKey = Error("APIG0202", "Missing key", "The key '{1}' is missing from {0}");
    public static readonly DiagnosticDescriptor WrongValueKind = Error("APIG0203", "Wrong kind of value", "'{0}' must be {1}");
    public static readonly DiagnosticDescriptor InvalidValue = Error("APIG0204", "Invalid value", "'{0}' has an invalid value '{1}': {2}");
    public static readonly DiagnosticDescriptor InvalidIdentifier = Error("APIG0205", "Not a valid C# identifier", "'{0}' is not usable as a C# name ({1})");
    public static readonly DiagnosticDescriptor PathParameterNotDeclared = Error("APIG0206", "Path parameter not declared", "The path template uses '{{{0}}}' but no path parameter '{0}' is declared");
    public static readonly DiagnosticDescriptor PathParameterNotInTemplate = Error("APIG0207", "Path parameter not in the template", "The path parameter '{0}' does not appear in the path template");
    public static readonly DiagnosticDescriptor MinGreaterThanMax = Error("APIG0208", "Minimum greater than maximum", "{0} ({1}) is greater than {2} ({3})");
    public static readonly DiagnosticDescriptor InvalidPattern = Error("APIG0209", "Invalid regular expression", "The pattern is not a valid .NET regular expression: {0}");
    public static readonly DiagnosticDescriptor NameCollision = Error("APIG0210", "Generated names collide", "'{0}' becomes the C# name '{1}', which {2}");
    public static readonly DiagnosticDescriptor SuccessResponse = Error("APIG0211", "One success response needed", "{0}");
    public static readonly DiagnosticDescriptor ConstraintNotApplicable = Error("APIG0212", "Constraint does not apply", "'{0}' does not apply to a value of type {1}");
    public static readonly DiagnosticDescriptor InvalidPathTemplate = Error("APIG0213", "Invalid path template", "The path template is invalid: {0}");
    public static readonly DiagnosticDescriptor UnknownMember = Error("APIG0214", "Unknown member", "'{0}' is not a member of this schema");

    public static readonly DiagnosticDescriptor UnresolvedSchema = Error("APIG0301", "Unknown schema", "No spec of this project defines the schema '{0}'");
    public static readonly DiagnosticDescriptor ConflictingSchema = Error("APIG0302", "Conflicting schema definitions", "The schema '{0}' in namespace '{1}' is defined differently in {2}; identical definitions merge, differing ones must be renamed");
    public static readonly DiagnosticDescriptor DuplicateOperation = Error("APIG0303", "Duplicate operation id", "The operation '{0}' in namespace '{1}' is also defined in {2}");
    public static readonly DiagnosticDescriptor AmbiguousSchema = Error("APIG0304", "Ambiguous schema reference", "The schema '{0}' is defined in several namespaces ({1}); define it in this spec or in its namespace");
    public static readonly DiagnosticDescriptor WrongSchemaKind = Error("APIG0305", "Schema of the wrong kind", "The schema '{0}' is {1}, but {2}");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = Index(
        InternalError, EmptyFile, FileTooLarge, IncludedTwice, LanguageVersionTooOld,
        YamlSyntax, TooDeep, AliasNotSupported, DuplicateKey, MultipleDocuments,
        UnknownKey, MissingKey, WrongValueKind, InvalidValue, InvalidIdentifier, PathParameterNotDeclared, PathParameterNotInTemplate,
        MinGreaterThanMax, InvalidPattern, NameCollision, SuccessResponse, ConstraintNotApplicable, InvalidPathTemplate, UnknownMember,
        UnresolvedSchema, ConflictingSchema, DuplicateOperation, AmbiguousSchema, WrongSchemaKind);

    public static IEnumerable<DiagnosticDescriptor> All => ById.Values;

    public static DiagnosticDescriptor Get(string id) => ById[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var map = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var descriptor in descriptors)
        {
            map.Add(descriptor.Id, descriptor);
        }

        return map;
    }
}
