using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>Whatever an answer holds, reading it ends in a typed outcome that keeps the status and request id.</summary>
public sealed class MalformedAnswerTests
{
    private static byte[] Bytes(string before, byte[] invalid, string after) =>
        Encoding.UTF8.GetBytes(before).Concat(invalid).Concat(Encoding.UTF8.GetBytes(after)).ToArray();

    private static ApigResponse Response(HttpStatusCode status, byte[] body)
    {
        using var message = new HttpResponseMessage(status);
        return new ApigResponse("Op", "https://apig.example/v2/x", message, "rid-7", body, TimeProvider.System);
    }

    public static TheoryData<byte[]> InvalidUtf8() => new()
    {
        { new byte[] { 0xFF } },
        { new byte[] { 0xC3 } },                   // a lead byte without its continuation
        { new byte[] { 0xED, 0xA0, 0x80 } },       // an encoded surrogate
        { Encoding.UTF8.GetBytes("\\ud800") },    // an escaped lone surrogate
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void InvalidTextInASuccessStringIsAJsonExceptionNamingThePath(byte[] invalid)
    {
        foreach (var read in new Func<ApigResponse, object?>[]
        {
            r => { var reader = r.CreateJsonReader(); reader.Read(); return ApigJson.NextString(ref reader, "$", "name"); },
            r => { var reader = r.CreateJsonReader(); reader.Read(); return ApigJson.NextDateTime(ref reader, "$", "name"); },
        })
        {
            var response = Response(HttpStatusCode.OK, Bytes("{\"name\":\"a", invalid, "b\"}"));
            var exception = Assert.Throws<JsonException>(() => read(response));
            Assert.Equal("$.name", exception.Path);
            Assert.Equal("rid-7", response.CreateReadException(exception).RequestId);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void InvalidTextInAnErrorBodyKeepsStatusRequestIdCodeAndAnExcerpt(byte[] invalid)
    {
        var exception = Response(HttpStatusCode.BadRequest, Bytes("{\"error_code\":\"APIG.2012\",\"error_msg\":\"bad ", invalid, " value\"}")).CreateException();

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Equal("rid-7", exception.RequestId);
        Assert.Equal("APIG.2012", exception.ErrorCode);
        Assert.StartsWith("bad ", exception.ErrorMessage, StringComparison.Ordinal);
        Assert.EndsWith(" value", exception.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorMessageFollowedByJsonNestedTooDeeplyIsKept()
    {
        var body = "{\"error_code\":\"APIG.9999\",\"error_msg\":\"System error\",\"detail\":" + new string('[', 5000) + new string(']', 5000) + "}";
        var exception = Response(HttpStatusCode.InternalServerError, Encoding.UTF8.GetBytes(body)).CreateException();

        Assert.Equal(("APIG.9999", "System error"), (exception.ErrorCode, exception.ErrorMessage));
        Assert.StartsWith("APIG.9999 (500 Internal Server Error): System error.", exception.Message, StringComparison.Ordinal);
        Assert.NotNull(exception.BodyExcerpt);
        Assert.True(exception.BodyExcerpt!.Length <= ApigException.MaxBodyExcerptLength);
    }

    [Fact]
    public void ControlCharactersFromTheServerAreEscapedInTheMessage()
    {
        var body = "{\"error_code\":\"APIG.1\\r\\n\",\"error_msg\":\"Denied\\r\\n2026-12-05 INFO forged line\\u0000\\u001b[31m\\u2028\"}";
        var exception = Response(HttpStatusCode.Forbidden, Encoding.UTF8.GetBytes(body)).CreateException();

        Assert.DoesNotContain('\r', exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
        Assert.DoesNotContain(exception.Message, char.IsControl);
        Assert.DoesNotContain('\u2028', exception.Message);
        Assert.Contains("Denied\\r\\n2026-12-05 INFO forged line\\u0000\\u001b[31m\\u2028.", exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("APIG.1\\r\\n (403 Forbidden)", exception.Message, StringComparison.Ordinal);

        // The properties keep the server's text as it was: only the message, which ends up in logs, is escaped.
        Assert.Equal("Denied\r\n2026-12-05 INFO forged line\0\u001b[31m\u2028", exception.ErrorMessage);
    }

    [Fact]
    public void AHugeErrorMessageAndCodeAreBoundedInTheMessageAndKeptWholeInTheProperties()
    {
        var code = new string('C', 10_000);
        var text = "Denied " + new string('x', 100_000);
        var body = "{\"error_code\":\"" + code + "\",\"error_msg\":\"" + text + "\"}";
        var exception = Response(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes(body)).CreateException();

        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal(text, exception.ErrorMessage);
        Assert.True(exception.Message.Length < 1_400, exception.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith(new string('C', 128) + "... (9872 more characters) (400 Bad Request): Denied xx", exception.Message, StringComparison.Ordinal);
        Assert.Contains("... (" + (text.Length - 1024) + " more characters). Operation: Op. Request id: rid-7.", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u001b", 10_000)]   // each escaped to six characters: the bound counts what is written
    [InlineData("😀", 10_000)]        // a surrogate pair: never cut in half
    public void AnErrorMessageIsBoundedByWhatItShows(string unit, int count)
    {
        var text = string.Concat(Enumerable.Repeat(unit, count));
        var body = "{\"error_msg\":" + JsonSerializer.Serialize(text) + "}";
        var exception = Response(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes(body)).CreateException();

        Assert.Equal(text, exception.ErrorMessage);
        Assert.True(exception.Message.Length < 1_200, exception.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(" more characters). Operation: Op.", exception.Message, StringComparison.Ordinal);
        for (var i = 0; i < exception.Message.Length; i++)
        {
            Assert.False(char.IsHighSurrogate(exception.Message[i]) && (i + 1 == exception.Message.Length || !char.IsLowSurrogate(exception.Message[i + 1])), "a lone high surrogate at " + i);
        }
    }

    [Fact]
    public void AReaderErrorQuotingTheBodyKeepsACauseOnOneLineAndBounded()
    {
        // System.Text.Json quotes an invalid literal and everything after it; the cause is printed with the exception in logs.
        var body = "{\"a\":tru,\"b\":\"\u007f\u0085\",\"c\":\"" + new string('x', 10_000) + "\"}\n\u001b[2J";
        var exception = Assert.Throws<ApigTransportException>(() => ApigResponseReader.Read(
            Response(HttpStatusCode.OK, Encoding.UTF8.GetBytes(body)),
            static (ref Utf8JsonReader reader, HttpStatusCode _, string? _) =>
            {
                while (reader.Read())
                {
                }

                return 0;
            }));

        var cause = Assert.IsType<JsonException>(exception.InnerException);
        Assert.StartsWith("'tru,\"b\":\"\\u007f\\u0085\",\"c\":\"xxx", cause.Message, StringComparison.Ordinal);
        Assert.EndsWith(" more characters)", cause.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cause.Message, c => char.IsControl(c) || c is '\u2028' or '\u2029');
        Assert.True(cause.Message.Length < 2_200, cause.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(exception.Message, char.IsControl);

        // The message quotes the cause whole: cut once, with the count of what was left out.
        Assert.Contains("could not be read: " + cause.Message + ". Operation: Op", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeaderLineHttpClientRefusesIsQuotedOnOneLineInTheCauseToo()
    {
        // HttpClient's own message quotes an invalid header line as received; loggers print the cause with the exception.
        await using var server = new Infrastructure.RawHttpServer((request, stream, ct) =>
            Infrastructure.RawHttpServer.AnswerAsync(stream, 200, "{}", ct, "X-\u001b[2J\u0007Evil: v\r\n"));

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () =>
            await Infrastructure.Calls.CreateCertificateAsync(Infrastructure.Calls.Pipeline(server.BaseAddress)));

        var cause = Assert.IsType<HttpRequestException>(exception.InnerException);
        Assert.Contains("\\u001b[2J\\u0007Evil", cause.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cause.Message, char.IsControl);
        Assert.DoesNotContain(exception.Message, char.IsControl);
    }

    [Fact]
    public void ATransportFailureQuotingTheServerIsShownOnOneLineAndBounded()
    {
        // A cause's message can quote the server (an invalid header line, a map key in a JSON path), and so can the request id.
        var cause = new HttpRequestException("Received an invalid header line: 'X-A: \u001b[2J\u0085forged'. " + new string('h', 5_000));
        var exception = new ApigTransportException("Op", "https://apig.example/v2/x", "The request could not be completed: " + cause.Message, "rid\u001b[31m\u2028", cause);

        Assert.DoesNotContain(exception.Message, c => char.IsControl(c) || c is '\u2028' or '\u2029');
        Assert.Contains("X-A: \\u001b[2J\\u0085forged", exception.Message, StringComparison.Ordinal);
        Assert.Contains("more characters). Operation: Op, endpoint: https://apig.example/v2/x, request id: rid\\u001b[31m\\u2028.", exception.Message, StringComparison.Ordinal);
        Assert.True(exception.Message.Length < 2_200, exception.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("rid\u001b[31m\u2028", exception.RequestId);
    }

    [Theory]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("del\u007f", "del\\u007f")]
    [InlineData("next line\u0085here", "next line\\u0085here")]
    [InlineData("c1 end\u009f", "c1 end\\u009f")]
    [InlineData("paragraph\u2029", "paragraph\\u2029")]
    [InlineData("plain text, é and \u00a0 kept", "plain text, é and \u00a0 kept")]
    public void EveryControlCharacterAndLineSeparatorIsEscapedAndNothingElse(string errorMessage, string escaped)
    {
        var exception = new ApigException("Op", HttpStatusCode.BadRequest, null, "APIG.1", errorMessage, "rid");

        Assert.Contains(": " + escaped + ".", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(exception.Message, c => char.IsControl(c) || c is '\u2028' or '\u2029');
    }

    [Fact]
    public void ARedirectAnswerNamesItsLocationAndNotAnExcerpt()
    {
        using var message = new HttpResponseMessage(HttpStatusCode.Found);
        message.Headers.TryAddWithoutValidation("Location", "https://elsewhere.example/login");
        var exception = new ApigResponse("Op", "https://apig.example/v2/x", message, null, Encoding.UTF8.GetBytes("<html>moved</html>"), TimeProvider.System).CreateException();

        Assert.Equal("https://elsewhere.example/login", exception.Location);
        Assert.Equal(
            "HTTP 302 Found: APIG answered with a redirect to 'https://elsewhere.example/login', which was not followed (credentials and body are never sent to another address). Operation: Op. Request id: (none).",
            exception.Message);
    }
}

/// <summary>Credentials are refused when they are made if they could not be sent as they are.</summary>
public sealed class CredentialCharacterTests
{
    [Theory]
    [InlineData("SeCrEt\0")]
    [InlineData("SeCrEt\u0007x")]
    [InlineData("SeCrEt\u007F")]
    [InlineData("SeCrEtö")]
    [InlineData("SeCrEt\u00A0")]
    public void ATokenThatCannotBeAHeaderValueIsRefusedWithoutBeingEchoed(string token)
    {
        var exception = Assert.Throws<ArgumentException>(() => ApigCredentials.Token(token));
        Assert.Equal("token", exception.ParamName);
        Assert.DoesNotContain("SeCrEt", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAccessKeyAndSecurityTokenMustBeAsciiButTheSecretKeyOnlyKeysTheSignature()
    {
        Assert.Equal("accessKey", Assert.Throws<ArgumentException>(() => ApigCredentials.AccessKey("AKé", "SK")).ParamName);
        Assert.Equal("securityToken", Assert.Throws<ArgumentException>(() => ApigCredentials.AccessKey("AK", "SK", "st\0")).ParamName);
        Assert.Equal("secretKey", Assert.Throws<ArgumentException>(() => ApigCredentials.AccessKey("AK", "S\u0001K")).ParamName);
        Assert.NotNull(ApigCredentials.AccessKey("AK", "clé-secrète"));
        Assert.NotNull(ApigCredentials.Token("MIIT\tabc"));
    }

    [Fact]
    public void AProjectIdThatCannotBeAHeaderValueIsRefusedByTheOptionsAndTheHandler()
    {
        var options = new ApigClientOptions { Region = "cn-north-4", ProjectId = "prøject", Credentials = ApigCredentials.Token("t") };
        Assert.Equal("ProjectId", Assert.Throws<ArgumentException>(() => new ApigPipeline(options, null)).ParamName);
        Assert.Equal("projectId", Assert.Throws<ArgumentException>(() => new ApigSigningHandler(ApigCredentials.Token("t"), "p\0")).ParamName);
    }
}
