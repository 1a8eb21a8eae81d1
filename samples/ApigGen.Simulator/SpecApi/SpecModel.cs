using System;
using System.Collections.Generic;
using System.Globalization;

namespace ApigGen.Simulator.SpecApi;

/// <summary>
/// A value a spec describes: a parameter, a schema member, an array's items or a map's values. Only what the
/// simulator checks and answers with is kept (no descriptions, no C# names).
/// </summary>
public sealed class SpecValue
{
    /// <summary>The JSON or parameter name (empty for items and map values).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>For parameters: <c>path</c>, <c>query</c> or <c>header</c>; otherwise null.</summary>
    public string? In { get; init; }

    /// <summary><c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>array</c>, <c>object</c> (a map), <c>any</c> (free-form JSON), or null with <see cref="Schema"/>.</summary>
    public string? Type { get; init; }

    /// <summary><c>int32</c>, <c>int64</c>, <c>float</c>, <c>double</c>, <c>date-time</c> or null.</summary>
    public string? Format { get; init; }

    /// <summary>The named schema of an object value.</summary>
    public string? Schema { get; init; }

    /// <summary>The item of an array.</summary>
    public SpecValue? Items { get; init; }

    /// <summary>The value of a map (<c>additionalProperties</c>).</summary>
    public SpecValue? Values { get; init; }

    /// <summary>Known values, as written in the spec (strings, or integers as invariant text).</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>The Mandatory column.</summary>
    public bool Required { get; init; }

    /// <summary>Minimum length in code points.</summary>
    public int? MinLength { get; init; }

    /// <summary>Maximum length in code points.</summary>
    public int? MaxLength { get; init; }

    /// <summary>A .NET regular expression the whole value matches.</summary>
    public string? Pattern { get; init; }

    /// <summary>Inclusive lower bound of a number.</summary>
    public decimal? Minimum { get; init; }

    /// <summary>Inclusive upper bound of a number.</summary>
    public decimal? Maximum { get; init; }

    /// <summary>Minimum array length.</summary>
    public int? MinItems { get; init; }

    /// <summary>Maximum array length.</summary>
    public int? MaxItems { get; init; }

    /// <summary>True for <c>type: string, format: date-time</c>.</summary>
    public bool IsDateTime => Type == "string" && Format == "date-time";

    /// <summary>True for integers written as <c>int64</c>.</summary>
    public bool IsInt64 => Type == "integer" && Format == "int64";

    /// <inheritdoc />
    public override string ToString() => Name + ": " + (Type ?? Schema ?? "?") + (Required ? " (required)" : string.Empty);
}

/// <summary>A rule of a schema: when <see cref="Member"/> equals <see cref="EqualsText"/>, the members in <see cref="Require"/> are mandatory.</summary>
/// <param name="Member">The member whose value triggers the rule.</param>
/// <param name="EqualsText">The value, as written in the spec.</param>
/// <param name="Require">The members that become mandatory.</param>
public sealed record SpecRule(string Member, string EqualsText, IReadOnlyList<string> Require);

/// <summary>A named object schema.</summary>
public sealed class SpecSchema
{
    /// <summary>The schema name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The members, in spec order.</summary>
    public IReadOnlyList<SpecValue> Properties { get; init; } = Array.Empty<SpecValue>();

    /// <summary>Rules between members.</summary>
    public IReadOnlyList<SpecRule> Rules { get; init; } = Array.Empty<SpecRule>();
}

/// <summary>Offset/limit paging of a list operation.</summary>
/// <param name="Offset">The offset query parameter.</param>
/// <param name="Limit">The limit query parameter.</param>
/// <param name="Items">The response's array member.</param>
/// <param name="Total">The response's total member.</param>
public sealed record SpecPaging(string Offset, string Limit, string Items, string Total);

/// <summary>One catalogue operation.</summary>
public sealed class SpecOperation
{
    /// <summary>The operation id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The family folder under <c>specs/</c> (empty for a spec directly in <c>specs/</c>).</summary>
    public string Family { get; init; } = string.Empty;

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>The path template.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Accepted credentials: <c>token</c>, <c>aksk</c>.</summary>
    public IReadOnlyList<string> Auth { get; init; } = new[] { "token", "aksk" };

    /// <summary>Path, query and header parameters, in spec order.</summary>
    public IReadOnlyList<SpecValue> Parameters { get; init; } = Array.Empty<SpecValue>();

    /// <summary>The request body's schema, or null.</summary>
    public string? BodySchema { get; init; }

    /// <summary>Whether the body must be sent.</summary>
    public bool BodyRequired { get; init; }

    /// <summary>The documented success status.</summary>
    public int SuccessStatus { get; init; }

    /// <summary>The success body's members (inline, or those of <see cref="ResponseSchema"/>); empty for no body.</summary>
    public IReadOnlyList<SpecValue> ResponseProperties { get; init; } = Array.Empty<SpecValue>();

    /// <summary>The schema the success body takes its members from, or null.</summary>
    public string? ResponseSchema { get; init; }

    /// <summary>The values of a success body that is one map (<c>additionalProperties</c> on the response), or null.</summary>
    public SpecValue? ResponseValues { get; init; }

    /// <summary>True when the success status carries a JSON body.</summary>
    public bool HasResponseBody { get; init; }

    /// <summary>Paging, or null.</summary>
    public SpecPaging? Paging { get; init; }

    /// <summary>The path template split at '/', after <c>/v2/{project_id}/apigw/</c>.</summary>
    public IReadOnlyList<string> Segments { get; init; } = Array.Empty<string>();

    /// <summary>The resource path of the spec file, for messages.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>True when the path segment at <paramref name="index"/> is a <c>{parameter}</c>.</summary>
    public bool IsParameterSegment(int index) => Segments[index].StartsWith('{') && Segments[index].EndsWith('}');

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id}: {Method} {Path} -> {SuccessStatus}");
}
