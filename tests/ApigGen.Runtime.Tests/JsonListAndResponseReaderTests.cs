using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>The runtime helpers generated readers call for lists and for a success body: exact paths, exact mapping.</summary>
public sealed class JsonListAndResponseReaderTests
{
    private static ApigResponse Response(string body)
    {
        using var message = new HttpResponseMessage(HttpStatusCode.OK);
        return new ApigResponse("Op", "https://apig.example/v2/x", message, "rid-9", Encoding.UTF8.GetBytes(body), TimeProvider.System);
    }

    /// <summary>Reads <c>{"m": ...}</c>'s member as a list of lists of integers, as generated code does for <c>matrix</c>.</summary>
    private static List<List<int>>? ReadMatrix(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        return ApigJsonLists.NextList(ref reader, "$", "m", static (ref Utf8JsonReader reader, string path, string? member, int index) => ApigJsonLists.ReadList(ref reader, ApigJson.Path(path, member, index), null, ApigJsonLists.Int32Item));
    }

    [Fact]
    public void ListsReadItemsAndNull()
    {
        Assert.Null(ReadMatrix("{\"m\":null}"));
        var matrix = ReadMatrix("{\"m\":[[1,2],[],[3]]}")!;
        Assert.Equal(new[] { 1, 2 }, matrix[0]);
        Assert.Empty(matrix[1]);
        Assert.Equal(new[] { 3 }, matrix[2]);
    }

    [Theory]
    [InlineData("{\"m\":[[1],null]}", "$.m[1]", "A null item is not allowed at $.m[1].")]
    [InlineData("{\"m\":[[1],[2,null]]}", "$.m[1][1]", "A null item is not allowed at $.m[1][1].")]
    [InlineData("{\"m\":{}}", "$.m", "Expected an array at $.m but found an object.")]
    [InlineData("{\"m\":[[1],7]}", "$.m[1]", "Expected an array at $.m[1] but found a number.")]
    [InlineData("{\"m\":[[1],[true]]}", "$.m[1][0]", "Expected a 32-bit integer at $.m[1][0] but found a boolean.")]
    public void ListErrorsNameTheExactPath(string json, string path, string message)
    {
        var exception = Assert.Throws<JsonException>(() => ReadMatrix(json));
        Assert.Equal(path, exception.Path);
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void ResponseReaderReadsTheBodyWithStatusAndRequestId()
    {
        var result = ApigResponseReader.Read(Response(" {\"a\":1} /* c */ "), static (ref Utf8JsonReader reader, HttpStatusCode statusCode, string? requestId) =>
        {
            reader.Read();
            var a = ApigJson.NextInt32(ref reader, "$", "a");
            reader.Read();
            return (a, statusCode, requestId);
        });
        Assert.Equal((1, HttpStatusCode.OK, "rid-9"), result);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("{\"a\":1} {}", null)]
    [InlineData("{\"a\":true}", "Expected a 32-bit integer at $.a but found a boolean.")]
    [InlineData("{\"a\":", null)]
    public void ResponseReaderTurnsEveryJsonFailureIntoATransportExceptionWithTheRequestId(string body, string? cause)
    {
        var exception = Assert.Throws<ApigTransportException>(() => ApigResponseReader.Read(Response(body), static (ref Utf8JsonReader reader, HttpStatusCode _, string? _) =>
        {
            reader.Read();
            var a = ApigJson.NextInt32(ref reader, "$", "a");
            reader.Read();
            return a;
        }));
        Assert.Equal("rid-9", exception.RequestId);
        Assert.IsAssignableFrom<JsonException>(exception.InnerException);
        Assert.StartsWith("The 200 response body could not be read: ", exception.Message, StringComparison.Ordinal);
        if (cause is not null)
        {
            Assert.Equal(cause, exception.InnerException!.Message);
        }
    }
}
