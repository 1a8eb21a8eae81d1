using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace ApigGen;

/// <summary>
/// Writes the members of generated records (for generated code, not for calling by hand): one call per member instead of
/// a null test, a name and a value written out each time; names come encoded once (<see cref="Name"/>). A null value
/// writes nothing, as the spec's optional members require. Objects and list items are written by delegates the
/// generated code passes as static lambdas (or the cached item writers below), so a write allocates nothing; lists
/// are walked by index, with no enumerator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApigJsonWriter
{
    /// <summary>
    /// A member's JSON name, encoded once as the body writer escapes (<see cref="ApigJson.WriterOptions"/>): generated records
    /// keep one per member in a static field, so writing a member does not scan its name again each time.
    /// </summary>
    /// <param name="utf8Name">The name as UTF-8.</param>
    /// <returns>The encoded name.</returns>
    public static JsonEncodedText Name(ReadOnlySpan<byte> utf8Name) => JsonEncodedText.Encode(utf8Name, ApigJson.WriterOptions.Encoder);

    /// <summary>Writes a string item.</summary>
    public static readonly Action<Utf8JsonWriter, string> StringItem = static (writer, value) => writer.WriteStringValue(value);

    /// <summary>Writes a 32-bit integer item.</summary>
    public static readonly Action<Utf8JsonWriter, int> Int32Item = static (writer, value) => writer.WriteNumberValue(value);

    /// <summary>Writes a 64-bit integer item.</summary>
    public static readonly Action<Utf8JsonWriter, long> Int64Item = static (writer, value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number item.</summary>
    public static readonly Action<Utf8JsonWriter, double> DoubleItem = static (writer, value) => writer.WriteNumberValue(value);

    /// <summary>Writes a boolean item.</summary>
    public static readonly Action<Utf8JsonWriter, bool> BooleanItem = static (writer, value) => writer.WriteBooleanValue(value);

    /// <summary>Writes an ISO 8601 date-time item.</summary>
    public static readonly Action<Utf8JsonWriter, DateTimeOffset> DateTimeItem = static (writer, value) => writer.WriteStringValue(value);

    /// <summary>Writes a string member; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="value">The value.</param>
    public static void WriteMember(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes a 32-bit integer member; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="value">The value.</param>
    public static void WriteMember(Utf8JsonWriter writer, JsonEncodedText name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a 64-bit integer member; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="value">The value.</param>
    public static void WriteMember(Utf8JsonWriter writer, JsonEncodedText name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a number member; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="value">The value.</param>
    public static void WriteMember(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a boolean member; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="value">The value.</param>
    public static void WriteMember(Utf8JsonWriter writer, JsonEncodedText name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    /// <summary>Writes an ISO 8601 date-time member; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="value">The value.</param>
    public static void WriteMember(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time);
        }
    }

    /// <summary>Writes an object member with <paramref name="write"/>; nothing when <paramref name="value"/> is null.</summary>
    /// <typeparam name="T">The generated record type.</typeparam>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value (the record's own writer).</param>
    public static void WriteObject<T>(Utf8JsonWriter writer, JsonEncodedText name, T? value, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            write(writer, value);
        }
    }

    /// <summary>Writes an array member, each item with <paramref name="writeItem"/>; nothing when <paramref name="items"/> is null.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="items">The items.</param>
    /// <param name="writeItem">Writes one item.</param>
    public static void WriteList<T>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<T>? items, Action<Utf8JsonWriter, T> writeItem)
    {
        if (items is not null)
        {
            writer.WritePropertyName(name);
            WriteArray(writer, items, writeItem);
        }
    }

    /// <summary>Writes an array value (an item of an array of arrays), each item with <paramref name="writeItem"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="writer">The writer, where a value goes.</param>
    /// <param name="items">The items.</param>
    /// <param name="writeItem">Writes one item.</param>
    public static void WriteArray<T>(Utf8JsonWriter writer, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writeItem);
        writer.WriteStartArray();
        for (var i = 0; i < items.Count; i++)
        {
            writeItem(writer, items[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a free-form member as it is; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The element holds no value (<c>default(JsonElement)</c>).</exception>
    public static void WriteMember(Utf8JsonWriter writer, JsonEncodedText name, JsonElement? value)
    {
        if (value is { } element)
        {
            writer.WritePropertyName(name);
            ApigJsonElements.WriteElement(writer, element);
        }
    }

    /// <summary>Writes a map member as a JSON object, keys as they are; nothing when <paramref name="map"/> is null.</summary>
    /// <typeparam name="T">The type of the map's values.</typeparam>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The member's JSON name, encoded once (<see cref="Name"/>).</param>
    /// <param name="map">The map.</param>
    /// <param name="writeValue">Writes one value.</param>
    public static void WriteMap<T>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyDictionary<string, T>? map, Action<Utf8JsonWriter, T> writeValue)
    {
        if (map is not null)
        {
            writer.WritePropertyName(name);
            WriteMapValue(writer, map, writeValue);
        }
    }

    /// <summary>Writes a map as a JSON object, keys as they are (a map inside a list or another map).</summary>
    /// <typeparam name="T">The type of the map's values.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="map">The map.</param>
    /// <param name="writeValue">Writes one value.</param>
    public static void WriteMapValue<T>(Utf8JsonWriter writer, IReadOnlyDictionary<string, T> map, Action<Utf8JsonWriter, T> writeValue)
    {
        writer.WriteStartObject();
        foreach (var entry in map)
        {
            writer.WritePropertyName(entry.Key);
            writeValue(writer, entry.Value);
        }

        writer.WriteEndObject();
    }
}
