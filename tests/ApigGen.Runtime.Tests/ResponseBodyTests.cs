using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>How the runtime reads a response body for generated code: where its JSON starts and what may follow it.</summary>
public sealed class ResponseBodyTests
{
    [Fact]
    public void AByteOrderMarkBeforeABodyIsSkipped()
    {
        using var message = new HttpResponseMessage(HttpStatusCode.OK);
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"a\":1}")).ToArray();
        var response = new ApigResponse("Op", "https://apig.example/v2/x", message, "rid", body, TimeProvider.System);
        var reader = response.CreateJsonReader();
        Assert.Equal(JsonTokenType.StartObject, reader.TokenType);
        reader.Skip();
        response.ExpectEnd(ref reader);

        using var error = new HttpResponseMessage(HttpStatusCode.BadRequest);
        body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"error_code\":\"APIG.2012\",\"error_msg\":\"Invalid\"}")).ToArray();
        var failed = new ApigResponse("Op", "https://apig.example/v2/x", error, "rid", body, TimeProvider.System).CreateException();
        Assert.Equal(("APIG.2012", "Invalid"), (failed.ErrorCode, failed.ErrorMessage));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    [InlineData("\uFEFF")]
    public void AnEmptySuccessBodyIsSaidToBeEmpty(string body)
    {
        // The reader's own words were "The input does not contain any JSON tokens. Expected the input to start with a
        // valid JSON token, when isFinalBlock is true."
        using var message = new HttpResponseMessage(HttpStatusCode.OK);
        var response = new ApigResponse("Op", "https://apig.example/v2/x", message, "rid", Encoding.UTF8.GetBytes(body), TimeProvider.System);
        var ex = Assert.Throws<ApigTransportException>(() => response.CreateJsonReader());
        Assert.StartsWith("The 200 response body could not be read: The body is empty, where JSON was expected.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":1}", null)]
    [InlineData("{\"a\":1}  \r\n\t", null)]
    [InlineData("{\"a\":1} /* proxy */ // note", null)]
    [InlineData("{\"a\":1} x", "'x' is invalid after a single JSON value.")]
    [InlineData("{\"a\":1}{\"a\":2}", "'{' is invalid after a single JSON value.")]
    [InlineData("{\"a\":1}<html>", "'<' is invalid after a single JSON value.")]
    public void OnlyWhitespaceAndCommentsMayFollowASuccessBody(string body, string? error)
    {
        using var message = new HttpResponseMessage(HttpStatusCode.OK);
        var response = new ApigResponse("Op", "https://apig.example/v2/x", message, "rid", Encoding.UTF8.GetBytes(body), TimeProvider.System);
        var reader = response.CreateJsonReader();
        reader.Skip();
        if (error is null)
        {
            response.ExpectEnd(ref reader);
            return;
        }

        try
        {
            response.ExpectEnd(ref reader);
            Assert.Fail("trailing text was accepted: " + body);
        }
        catch (JsonException ex)
        {
            Assert.StartsWith(error, ex.Message, StringComparison.Ordinal);
        }
    }
}
