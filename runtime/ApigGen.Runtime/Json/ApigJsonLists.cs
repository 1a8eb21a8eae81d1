using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace ApigGen;

/// <summary>Reads one array item; the reader is on the item's first token, which is not JSON null.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="reader">The reader.</param>
/// <param name="path">The JSON path of the array's parent.</param>
/// <param name="member">The array's member name in its parent, or null when the array is itself an item.</param>
/// <param name="index">The item's index in the array.</param>
/// <returns>The item.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate T ApigJsonItemReader<T>(ref Utf8JsonReader reader, string path, string? member, int index);

/// <summary>
/// Reads JSON arrays for generated code: one method instead of a loop written out per list member. Item readers are
/// static lambdas or the cached delegates below, so a read allocates no closure. A null item, or a token that is not an
/// array, fails with a <see cref="JsonException"/> naming the exact JSON path (<c>$.certs[2]</c>), as the other readers do.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApigJsonLists
{
    /// <summary>Reads a string item.</summary>
    public static readonly ApigJsonItemReader<string> StringItem = ApigJson.ReadString;

    /// <summary>Reads a 32-bit integer item.</summary>
    public static readonly ApigJsonItemReader<int> Int32Item = ApigJson.ReadInt32;

    /// <summary>Reads a 64-bit integer item.</summary>
    public static readonly ApigJsonItemReader<long> Int64Item = ApigJson.ReadInt64;

    /// <summary>Reads a number item.</summary>
    public static readonly ApigJsonItemReader<double> DoubleItem = ApigJson.ReadDouble;

    /// <summary>Reads a boolean item.</summary>
    public static readonly ApigJsonItemReader<bool> BooleanItem = ApigJson.ReadBoolean;

    /// <summary>Reads an ISO 8601 date-time item (without an offset: UTC).</summary>
    public static readonly ApigJsonItemReader<DateTimeOffset> DateTimeItem = ApigJson.ReadDateTime;

    /// <summary>Moves to a member's value and reads it as an array; null for JSON null.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader, on the member's name.</param>
    /// <param name="path">The JSON path of the member's parent.</param>
    /// <param name="member">The member's name.</param>
    /// <param name="readItem">Reads one item that is not null.</param>
    /// <returns>The items, or null for JSON null.</returns>
    /// <exception cref="JsonException">The value is not an array or null, an item is null, or an item cannot be read.</exception>
    public static List<T>? NextList<T>(ref Utf8JsonReader reader, string path, string member, ApigJsonItemReader<T> readItem)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : ReadList(ref reader, path, member, readItem);
    }

    /// <summary>Reads an array whose first token is current; every item must be present and not null.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader, on the array's first token.</param>
    /// <param name="path">The JSON path of the array's parent (or of the array itself when <paramref name="member"/> is null).</param>
    /// <param name="member">The array's member name, or null.</param>
    /// <param name="readItem">Reads one item that is not null.</param>
    /// <returns>The items.</returns>
    /// <exception cref="JsonException">The value is not an array, an item is null, or an item cannot be read.</exception>
    public static List<T> ReadList<T>(ref Utf8JsonReader reader, string path, string? member, ApigJsonItemReader<T> readItem)
    {
        ApigJson.ExpectStartArray(ref reader, path, member);
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                throw ApigJson.NullItem(path, member, list.Count);
            }

            list.Add(readItem(ref reader, path, member, list.Count));
        }

        return list;
    }
}
