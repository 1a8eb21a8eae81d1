using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>The runtime helpers generated code calls for maps (<c>additionalProperties</c>) and free-form values (<c>type: any</c>).</summary>
public sealed class JsonMapAndElementTests
{
    /// <summary>Reads <c>{"m": ...}</c>'s member as a map of lists of integers, as generated code does.</summary>
    private static Dictionary<string, IReadOnlyList<int>>? ReadMapOfLists(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        return ApigJsonMaps.NextMap<IReadOnlyList<int>>(ref reader, "$", "m", static (ref Utf8JsonReader reader, string path, string? member, int index) => ApigJsonLists.ReadList(ref reader, ApigJson.Path(path, member, index), null, ApigJsonLists.Int32Item));
    }

    private static Dictionary<string, IReadOnlyList<int>>? ReadMapOfLists(string json) => ReadMapOfLists(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void MapsKeepKeysAsSentOrdinallyAndInOrder()
    {
        Assert.Null(ReadMapOfLists("{\"m\":null}"));
        var map = ReadMapOfLists("{\"m\":{\"b\":[1],\"B\":[],\"a\\u00e9 \\\"x\\\"\":[2,3],\"\":[4]}}")!;
        Assert.Equal(new[] { "b", "B", "aé \"x\"", string.Empty }, map.Keys.ToArray());
        Assert.Equal(new[] { 2, 3 }, map["aé \"x\""]);
        Assert.False(map.ContainsKey("A\u00e9 \"x\""));
    }

    [Fact]
    public void AKeySentTwiceKeepsItsLastValue() =>
        Assert.Equal(new[] { 2 }, ReadMapOfLists("{\"m\":{\"k\":[1],\"k\":[2]}}")!["k"]);

    [Theory]
    [InlineData("{\"m\":{\"k\":null}}", "$.m.k", "A null value is not allowed at $.m.k.")]
    [InlineData("{\"m\":{\"k\":[1,null]}}", "$.m.k[1]", "A null item is not allowed at $.m.k[1].")]
    [InlineData("{\"m\":[]}", "$.m", "Expected an object at $.m but found an array.")]
    [InlineData("{\"m\":{\"k\":{}}}", "$.m.k", "Expected an array at $.m.k but found an object.")]
    [InlineData("{\"m\":{\"k\":[\"1\"]}}", "$.m.k[0]", "Expected a 32-bit integer at $.m.k[0] but found a string.")]
    public void MapErrorsNameTheExactPath(string json, string path, string message)
    {
        var exception = Assert.Throws<JsonException>(() => ReadMapOfLists(json));
        Assert.Equal(path, exception.Path);
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void AKeyInAnErrorPathIsShownOnOneLineAndBoundedWhileTheMapKeepsIt()
    {
        // A server-chosen key goes into the error's path, its message and the messages built on it (logs).
        var exception = Assert.Throws<JsonException>(() => ReadMapOfLists("{\"m\":{\"a\\r\\nWARN forged\\u001b[31m\":[\"1\"]}}"));
        Assert.Equal("Expected a 32-bit integer at $.m.a\\r\\nWARN forged\\u001b[31m[0] but found a string.", exception.Message);
        Assert.DoesNotContain(exception.Message, char.IsControl);

        var longKey = new string('k', 100_000);
        var tooLong = Assert.Throws<JsonException>(() => ReadMapOfLists("{\"m\":{\"" + longKey + "\":null}}"));
        Assert.True(tooLong.Message.Length < 300, tooLong.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("(" + (100_000 - 128) + " more characters)", tooLong.Message, StringComparison.Ordinal);

        var map = ReadMapOfLists("{\"m\":{\"a\\r\\n\":[1]}}")!;
        Assert.Equal("a\r\n", Assert.Single(map.Keys));
    }

    [Fact]
    public void AKeyOfInvalidUtf8IsAJsonExceptionNamingTheMap()
    {
        var json = Encoding.UTF8.GetBytes("{\"m\":{\"").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\":[1]}}")).ToArray();
        var exception = Assert.ThrowsAny<JsonException>(() => ReadMapOfLists(json));
        Assert.Contains("$.m", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFreeFormValueIsACopyThatOutlivesItsBuffer()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"v\":{\"a\":[1,\"x\",null,{\"b\":true}]},\"w\":null}");
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        reader.Read();
        var value = ApigJsonElements.NextElement(ref reader, "$", "v");
        reader.Read();
        var missing = ApigJsonElements.NextElement(ref reader, "$", "w");
        Array.Clear(bytes);

        Assert.Null(missing);
        Assert.Equal("{\"a\":[1,\"x\",null,{\"b\":true}]}", value!.Value.GetRawText());
        Assert.True(value.Value.GetProperty("a")[3].GetProperty("b").GetBoolean());
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'v', (byte)'"', (byte)':', (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'v', (byte)'"', (byte)':', (byte)'[', (byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}', (byte)']', (byte)'}' })]
    public void AFreeFormValueWithInvalidUtf8InsideIsAJsonExceptionNamingIt(byte[] json)
    {
        // Found by the response fuzz (seed 1, case 87577): the value parsed, and the record's ToString() then threw a raw
        // InvalidOperationException on the invalid UTF-8 it carried.
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        try
        {
            ApigJsonElements.NextElement(ref reader, "$", "v");
            Assert.Fail("no exception");
        }
        catch (JsonException ex)
        {
            Assert.Equal("$.v", ex.Path);
            Assert.IsType<InvalidOperationException>(ex.InnerException);
        }
    }

    [Theory]
    [InlineData(100, "", "The value at $.v is not valid JSON or nests deeper than 64 levels.")]
    [InlineData(64, "", "The value at $.v is not valid JSON or nests deeper than 64 levels.")]
    [InlineData(63, "", null)]
    [InlineData(3, "1,", "The value at $.v is not valid JSON.")]
    [InlineData(61, "1,", "The value at $.v is not valid JSON.")]
    [InlineData(62, "1,", "The value at $.v is not valid JSON or nests deeper than 64 levels.")]
    public void AFreeFormValueNestedTooDeepSaysSoAndWhere(int depth, string inside, string? expected)
    {
        // Valid JSON nested past the reader's depth limit must not be called only invalid JSON: the message names the limit
        // whenever the value reached it (the reader's error does not tell the two apart there), and only then.
        var json = "{\"v\":" + new string('[', depth) + inside + new string(']', depth) + "}";
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 64 });
        reader.Read();
        reader.Read();
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Array, ApigJsonElements.NextElement(ref reader, "$", "v")!.Value.ValueKind);
            return;
        }

        try
        {
            ApigJsonElements.NextElement(ref reader, "$", "v");
            Assert.Fail("no exception");
        }
        catch (JsonException ex)
        {
            Assert.Equal("$.v", ex.Path);
            Assert.Equal(expected, ex.Message);
        }
    }

    [Fact]
    public void AFreeFormValueWithAnEscapedLoneSurrogateIsAJsonException()
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("{\"v\":{\"a\":[\"ok\",\"\\udc00\"]}}"));
        reader.Read();
        reader.Read();
        try
        {
            ApigJsonElements.NextElement(ref reader, "$", "v");
            Assert.Fail("no exception");
        }
        catch (JsonException ex)
        {
            Assert.Equal("$.v", ex.Path);
        }
    }

    [Fact]
    public void AFreeFormValueIsWrittenAsItIsAndAnEmptyElementIsRefused()
    {
        using var document = JsonDocument.Parse("[1.50,\"\\u00e9\",{\"k\":null}]");
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, ApigJson.WriterOptions))
        {
            ApigJsonElements.WriteElement(writer, document.RootElement);
        }

        Assert.Equal("[1.50,\"é\",{\"k\":null}]", Encoding.UTF8.GetString(stream.ToArray()));
        using var other = new Utf8JsonWriter(new MemoryStream());
        Assert.Throws<InvalidOperationException>(() => ApigJsonElements.WriteElement(other, default));
    }
}
