using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace ApigGen.Simulator.SpecApi;

/// <summary>
/// Deterministic values that a spec accepts: strings from the member's name that satisfy its pattern and lengths,
/// the first value of enums, numbers in range, one fixed date-time, arrays of one item (or their minimum), maps of two
/// entries, a small JSON object for free-form values, and objects with every member (only the mandatory ones below a
/// depth, so recursive schemas end).
/// </summary>
public sealed class SpecExamples
{
    /// <summary>The date-time every example uses.</summary>
    public static readonly DateTimeOffset DateTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private const int FullDepth = 4;
    private readonly SpecCatalogue _catalogue;

    /// <summary>Examples of a catalogue's values.</summary>
    public SpecExamples(SpecCatalogue catalogue) => _catalogue = catalogue;

    /// <summary>A value for <paramref name="value"/>; <paramref name="name"/> seeds strings and numbers.</summary>
    public JsonNode? Value(SpecValue value, string name, int depth = 0)
    {
        if (value.Enum is { Count: > 0 } known)
        {
            return value.Type == "integer" ? JsonValue.Create(long.Parse(known[0], CultureInfo.InvariantCulture)) : JsonValue.Create(known[0]);
        }

        if (value.Schema is not null && value.Type is null or "object")
        {
            return Object(_catalogue.Schema(value.Schema), depth + 1);
        }

        switch (value.Type)
        {
            case "string":
                return value.IsDateTime ? JsonValue.Create(DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)) : JsonValue.Create(String(value, name));
            case "integer":
                return JsonValue.Create((long)Number(value, name, integer: true));
            case "number":
                return JsonValue.Create((double)Number(value, name, integer: false));
            case "boolean":
                return JsonValue.Create(true);
            case "array":
                var array = new JsonArray();
                var count = Math.Max(1, value.MinItems ?? 0);
                if (value.MaxItems is { } max)
                {
                    count = Math.Min(count, max);
                }

                for (var i = 0; i < count; i++)
                {
                    array.Add(value.Items is null ? JsonValue.Create(name + (i + 1).ToString(CultureInfo.InvariantCulture)) : Value(value.Items, name, depth + 1));
                }

                return array;
            case "object":
                return value.Values is null ? new JsonObject() : Map(value.Values, name, depth);
            case "any":
                // Free-form: some JSON object, with a nested value of each kind.
                return new JsonObject { ["name"] = name, ["enabled"] = true, ["weight"] = 2, ["tags"] = new JsonArray("a", "b") };
            default:
                return JsonValue.Create(name);
        }
    }

    /// <summary>A map (<c>additionalProperties</c>) with two entries, <c>key1</c> and <c>key2</c>, whose values fit <paramref name="values"/>.</summary>
    public JsonObject Map(SpecValue values, string name, int depth = 0) => new()
    {
        ["key1"] = Value(values, name, depth + 1),
        ["key2"] = Value(values, name + "2", depth + 1),
    };

    /// <summary>An object with the schema's members: every one near the top, only mandatory ones deeper.</summary>
    public JsonObject Object(SpecSchema schema, int depth = 0) => Members(schema.Properties, depth, schema.Rules.SelectMany(r => r.Require).ToHashSet(StringComparer.Ordinal));

    /// <summary>An object with these members: every one near the top; deeper, only mandatory ones and those in <paramref name="ruled"/> (which a rule may make mandatory).</summary>
    public JsonObject Members(System.Collections.Generic.IReadOnlyList<SpecValue> members, int depth = 0, System.Collections.Generic.ISet<string>? ruled = null)
    {
        var result = new JsonObject();
        foreach (var member in members.Where(m => m.Required || depth <= FullDepth || ruled?.Contains(m.Name) == true))
        {
            result[member.Name] = Value(member, member.Name, depth);
        }

        return result;
    }

    /// <summary>A string for a member named <paramref name="name"/> that fits its pattern and lengths.</summary>
    public static string String(SpecValue value, string name)
    {
        var min = value.MinLength ?? 0;
        var max = value.MaxLength ?? int.MaxValue;
        var seed = new string(name.Where(char.IsAsciiLetterOrDigit).ToArray());
        if (seed.Length == 0 || !char.IsAsciiLetter(seed[0]))
        {
            seed = "v" + seed;
        }

        var candidate = Fit(seed + "1", min, max);
        if (value.Pattern is null || Matches(value.Pattern, candidate))
        {
            return candidate;
        }

        return PatternExample.Make(value.Pattern, min, max)
            ?? throw new InvalidOperationException("No example fits the pattern " + value.Pattern + " of " + name);
    }

    /// <summary>A number in range: 1 (1.5 when not integer) moved into [minimum, maximum], nudged by the name so members differ.</summary>
    public static decimal Number(SpecValue value, string name, bool integer)
    {
        decimal candidate = 1 + (Math.Abs(StableHash(name)) % 7);
        if (!integer)
        {
            candidate += 0.5m;
        }

        if (value.Minimum is { } min && candidate < min)
        {
            candidate = integer ? Math.Ceiling(min) : min;
        }

        if (value.Maximum is { } max && candidate > max)
        {
            candidate = integer ? Math.Floor(max) : max;
        }

        return candidate;
    }

    private static string Fit(string seed, int min, int max)
    {
        var text = seed;
        while (text.Length < min)
        {
            text += "a";
        }

        return text.Length > max ? text[..max] : text;
    }

    private static bool Matches(string pattern, string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }

            return hash == int.MinValue ? 0 : hash;
        }
    }
}
