using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace ApigGen;

/// <summary>
/// One request being built by generated code: path segments and query values are percent-encoded as they are
/// appended (a value can never add a segment, a query parameter or a fragment), and the JSON body is written once.
/// A request and its builders are borrowed per thread (<see cref="PerThreadCache"/>) and given back when the request is
/// sealed, so building costs the URL string and the body bytes.
/// </summary>
/// <remarks>Infrastructure for generated code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApigRequest
{
    private ResolvedOptions _options;

    /// <summary>The URL builder this request owns; <see cref="_target"/> while building, null once sealed.</summary>
    private StringBuilder _urlBuilder = new(256);

    /// <summary>The JSON body writer this request owns, created by the first JSON body.</summary>
    private JsonBodyWriter? _jsonWriter;
    private StringBuilder? _target;
    private int _queryStart = -1;
    private List<KeyValuePair<string, string>>? _headers;
    private byte[]? _body;
    private int _bodyLength;
    private string? _contentType;
    private MultipartFormWriter? _form;

    /// <summary>
    /// The last URL this thread's requests were sealed with, parsed: a request to the same URL (a status polled, a
    /// page read again, an operation repeated) takes it instead of parsing the same text again.
    /// </summary>
    private Uri? _lastUri;

    private ApigRequest(HttpMethod method, string operationId, ResolvedOptions options)
    {
        Method = method;
        OperationId = operationId;
        _options = options;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; private set; }

    /// <summary>The operation id, for error messages.</summary>
    public string OperationId { get; private set; }

    /// <summary>Whether repeating the request is harmless (always for GET, HEAD, PUT, DELETE; POST and PATCH when the spec says so).</summary>
    internal bool Idempotent { get; private set; }

    /// <summary>A request for this thread; <see cref="Seal"/> gives it back.</summary>
    internal static ApigRequest Rent(HttpMethod method, string operationId, ResolvedOptions options, bool idempotent)
    {
        var cache = PerThreadCache.Current;
        var request = cache.Request ?? new ApigRequest(method, operationId, options);
        cache.Request = null;
        request.Method = method;
        request.OperationId = operationId;
        request.Idempotent = idempotent || RetryPolicy.IsIdempotentMethod(method);
        request._options = options;
        request._queryStart = -1;
        request._headers = null;
        request._body = null;
        request._bodyLength = 0;
        request._contentType = null;
        request._form = null;
        request._target = request._urlBuilder.Clear().Append(options.BaseAddress);
        return request;
    }

    private StringBuilder Target => _target ?? throw new InvalidOperationException("The request was already sent.");

    /// <summary>Appends literal path text from the spec's template (already in its sent form).</summary>
    /// <returns>This request, to append the next piece of the path.</returns>
    public ApigRequest AppendPath(string literal)
    {
        Target.Append(literal);
        return this;
    }

    /// <summary>Appends the project id from the options as one encoded segment.</summary>
    /// <returns>This request, to append the next piece of the path.</returns>
    public ApigRequest AppendProjectId()
    {
        Target.Append(_options.EncodedProjectId);
        return this;
    }

    /// <summary>Appends a path parameter value as one percent-encoded segment.</summary>
    /// <returns>This request, to append the next piece of the path.</returns>
    public ApigRequest AppendPathParameter(string value)
    {
        PercentEncoding.Append(Target, value);
        return this;
    }

    /// <summary>Adds a query parameter; key and value are percent-encoded. Nothing when <paramref name="value"/> is null (an unset optional parameter).</summary>
    public void AddQuery(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        var target = Target;
        if (_queryStart < 0)
        {
            target.Append('?');
            _queryStart = target.Length;
        }
        else
        {
            target.Append('&');
        }

        PercentEncoding.Append(target, name);
        target.Append('=');
        PercentEncoding.Append(target, value);
    }

    /// <summary>Adds an integer query parameter in invariant form; nothing when <paramref name="value"/> is null.</summary>
    public void AddQuery(string name, long? value)
    {
        if (value is { } number)
        {
            AddQuery(name, number.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Adds a number query parameter in invariant round-trip form; nothing when <paramref name="value"/> is null.</summary>
    public void AddQuery(string name, double? value)
    {
        if (value is { } number)
        {
            AddQuery(name, number.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Adds a boolean query parameter as <c>true</c>/<c>false</c>; nothing when <paramref name="value"/> is null.</summary>
    public void AddQuery(string name, bool? value)
    {
        if (value is { } flag)
        {
            AddQuery(name, flag ? "true" : "false");
        }
    }

    /// <summary>Adds a date-time query parameter in ISO 8601 form; nothing when <paramref name="value"/> is null.</summary>
    public void AddQuery(string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            AddQuery(name, time.ToString("O", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Adds a header parameter (validated beforehand to hold no line break); nothing when <paramref name="value"/> is null.</summary>
    public void AddHeader(string name, string? value)
    {
        if (value is not null)
        {
            (_headers ??= new List<KeyValuePair<string, string>>(2)).Add(new KeyValuePair<string, string>(name, value));
        }
    }

    /// <summary>Starts the JSON body; write one value, then call <see cref="EndJsonBody"/>.</summary>
    public Utf8JsonWriter StartJsonBody() => (_jsonWriter ??= new JsonBodyWriter()).Start();

    /// <summary>
    /// Finishes the JSON body: the pooled array it was written into lives until the call ends (and is cleared then).
    /// </summary>
    public void EndJsonBody()
    {
        // The writer knows whether a body was started: Finish refuses otherwise.
        var json = _jsonWriter ?? throw new InvalidOperationException("StartJsonBody was not called.");
        (_body, _bodyLength) = json.Finish();
    }

    /// <summary>
    /// Starts a <c>multipart/form-data</c> body: add its parts in order with <see cref="AddFormField(string, string)"/> and
    /// <see cref="AddFormFileAsync"/>, then call <see cref="EndFormBody"/>. The body is built in memory, within
    /// <see cref="ApigClientOptions.MaxRequestBodySize"/>, so that it is signed over exactly the bytes sent.
    /// </summary>
    public void StartFormBody()
    {
        _form?.Dispose();
        _form = new MultipartFormWriter(_options.MaxRequestBodySize);
    }

    /// <summary>Adds a text field (sent as UTF-8).</summary>
    /// <param name="name">The part's name.</param>
    /// <param name="value">The field's value.</param>
    public void AddFormField(string name, string value) => Form.AddField(name, value);

    /// <summary>Adds an integer field in invariant form.</summary>
    /// <param name="name">The part's name.</param>
    /// <param name="value">The field's value.</param>
    public void AddFormField(string name, long value) => Form.AddField(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a number field in invariant round-trip form.</summary>
    /// <param name="name">The part's name.</param>
    /// <param name="value">The field's value.</param>
    public void AddFormField(string name, double value) => Form.AddField(name, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Adds a boolean field as <c>true</c>/<c>false</c>.</summary>
    /// <param name="name">The part's name.</param>
    /// <param name="value">The field's value.</param>
    public void AddFormField(string name, bool value) => Form.AddField(name, value ? "true" : "false");

    /// <summary>Adds a date-time field in ISO 8601 form.</summary>
    /// <param name="name">The part's name.</param>
    /// <param name="value">The field's value.</param>
    public void AddFormField(string name, DateTimeOffset value) => Form.AddField(name, value.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>
    /// Adds a file part: the file's stream is read from its current position to its end now (it is neither disposed nor
    /// sought). On failure or cancellation the body built so far is cleared and dropped.
    /// </summary>
    /// <param name="name">The part's name.</param>
    /// <param name="file">The file.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>A task that completes when the file has been read.</returns>
    /// <exception cref="InvalidOperationException">The body grew past <see cref="ApigClientOptions.MaxRequestBodySize"/>.</exception>
    public async System.Threading.Tasks.ValueTask AddFormFileAsync(string name, ApigFile file, System.Threading.CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var form = Form;
        try
        {
            await form.AddFileAsync(name, file, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            form.Dispose();
            _form = null;
            throw;
        }
    }

    /// <summary>Finishes the <c>multipart/form-data</c> body; its pooled bytes live until the call ends (and are cleared then).</summary>
    public void EndFormBody()
    {
        var (body, length, contentType) = Form.Finish();
        _form = null;
        _body = body;
        _bodyLength = length;
        _contentType = contentType;
    }

    private MultipartFormWriter Form => _form ?? throw new InvalidOperationException("StartFormBody was not called.");

    /// <summary>
    /// Seals the request into what sending needs, and gives this object and its builder back to the thread:
    /// nothing may use the request afterwards.
    /// </summary>
    internal SealedRequest Seal()
    {
        var target = Target;
        Uri? uri = null;
        string url;
        if (_lastUri is { } last && SameText(target, last.OriginalString))
        {
            uri = last;
            url = last.OriginalString;
        }
        else
        {
            // Parsed once here for every attempt. A URL that does not parse is left to the message, which reports it.
            url = target.ToString();
            if (Uri.TryCreate(url, UriKind.Absolute, out var parsed))
            {
                uri = _lastUri = parsed;
            }
        }

        var sealedRequest = new SealedRequest(
            Method,
            OperationId,
            url,
            uri,
            _options.PathStart,
            _queryStart,
            _headers,
            _body,
            _bodyLength,
            Idempotent,
            _contentType);
        _target = null;
        if (target.Capacity > 4096)
        {
            _urlBuilder = new StringBuilder(256);
        }

        _headers = null;
        _body = null;
        _contentType = null;
        _form?.Dispose();
        _form = null;

        // A JSON body started and never ended (cannot happen in generated code): cleared, not sent.
        _jsonWriter?.Abandon();
        PerThreadCache.Current.Request = this;
        return sealedRequest;
    }

    /// <summary>
    /// Whether <paramref name="builder"/> holds <paramref name="text"/>. URLs of one client share the base address and the
    /// project id and differ, when they do, in the path parameters and the query near their end: the tail is compared
    /// first, so a different URL of the same length is told apart without reading its common prefix.
    /// </summary>
    private static bool SameText(StringBuilder builder, string text)
    {
        if (builder.Length != text.Length)
        {
            return false;
        }

        foreach (var chunk in builder.GetChunks())
        {
            if (chunk.Length != text.Length)
            {
                // Several chunks (a URL longer than the builder's first capacity): compared as a whole.
                break;
            }

            var span = chunk.Span;
            var tail = Math.Min(32, text.Length);
            return span.Slice(span.Length - tail).SequenceEqual(text.AsSpan(text.Length - tail)) && span.SequenceEqual(text);
        }

        return builder.Equals(text.AsSpan());
    }
}

/// <summary>A request ready to send: the URL (and, unless it does not parse, the URL parsed) with where its path and query start, header parameters, and the pooled body with its content type (null: JSON).</summary>
internal readonly record struct SealedRequest(
    HttpMethod Method,
    string OperationId,
    string Url,
    Uri? Uri,
    int PathStart,
    int QueryStart,
    List<KeyValuePair<string, string>>? Headers,
    byte[]? PooledBody,
    int BodyLength,
    bool Idempotent,
    string? ContentType = null)
{
    public ReadOnlySpan<byte> Body => PooledBody is null ? default : PooledBody.AsSpan(0, BodyLength);

    /// <summary>The URL without its query, for messages (query values may be personal).</summary>
    public string Endpoint => QueryStart < 0 ? Url : Url.Substring(0, QueryStart - 1);
}
