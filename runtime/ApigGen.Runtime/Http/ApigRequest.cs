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
/// </summary>
/// <remarks>Infrastructure for generated code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApigRequest
{
    private readonly ResolvedOptions _options;
    private readonly StringBuilder _path = new(128);
    private StringBuilder? _query;
    private List<KeyValuePair<string, string>>? _headers;
    private ArrayBufferWriter<byte>? _body;
    private Utf8JsonWriter? _writer;

    internal ApigRequest(HttpMethod method, string operationId, ResolvedOptions options)
    {
        Method = method;
        OperationId = operationId;
        _options = options;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The operation id, for error messages.</summary>
    public string OperationId { get; }

    internal string Query => _query?.ToString() ?? string.Empty;

    /// <summary>Appends literal path text from the spec's template (already in its sent form).</summary>
    public void AppendPath(string literal) => _path.Append(literal);

    /// <summary>Appends the project id from the options as one encoded segment.</summary>
    public void AppendProjectId() => PercentEncoding.Append(_path, _options.ProjectId);

    /// <summary>Appends a path parameter value as one percent-encoded segment.</summary>
    public void AppendPathParameter(string value) => PercentEncoding.Append(_path, value);

    /// <summary>Adds a query parameter; key and value are percent-encoded.</summary>
    public void AddQuery(string name, string value)
    {
        var query = _query ??= new StringBuilder(64);
        if (query.Length > 0)
        {
            query.Append('&');
        }

        PercentEncoding.Append(query, name);
        query.Append('=');
        PercentEncoding.Append(query, value);
    }

    /// <summary>Adds an integer query parameter in invariant form.</summary>
    public void AddQuery(string name, long value) => AddQuery(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a number query parameter in invariant round-trip form.</summary>
    public void AddQuery(string name, double value) => AddQuery(name, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Adds a boolean query parameter as <c>true</c>/<c>false</c>.</summary>
    public void AddQuery(string name, bool value) => AddQuery(name, value ? "true" : "false");

    /// <summary>Adds a date-time query parameter in ISO 8601 form.</summary>
    public void AddQuery(string name, DateTimeOffset value) => AddQuery(name, value.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Adds a header parameter (validated beforehand to hold no line break).</summary>
    public void AddHeader(string name, string value) => (_headers ??= new List<KeyValuePair<string, string>>(2)).Add(new KeyValuePair<string, string>(name, value));

    internal IReadOnlyList<KeyValuePair<string, string>>? Headers => _headers;

    /// <summary>Starts the JSON body; write one value, then call <see cref="EndJsonBody"/>.</summary>
    public Utf8JsonWriter StartJsonBody()
    {
        _body = new ArrayBufferWriter<byte>(256);
        _writer = new Utf8JsonWriter(_body, ApigJson.WriterOptions);
        return _writer;
    }

    /// <summary>Finishes the JSON body.</summary>
    public void EndJsonBody()
    {
        if (_writer is null)
        {
            throw new InvalidOperationException("StartJsonBody was not called.");
        }

        _writer.Flush();
        _writer.Dispose();
        _writer = null;
    }

    internal ReadOnlyMemory<byte>? GetBody() => _body?.WrittenMemory;

    internal Uri BuildUri(out string url)
    {
        url = _options.BaseAddress + _path.ToString();
        return new Uri(_query is null || _query.Length == 0 ? url : url + "?" + _query, UriKind.Absolute);
    }
}
