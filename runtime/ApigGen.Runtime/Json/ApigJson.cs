using System;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ApigGen;

/// <summary>
/// Small helpers the generated JSON readers call: typed reads that fail with a <see cref="JsonException"/> naming the
/// JSON path, and the writer options every generated writer uses.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApigJson
{
    /// <summary>Writer options: UTF-8 text as is (an HTTP body is not embedded in HTML), no indentation.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>Builds a JSON path such as <c>$.certs[2]</c> from a parent path, an optional member and an optional index.</summary>
    public static string Path(string parent, string? member = null, int index = -1)
    {
        var path = member is null ? parent : parent + "." + member;
        return index < 0 ? path : path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
    }

    /// <summary>Fails unless the current token starts an object.</summary>
    public static void ExpectStartObject(ref Utf8JsonReader reader, string path, string? member = null, int index = -1)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, Path(path, member, index), "an object");
        }
    }

    /// <summary>
    /// Moves to the next member of the object <paramref name="reader"/> is in that <paramref name="members"/> lists,
    /// skipping (value and all) every member it does not: the loop of every generated reader. The reader is left on
    /// the member's name, for the typed read of its value.
    /// </summary>
    /// <param name="reader">The reader, on the object's start or on the last value read.</param>
    /// <param name="members">The names the generated reader knows.</param>
    /// <param name="member">The index in <paramref name="members"/> of the member found; -1 at the object's end.</param>
    /// <returns>True on a known member; false at the end of the object.</returns>
    public static bool NextMember(ref Utf8JsonReader reader, ApigJsonMembers members, out int member)
    {
        ArgumentNullException.ThrowIfNull(members);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            member = members.IndexOf(ref reader);
            if (member >= 0)
            {
                return true;
            }

            reader.Skip();
        }

        member = -1;
        return false;
    }

    /// <summary>Fails unless the current token starts an array.</summary>
    public static void ExpectStartArray(ref Utf8JsonReader reader, string path, string? member = null, int index = -1)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, Path(path, member, index), "an array");
        }
    }

    /// <summary>Reads a string.</summary>
    public static string ReadString(ref Utf8JsonReader reader, string path, string? member = null, int index = -1)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Unexpected(ref reader, Path(path, member, index), "a string");
        }

        return GetString(ref reader, path, member, index);
    }

    /// <summary>
    /// The current string token's text. <see cref="Utf8JsonReader.GetString"/> throws <see cref="InvalidOperationException"/>
    /// on invalid UTF-8 (or an escaped lone surrogate); that is malformed JSON like any other, so it becomes a
    /// <see cref="JsonException"/> naming the path.
    /// </summary>
    private static string GetString(ref Utf8JsonReader reader, string path, string? member, int index)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            var at = Path(path, member, index);
            throw new JsonException($"The string at {at} is not valid UTF-8 text.", at, null, reader.BytesConsumed, ex);
        }
    }

    /// <summary>Reads a boolean.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader, string path, string? member = null, int index = -1) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, Path(path, member, index), "true or false"),
    };

    /// <summary>Reads a 32-bit integer.</summary>
    public static int ReadInt32(ref Utf8JsonReader reader, string path, string? member = null, int index = -1) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw Unexpected(ref reader, Path(path, member, index), "a 32-bit integer");

    /// <summary>Reads a 64-bit integer.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader, string path, string? member = null, int index = -1) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw Unexpected(ref reader, Path(path, member, index), "a 64-bit integer");

    /// <summary>Reads a number.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader, string path, string? member = null, int index = -1) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? value : throw Unexpected(ref reader, Path(path, member, index), "a number");

    /// <summary>
    /// Reads an ISO 8601 date-time. One without an offset (<c>2020-08-12T06:49:52</c>, or a date alone) is UTC, as APIG
    /// means it, whatever this machine's time zone: System.Text.Json alone would read it as local time.
    /// </summary>
    public static DateTimeOffset ReadDateTime(ref Utf8JsonReader reader, string path, string? member = null, int index = -1)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = GetString(ref reader, path, member, index);
            if (HasOffset(text) && reader.TryGetDateTimeOffset(out var value))
            {
                return value;
            }

            // Other ISO forms, and every value without an offset, read the same on every machine.
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
            {
                return value;
            }
        }

        throw Unexpected(ref reader, Path(path, member, index), "an ISO 8601 date-time");
    }

    /// <summary>Whether the date-time string states its offset: <c>Z</c> or a sign after the time (the date's own dashes come before the <c>T</c>).</summary>
    private static bool HasOffset(string text)
    {
        var time = text.AsSpan().IndexOfAny('T', 't');
        return time >= 0 && text.AsSpan(time).IndexOfAny("Zz+-") >= 0;
    }

    /// <summary>Moves to a member's value and reads it as a string; null for JSON null.</summary>
    public static string? NextString(ref Utf8JsonReader reader, string path, string member) =>
        reader.Read() && reader.TokenType != JsonTokenType.Null ? ReadString(ref reader, path, member) : null;

    /// <summary>Moves to a member's value and reads it as a 32-bit integer; null for JSON null.</summary>
    public static int? NextInt32(ref Utf8JsonReader reader, string path, string member) =>
        reader.Read() && reader.TokenType != JsonTokenType.Null ? ReadInt32(ref reader, path, member) : null;

    /// <summary>Moves to a member's value and reads it as a 64-bit integer; null for JSON null.</summary>
    public static long? NextInt64(ref Utf8JsonReader reader, string path, string member) =>
        reader.Read() && reader.TokenType != JsonTokenType.Null ? ReadInt64(ref reader, path, member) : null;

    /// <summary>Moves to a member's value and reads it as a number; null for JSON null.</summary>
    public static double? NextDouble(ref Utf8JsonReader reader, string path, string member) =>
        reader.Read() && reader.TokenType != JsonTokenType.Null ? ReadDouble(ref reader, path, member) : null;

    /// <summary>Moves to a member's value and reads it as a boolean; null for JSON null.</summary>
    public static bool? NextBoolean(ref Utf8JsonReader reader, string path, string member) =>
        reader.Read() && reader.TokenType != JsonTokenType.Null ? ReadBoolean(ref reader, path, member) : null;

    /// <summary>Moves to a member's value and reads it as an ISO 8601 date-time; null for JSON null.</summary>
    public static DateTimeOffset? NextDateTime(ref Utf8JsonReader reader, string path, string member) =>
        reader.Read() && reader.TokenType != JsonTokenType.Null ? ReadDateTime(ref reader, path, member) : null;

    /// <summary>Moves to a member's value and reads it as an object with <paramref name="read"/>; null for JSON null.</summary>
    /// <typeparam name="T">The generated record type.</typeparam>
    /// <param name="reader">The reader, on the member's name.</param>
    /// <param name="path">The JSON path of the member's parent.</param>
    /// <param name="member">The member's name.</param>
    /// <param name="read">Reads a value that is not null (the record's own reader; its index argument is -1).</param>
    /// <returns>The value, or null for JSON null.</returns>
    /// <exception cref="JsonException">The value cannot be read.</exception>
    public static T? NextObject<T>(ref Utf8JsonReader reader, string path, string member, ApigJsonItemReader<T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : read(ref reader, path, member, -1);
    }

    /// <summary>The error for a mandatory member that is missing or null.</summary>
    public static JsonException MissingMember(string path, string member) =>
        new($"The mandatory member '{member}' is missing or null at {path}.", Path(path, member), null, null);

    /// <summary>The error for an array item that is null where null is not allowed.</summary>
    public static JsonException NullItem(string path, string? member, int index)
    {
        var at = Path(path, member, index);
        return new($"A null item is not allowed at {at}.", at, null, null);
    }

    private static JsonException Unexpected(ref Utf8JsonReader reader, string path, string expected) =>
        new($"Expected {expected} at {path} but found {Describe(reader.TokenType)}.", path, null, reader.BytesConsumed);

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
