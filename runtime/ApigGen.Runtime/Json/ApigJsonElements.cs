using System.ComponentModel;
using System.Text.Json;

namespace ApigGen;

/// <summary>
/// Reads and writes free-form JSON values (a spec's <c>type: any</c>) for generated code. A value read is a
/// <see cref="JsonElement"/> that owns its own copy of the bytes, so it outlives the reader and the response buffer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApigJsonElements
{
    /// <summary>Reads a free-form value as a map value or list item.</summary>
    public static readonly ApigJsonItemReader<JsonElement> ElementItem = ReadElement;

    /// <summary>Moves to a member's value and reads it as free-form JSON; null for JSON null.</summary>
    /// <param name="reader">The reader, on the member's name.</param>
    /// <param name="path">The JSON path of the member's parent.</param>
    /// <param name="member">The member's name.</param>
    /// <returns>The value, or null for JSON null.</returns>
    /// <exception cref="JsonException">The value is not complete, valid JSON.</exception>
    public static JsonElement? NextElement(ref Utf8JsonReader reader, string path, string member) =>
        reader.Read() && reader.TokenType != JsonTokenType.Null ? ReadElement(ref reader, path, member) : null;

    /// <summary>Reads the value whose first token is current (an object, an array or a single value), as a copy that outlives the reader.</summary>
    /// <param name="reader">The reader, on the value's first token.</param>
    /// <param name="path">The JSON path of the value's parent (or of the value itself when <paramref name="member"/> is null).</param>
    /// <param name="member">The value's member name, or null.</param>
    /// <param name="index">The value's index in its array, or -1.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The value is not complete, valid JSON, or nests deeper than the reader allows.</exception>
    public static JsonElement ReadElement(ref Utf8JsonReader reader, string path, string? member = null, int index = -1)
    {
        JsonElement element;
        try
        {
            // ParseValue copies the value into a document of its own that needs no disposing.
            element = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            var at = ApigJson.Path(path, member, index);
            var maxDepth = reader.CurrentState.Options.MaxDepth is > 0 and var configured ? configured : 64;
            var reason = ReachesDepthLimit(reader, maxDepth) ? $"is not valid JSON or nests deeper than {maxDepth} levels" : "is not valid JSON";
            throw new JsonException($"The value at {at} {reason}.", at, null, reader.BytesConsumed, ex);
        }

        try
        {
            // The parser leaves strings undecoded: invalid UTF-8 or an escaped lone surrogate inside would surface later,
            // as an InvalidOperationException from the caller's GetString() or the record's ToString(). Decode them now,
            // so a malformed answer fails here, typed, like any other member.
            CheckStrings(element);
        }
        catch (System.InvalidOperationException ex)
        {
            var at = ApigJson.Path(path, member, index);
            throw new JsonException($"The value at {at} holds a string that is not valid UTF-8 or UTF-16.", at, null, reader.BytesConsumed, ex);
        }

        return element;
    }

    /// <summary>
    /// Whether a value that could not be parsed reached <paramref name="maxDepth"/> before it failed, so that nesting too
    /// deep may be why: read again on a copy of the reader (the parser leaves it where the value starts) until it fails.
    /// </summary>
    private static bool ReachesDepthLimit(Utf8JsonReader probe, int maxDepth)
    {
        var deepest = probe.CurrentDepth;
        try
        {
            while (probe.Read())
            {
                deepest = System.Math.Max(deepest, probe.CurrentDepth);
            }
        }
        catch (JsonException)
        {
        }

        return deepest >= maxDepth - 1;
    }

    /// <summary>Decodes every member name and string of <paramref name="element"/>; throws where one is malformed.</summary>
    private static void CheckStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    CheckStrings(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CheckStrings(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    /// <summary>
    /// Writes a free-form value as it is. A <see cref="JsonElement"/> that holds no value (<c>default(JsonElement)</c>)
    /// fails: validation reports it first on a request.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="System.InvalidOperationException">The element holds no value.</exception>
    public static void WriteElement(Utf8JsonWriter writer, JsonElement value)
    {
        System.ArgumentNullException.ThrowIfNull(writer);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            throw new System.InvalidOperationException("A free-form JSON value holds no value (default(JsonElement)); set it to a parsed element.");
        }

        value.WriteTo(writer);
    }
}
