using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace ApigGen;

/// <summary>
/// Reads JSON objects with free keys (a spec's <c>additionalProperties</c>) for generated code, as
/// <see cref="ApigJsonLists"/> reads arrays: keys are kept exactly as sent (compared ordinally), each value is read by a
/// static item reader, and a null value, or a token that is not an object, fails with a <see cref="JsonException"/>
/// naming the exact JSON path (<c>$.labels.env</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApigJsonMaps
{
    /// <summary>Moves to a member's value and reads it as a map; null for JSON null.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the member's name.</param>
    /// <param name="path">The JSON path of the member's parent.</param>
    /// <param name="member">The member's name.</param>
    /// <param name="readValue">Reads one value that is not null; it gets the map's path as its path and the key, as error messages show it (escaped, bounded), as its member.</param>
    /// <returns>The entries, or null for JSON null.</returns>
    /// <exception cref="JsonException">The value is not an object or null, a value is null, or a value cannot be read.</exception>
    public static Dictionary<string, T>? NextMap<T>(ref Utf8JsonReader reader, string path, string member, ApigJsonItemReader<T> readValue)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : ReadMap(ref reader, path, member, readValue);
    }

    /// <summary>
    /// Reads an object whose first token is current into a map; every value must be present and not null. A key sent
    /// twice keeps its last value.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the object's first token.</param>
    /// <param name="path">The JSON path of the object's parent (or of the object itself when <paramref name="member"/> is null).</param>
    /// <param name="member">The object's member name, or null.</param>
    /// <param name="readValue">Reads one value that is not null; it gets the map's path as its path and the key, as error messages show it (escaped, bounded), as its member.</param>
    /// <returns>The entries, keyed ordinally.</returns>
    /// <exception cref="JsonException">The value is not an object, a value is null, or a value cannot be read.</exception>
    public static Dictionary<string, T> ReadMap<T>(ref Utf8JsonReader reader, string path, string? member, ApigJsonItemReader<T> readValue)
    {
        ArgumentNullException.ThrowIfNull(readValue);
        ApigJson.ExpectStartObject(ref reader, path, member);
        var at = ApigJson.Path(path, member);
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Key(ref reader, at);
            reader.Read();

            // The key goes into error paths as ServerText shows it (one line, bounded); the map keeps it as it was.
            var shownKey = ServerText.ShownShort(key);
            if (reader.TokenType == JsonTokenType.Null)
            {
                var valueAt = ApigJson.Path(at, shownKey);
                throw new JsonException($"A null value is not allowed at {valueAt}.", valueAt, null, null);
            }

            map[key] = readValue(ref reader, at, shownKey, -1);
        }

        return map;
    }

    /// <summary>The current property name; invalid UTF-8 in it is malformed JSON naming the object's path.</summary>
    private static string Key(ref Utf8JsonReader reader, string at)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException($"A key of the object at {at} is not valid UTF-8 text.", at, null, reader.BytesConsumed, ex);
        }
    }
}
