using System;
using System.ComponentModel;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace ApigGen;

/// <summary>A response read whole by <see cref="ApigPipeline"/>: status, request id and body bytes.</summary>
/// <remarks>Infrastructure for generated code; a value type so that a call that completes synchronously allocates nothing for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ApigResponse
{
    private readonly byte[] _body;
    private readonly TimeSpan? _retryAfter;
    private readonly string _url;
    private readonly HttpResponseMessage? _message;
    private readonly System.IO.Stream? _content;

    internal ApigResponse(string operationId, string url, HttpResponseMessage response, string? requestId, byte[] body, TimeProvider timeProvider, int attempts = 1, System.IO.Stream? content = null)
    {
        _message = response;
        _content = content;
        Attempts = attempts;
        OperationId = operationId;
        _url = url;
        StatusCode = response.StatusCode;
        RequestId = requestId;
        _body = body;

        // What only an error needs (ApigException) is read only for an error; the reason phrase and Location are read from
        // the message when the exception is made (its headers outlive its disposal), since every field here is copied
        // with the response, several times a call.
        _retryAfter = IsSuccess ? null : ReadRetryAfter(response, timeProvider);
    }

    /// <summary>The operation id.</summary>
    public string OperationId { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>X-Request-Id</c> header, when present.</summary>
    public string? RequestId { get; }

    /// <summary>How many attempts the call took (1 when it was not repeated).</summary>
    public int Attempts { get; }

    /// <summary>
    /// The body of a success answer to <see cref="ApigPipeline.SendStreamingAsync"/>, unread: the caller reads it and
    /// disposes it, which also disposes the HTTP response.
    /// </summary>
    /// <returns>The body's stream (the same one on every call).</returns>
    /// <exception cref="InvalidOperationException">The response was not sent for streaming, or is not a success.</exception>
    public System.IO.Stream TakeContent() => _content ?? throw new InvalidOperationException("Only a success answer to SendStreamingAsync has a body stream.");

    /// <summary>Disposes the body stream of a streamed answer (and so its HTTP response), when it has one; for code that fails before handing it over.</summary>
    public void DisposeContent() => _content?.Dispose();

    /// <summary>The <c>Content-Type</c> header of the answer, as sent; null when there is none.</summary>
    public string? ContentType => _message is { } message && (int)StatusCode != 204 && message.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values)
        ? values.ToString()
        : null;

    /// <summary>The value of the response header <paramref name="name"/> (several values joined with <c>", "</c>); null when it is missing.</summary>
    /// <param name="name">The header name (any case).</param>
    /// <returns>The value, or null.</returns>
    public string? GetHeader(string name)
    {
        if (_message is not { } message)
        {
            return null;
        }

        if (message.Headers.NonValidated.TryGetValues(name, out var values)
            || ((int)StatusCode != 204 && message.Content.Headers.NonValidated.TryGetValues(name, out values)))
        {
            return values.ToString();
        }

        return null;
    }

    /// <summary>The response header <paramref name="name"/> as an integer; null when it is missing.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="ApigTransportException">The header is present but not an integer that fits.</exception>
    public int? GetHeaderInt32(string name) => GetHeader(name) is { } text
        ? int.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : throw CreateHeaderException(name, text, "an integer (int32)")
        : null;

    /// <summary>The response header <paramref name="name"/> as a 64-bit integer; null when it is missing.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="ApigTransportException">The header is present but not an integer that fits.</exception>
    public long? GetHeaderInt64(string name) => GetHeader(name) is { } text
        ? long.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : throw CreateHeaderException(name, text, "an integer (int64)")
        : null;

    /// <summary>The response header <paramref name="name"/> as a number; null when it is missing.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="ApigTransportException">The header is present but not a finite number.</exception>
    public double? GetHeaderNumber(string name) => GetHeader(name) is { } text
        ? double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : throw CreateHeaderException(name, text, "a number")
        : null;

    /// <summary>The response header <paramref name="name"/> as a boolean (<c>true</c> or <c>false</c>, any case); null when it is missing.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="ApigTransportException">The header is present but neither true nor false.</exception>
    public bool? GetHeaderBoolean(string name) => GetHeader(name) is { } text
        ? text.Trim() switch
        {
            var t when t.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            var t when t.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw CreateHeaderException(name, text, "true or false"),
        }
        : null;

    /// <summary>The response header <paramref name="name"/> as a date-time (ISO 8601, or the HTTP date form); null when it is missing.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="ApigTransportException">The header is present but not a date-time.</exception>
    public DateTimeOffset? GetHeaderDateTime(string name) => GetHeader(name) is { } text
        ? DateTimeOffset.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value) ? value : throw CreateHeaderException(name, text, "a date-time")
        : null;

    /// <summary>The exception for a declared response header whose value is not of its declared type.</summary>
    private ApigTransportException CreateHeaderException(string name, string value, string expected) => new(
        OperationId,
        _url,
        "The " + (int)StatusCode + " response header '" + name + "' is not " + expected + ": '" + (value.Length > 64 ? value.Substring(0, 64) + "…" : value) + "'",
        RequestId)
    {
        Attempts = Attempts,
    };

    /// <summary>The <c>Retry-After</c> delay of an error answer, when the server sent one.</summary>
    internal TimeSpan? RetryAfter => _retryAfter;

    /// <summary>True for a 2xx status.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and <= 299;

    /// <summary>The body without a leading UTF-8 byte order mark, which some servers and proxies send and JSON readers refuse.</summary>
    private ReadOnlySpan<byte> Json => _body.AsSpan().StartsWith(Utf8ByteOrderMark) ? _body.AsSpan(Utf8ByteOrderMark.Length) : _body;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>A reader positioned on the first token of the body.</summary>
    /// <exception cref="ApigTransportException">The body is empty or not JSON.</exception>
    public Utf8JsonReader CreateJsonReader()
    {
        var reader = new Utf8JsonReader(Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        JsonException? failure = null;
        try
        {
            if (reader.Read())
            {
                return reader;
            }
        }
        catch (JsonException ex)
        {
            failure = ex;
        }

        // No token (only comments), or a blank body, of which the reader says it "does not contain any JSON tokens ... when
        // isFinalBlock is true": either way the body is empty.
        throw CreateReadException(failure is not null && Json.IndexOfAnyExcept(" \t\r\n"u8) >= 0
            ? failure
            : new JsonException("The body is empty, where JSON was expected.", failure));
    }

    /// <summary>Checks that the body's JSON value, just read, is all there is: whitespace and comments may follow, nothing else.</summary>
    /// <param name="reader">The reader of <see cref="CreateJsonReader"/>, on the last token of the value.</param>
    /// <exception cref="JsonException">Anything else follows the value (a second value, or text that is not JSON).</exception>
    public void ExpectEnd(ref Utf8JsonReader reader)
    {
        // The reader holds the whole body as its final block and takes a single value, so it throws itself on anything
        // but whitespace and comments after that value ("'x' is invalid after a single JSON value").
        if (reader.Read())
        {
            throw new JsonException("Expected the end of the body after its JSON value.");
        }
    }

    /// <summary>The exception for a success body that is malformed or lacks a mandatory member.</summary>
    public ApigTransportException CreateReadException(Exception cause)
    {
        cause = ServerText.ShownCause(cause);
        return new ApigTransportException(OperationId, _url, "The " + (int)StatusCode + " response body could not be read: " + cause.Message, RequestId, cause)
        {
            Attempts = Attempts,
        };
    }

    /// <summary>
    /// The <see cref="ApigException"/> for a response whose status is not a success. Whatever the body holds (APIG's error
    /// JSON, other JSON, text, invalid UTF-8, JSON nested too deep), the status and request id are kept, with what could
    /// be read of <c>error_code</c> and <c>error_msg</c>, and a bounded excerpt of a body that was not clean error JSON.
    /// </summary>
    public ApigException CreateException()
    {
        var clean = ReadError(out var code, out var message);
        var excerpt = !clean || (code is null && message is null) ? Excerpt(_body) : null;
        var location = (int)StatusCode is >= 300 and <= 399 && _message is { } redirect ? ReadLocation(redirect) : null;
        return new ApigException(OperationId, StatusCode, _message?.ReasonPhrase, code, message, RequestId, _retryAfter, excerpt, location) { Attempts = Attempts };
    }

    /// <summary>APIG's <c>error_code</c> in the body, when there is one (for traces and logs).</summary>
    internal string? ReadErrorCode()
    {
        ReadError(out var code, out _);
        return code;
    }

    /// <summary>Reads <c>error_code</c> and <c>error_msg</c>; true when the body was one clean JSON object.</summary>
    private bool ReadError(out string? code, out string? message)
    {
        code = null;
        message = null;
        var clean = false;
        try
        {
            var reader = new Utf8JsonReader(Json);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isCode = reader.ValueTextEquals("error_code"u8);
                    var isMessage = reader.ValueTextEquals("error_msg"u8);
                    reader.Read();
                    if (isCode && reader.TokenType == JsonTokenType.String)
                    {
                        code = LossyString(ref reader);
                    }
                    else if (isMessage && reader.TokenType == JsonTokenType.String)
                    {
                        message = LossyString(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                clean = reader.TokenType == JsonTokenType.EndObject;
            }
        }
        catch (JsonException)
        {
            // Not APIG error JSON, truncated, or nested too deep: what was read is kept, with an excerpt.
        }

        return clean;
    }

    /// <summary>
    /// A string value. Text <see cref="Utf8JsonReader.GetString"/> refuses (invalid UTF-8, an escaped lone surrogate) is
    /// read as it stands, escapes included, with replacement characters for the invalid bytes.
    /// </summary>
    private static string LossyString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    private static string? ReadLocation(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("Location", out var values) ? values.ToString() : null;

    internal static string? ReadRequestId(HttpResponseMessage response)
    {
        // A walk over the few headers an answer has is cheaper than a lookup by name, which first parses the name.
        foreach (var header in response.Headers.NonValidated)
        {
            if (string.Equals(header.Key, HeaderValues.RequestIdHeader, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value.ToString();
            }
        }

        return null;
    }

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static string? Excerpt(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        var length = Math.Min(body.Length, ApigException.MaxBodyExcerptLength * 4);
        var text = Encoding.UTF8.GetString(body, 0, length);
        var builder = new StringBuilder(Math.Min(text.Length, ApigException.MaxBodyExcerptLength));
        foreach (var c in text)
        {
            if (builder.Length >= ApigException.MaxBodyExcerptLength)
            {
                break;
            }

            builder.Append(ServerText.IsUnsafe(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
