using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApigGen.Simulator.SpecApi;

/// <summary>
/// Checks a request against its operation's spec: path, query and header parameters and the JSON body (mandatory
/// members, types, enums, lengths, ranges, patterns, item counts, rules; unknown members and parameters are
/// allowed). Returns the name of the first parameter or member in violation, or null. Written on its own from the
/// spec format, sharing no code with the generated validation.
/// </summary>
public sealed class SpecValidator
{
    /// <summary>Headers the spec format accepts and ignores (the credentials and transport cover them).</summary>
    public static readonly IReadOnlySet<string> IgnoredHeaders = new HashSet<string>(
        new[] { "X-Auth-Token", "Authorization", "X-Sdk-Date", "X-Project-Id", "X-Security-Token", "Host", "Content-Type" }, StringComparer.OrdinalIgnoreCase);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private readonly SpecCatalogue _catalogue;

    /// <summary>A validator over a catalogue's schemas.</summary>
    public SpecValidator(SpecCatalogue catalogue) => _catalogue = catalogue;

    /// <summary>The first violation's parameter name, or null when the request is valid.</summary>
    /// <param name="operation">The matched operation.</param>
    /// <param name="pathValues">The decoded path values by parameter name.</param>
    /// <param name="query">The decoded query pairs.</param>
    /// <param name="headers">The request headers.</param>
    /// <param name="body">The body bytes.</param>
    public string? Check(SpecOperation operation, IReadOnlyDictionary<string, string> pathValues, IReadOnlyList<KeyValuePair<string, string>> query, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        foreach (var parameter in operation.Parameters)
        {
            if (parameter.Name == "project_id" && parameter.In == "path")
            {
                continue;
            }

            var values = parameter.In switch
            {
                "path" => pathValues.TryGetValue(parameter.Name, out var v) ? new List<string> { v } : new List<string>(),
                "query" => query.Where(q => q.Key == parameter.Name).Select(q => q.Value).ToList(),
                "header" when IgnoredHeaders.Contains(parameter.Name) => null,
                "header" => headers.TryGetValue(parameter.Name, out var h) ? new List<string> { h } : new List<string>(),
                _ => null,
            };
            if (values is null)
            {
                continue;
            }

            if (values.Count == 0)
            {
                if (parameter.Required)
                {
                    return parameter.Name;
                }

                continue;
            }

            if (parameter.Type == "array")
            {
                if ((parameter.MinItems is { } min && values.Count < min) || (parameter.MaxItems is { } max && values.Count > max))
                {
                    return parameter.Name;
                }

                if (parameter.Items is not null && values.Any(v => !TextFits(parameter.Items, v)))
                {
                    return parameter.Name;
                }
            }
            else if (values.Count > 1 || !TextFits(parameter, values[0]))
            {
                return parameter.Name;
            }
        }

        if (operation.BodySchema is null)
        {
            return null;
        }

        if (body.Length == 0)
        {
            return operation.BodyRequired ? "body" : null;
        }

        if (operation.BodyContentType == "multipart/form-data")
        {
            return CheckForm(_catalogue.Schema(operation.BodySchema), headers.TryGetValue("Content-Type", out var contentType) ? contentType : null, body);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return "body";
        }

        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? CheckObject(_catalogue.Schema(operation.BodySchema), document.RootElement, string.Empty)
                : "body";
        }
    }

    /// <summary>
    /// A <c>multipart/form-data</c> body: well formed (else <c>body</c>), every mandatory part present, each part named
    /// once, file parts with a file name, text fields valid for their type and constraints; the failing part's name.
    /// </summary>
    private static string? CheckForm(SpecSchema schema, string? contentType, byte[] body)
    {
        if (MultipartForm.Parse(contentType, body) is not { } parts)
        {
            return "body";
        }

        foreach (var member in schema.Properties)
        {
            var named = parts.Where(p => p.Name == member.Name).ToList();
            if (named.Count == 0)
            {
                if (member.Required)
                {
                    return member.Name;
                }

                continue;
            }

            var part = named[0];
            var fits = named.Count == 1 && (member.Type == "file" ? part.FileName is not null : part.FileName is null && TextFits(member, part.Text));
            if (!fits)
            {
                return member.Name;
            }
        }

        foreach (var rule in schema.Rules)
        {
            if (parts.FirstOrDefault(p => p.Name == rule.Member) is { } trigger && trigger.Text == rule.EqualsText)
            {
                foreach (var name in rule.Require)
                {
                    if (!parts.Any(p => p.Name == name))
                    {
                        return name;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Whether a parameter's text is a valid value of its type and constraints.</summary>
    private static bool TextFits(SpecValue value, string text)
    {
        switch (value.Type)
        {
            case "integer":
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) || (!value.IsInt64 && (integer < int.MinValue || integer > int.MaxValue)))
                {
                    return false;
                }

                return InRange(value, integer) && InEnum(value, integer.ToString(CultureInfo.InvariantCulture));
            case "number":
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && InRange(value, number);
            case "boolean":
                return text is "true" or "false";
            case "string":
                if (value.IsDateTime && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return false;
                }

                return StringFits(value, text);
            default:
                return true;
        }
    }

    private string? CheckObject(SpecSchema schema, JsonElement element, string path)
    {
        foreach (var member in schema.Properties)
        {
            var memberPath = path.Length == 0 ? member.Name : path + "." + member.Name;
            if (!element.TryGetProperty(member.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (member.Required)
                {
                    return memberPath;
                }

                continue;
            }

            if (CheckValue(member, value, memberPath) is { } failure)
            {
                return failure;
            }
        }

        foreach (var rule in schema.Rules)
        {
            if (element.TryGetProperty(rule.Member, out var trigger) && RawText(trigger) == rule.EqualsText)
            {
                foreach (var name in rule.Require)
                {
                    if (!element.TryGetProperty(name, out var required) || required.ValueKind == JsonValueKind.Null)
                    {
                        return path.Length == 0 ? name : path + "." + name;
                    }
                }
            }
        }

        return null;
    }

    private string? CheckValue(SpecValue value, JsonElement element, string path)
    {
        if (value.Schema is not null && value.Type is null or "object")
        {
            return element.ValueKind == JsonValueKind.Object ? CheckObject(_catalogue.Schema(value.Schema), element, path) : path;
        }

        switch (value.Type)
        {
            case "string":
                if (element.ValueKind != JsonValueKind.String)
                {
                    return path;
                }

                var text = element.GetString()!;
                if (value.IsDateTime && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return path;
                }

                return StringFits(value, text) ? null : path;
            case "integer":
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var integer) || (!value.IsInt64 && (integer < int.MinValue || integer > int.MaxValue)))
                {
                    return path;
                }

                return InRange(value, integer) && InEnum(value, integer.ToString(CultureInfo.InvariantCulture)) ? null : path;
            case "number":
                return element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var number) && InRange(value, number) ? null : path;
            case "boolean":
                return element.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : path;
            case "array":
                if (element.ValueKind != JsonValueKind.Array)
                {
                    return path;
                }

                var length = element.GetArrayLength();
                if ((value.MinItems is { } min && length < min) || (value.MaxItems is { } max && length > max))
                {
                    return path;
                }

                if (value.Items is not null)
                {
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Null || CheckValue(value.Items, item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]") is not null)
                        {
                            return path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
                        }

                        index++;
                    }
                }

                return null;
            case "object" when value.Values is not null:
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return path;
                }

                foreach (var entry in element.EnumerateObject())
                {
                    if (CheckValue(value.Values, entry.Value, path + "." + entry.Name) is { } failure)
                    {
                        return failure;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool StringFits(SpecValue value, string text)
    {
        var length = PatternExample.CodePoints(text);
        if ((value.MinLength is { } min && length < min) || (value.MaxLength is { } max && length > max))
        {
            return false;
        }

        if (value.Pattern is not null && !Regex.IsMatch(text, value.Pattern, RegexOptions.CultureInvariant, Timeout))
        {
            return false;
        }

        return InEnum(value, text);
    }

    private static bool InEnum(SpecValue value, string text) => value.Enum is not { Count: > 0 } known || known.Contains(text, StringComparer.Ordinal);

    private static bool InRange(SpecValue value, decimal number) =>
        (value.Minimum is not { } min || number >= min) && (value.Maximum is not { } max || number <= max);

    private static string RawText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };
}
