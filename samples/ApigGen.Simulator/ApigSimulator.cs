using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApigGen.Simulator;

/// <summary>One request as it arrived: method, raw target, headers and body bytes.</summary>
public sealed record RecordedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body, string RequestId)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A header value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A local APIG on 127.0.0.1 (an ephemeral port by default): authenticates tokens and AK/SK signatures, validates
/// bodies, keeps certificates, instances and domains in memory, and answers like APIG with <c>X-Request-Id</c>.
/// Faults can be switched on through <see cref="Faults"/>.
/// </summary>
public sealed class ApigSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly TimeProvider _timeProvider;
    private long _requestCounter;
    private bool _recordRequests = true;
    private long _validSignatures;
    private long _invalidSignatures;
    private long _rejectedTokens;
    private long _unauthenticated;

    private readonly CertificateApi _certificates;
    private readonly SpecApi.SpecEndpoints _specs;

    private ApigSimulator(WebApplication app, TimeProvider timeProvider, SpecApi.SpecCatalogue catalogue)
    {
        _app = app;
        _timeProvider = timeProvider;
        _certificates = new CertificateApi(State, timeProvider);
        _specs = new SpecApi.SpecEndpoints(catalogue, State);
        Catalogue = catalogue;
    }

    /// <summary>The specs served besides the certificate family (which <c>CertificateApi</c> serves with state).</summary>
    public SpecApi.SpecCatalogue Catalogue { get; }

    /// <summary>The base address to put in <c>ApigClientOptions.Endpoint</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The in-memory world.</summary>
    public SimulatorState State { get; } = new();

    /// <summary>Switchable faults.</summary>
    public SimulatorFaults Faults { get; } = new();

    /// <summary>Every request received so far, in order (while <see cref="RecordRequests"/> is on).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>
    /// Whether <see cref="Requests"/> keeps what arrives (the default). Long runs switch it off, so that the
    /// simulator's memory stays flat; <see cref="SimulatorFaults.Choose"/> still sees every request.
    /// </summary>
    public bool RecordRequests
    {
        get => Volatile.Read(ref _recordRequests);
        set => Volatile.Write(ref _recordRequests, value);
    }

    /// <summary>How many requests carried an AK/SK signature (an <c>Authorization</c> header without <c>X-Auth-Token</c>) that verified.</summary>
    public long ValidSignatures => Interlocked.Read(ref _validSignatures);

    /// <summary>How many requests carried an AK/SK signature that did not verify (wrong signature, key, date or project id).</summary>
    public long InvalidSignatures => Interlocked.Read(ref _invalidSignatures);

    /// <summary>How many requests carried an <c>X-Auth-Token</c> the simulator does not accept.</summary>
    public long RejectedTokens => Interlocked.Read(ref _rejectedTokens);

    /// <summary>How many requests carried neither an <c>X-Auth-Token</c> nor an <c>Authorization</c> header.</summary>
    public long Unauthenticated => Interlocked.Read(ref _unauthenticated);

    /// <summary>Starts a simulator.</summary>
    /// <param name="port">The port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="timeProvider">The clock used to check <c>X-Sdk-Date</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<ApigSimulator> StartAsync(int port = 0, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        StartAsync(SpecApi.SpecCatalogue.Default, port, timeProvider, cancellationToken);

    /// <summary>Starts a simulator that serves the operations of <paramref name="catalogue"/>.</summary>
    /// <param name="catalogue">The specs to serve, e.g. <see cref="SpecApi.SpecCatalogue.Default"/> with specs of your own loaded over it.</param>
    /// <param name="port">The port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="timeProvider">The clock used to check <c>X-Sdk-Date</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ApigSimulator> StartAsync(SpecApi.SpecCatalogue catalogue, int port = 0, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var simulator = new ApigSimulator(app, timeProvider ?? TimeProvider.System, catalogue);
        app.Run(simulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return simulator;
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/openstack") || context.Request.Path.StartsWithSegments("/meta-data"))
        {
            await EcsMetadata.HandleAsync(context, State, Faults).ConfigureAwait(false);
            return;
        }

        var requestId = Interlocked.Increment(ref _requestCounter).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "5e0a7c11a7e3b2d94f6c8e01";
        context.Response.Headers["X-Request-Id"] = requestId;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(context.Request.Method, rawTarget, headers, body, requestId);
        if (RecordRequests)
        {
            _requests.Enqueue(recorded);
        }

        // Checked before any fault, so that every request's credentials are counted; a fault still wins over a refusal.
        var auth = Authenticate(context.Request.Method, rawTarget, headers, body);
        var fault = Faults.Choose is { } choose ? choose(recorded) : Faults.Take();

        if (Faults.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Faults.Latency, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        switch (fault)
        {
            case FaultMode.ServerError:
                await Error(context, 500, "APIG.9999", "System error").ConfigureAwait(false);
                return;
            case FaultMode.ServiceUnavailable:
                await Error(context, 503, "APIG.0201", "Backend unavailable").ConfigureAwait(false);
                return;
            case FaultMode.TooManyRequests:
                context.Response.Headers.RetryAfter = Faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Error(context, 429, "APIG.1101", "Too many requests, please try again later").ConfigureAwait(false);
                return;
            case FaultMode.DropConnection:
                context.Abort();
                return;
            case FaultMode.TruncatedSuccessBody:
                await WriteRaw(context, 200, JsonContentType, "{\"size\":1,\"total\":1,\"certs\":[{\"id\":\"c0ff").ConfigureAwait(false);
                return;
            case FaultMode.MissingMandatoryMember:
                await WriteRaw(context, 200, JsonContentType, "{\"certs\":[],\"bound_domains\":[]}").ConfigureAwait(false);
                return;
            case FaultMode.TrailingContentAfterBody:
                await WriteRaw(context, 200, JsonContentType, "{\"size\":0,\"total\":0,\"certs\":[]}<!-- proxy -->").ConfigureAwait(false);
                return;
            case FaultMode.MalformedBody:
                await WriteRaw(context, 502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>proxy</body></html>").ConfigureAwait(false);
                return;
            case FaultMode.DropMidBody:
                context.Response.StatusCode = 200;
                context.Response.ContentType = JsonContentType;
                context.Response.ContentLength = 4096;
                await context.Response.WriteAsync("{\"id\":\"c0ffee00c0ffee00", context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                // A pause first, so that the client usually has the headers before the reset (which would discard them).
                try
                {
                    await Task.Delay(Faults.SlowBodyPause, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                context.Abort();
                return;
            case FaultMode.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                return;
        }

        if (auth is not null)
        {
            await Error(context, 401, "APIG.1002", auth).ConfigureAwait(false);
            return;
        }

        var questionMark = rawTarget.IndexOf('?');
        var segments = (questionMark < 0 ? rawTarget : rawTarget[..questionMark]).Split('/').Select(Uri.UnescapeDataString).ToArray();
        // ["", "v2", project, "apigw", ...rest]
        if (segments.Length < 4 || segments[0].Length != 0 || segments[1] != "v2" || segments[3] != "apigw")
        {
            await Write(context, ApiResult.ApiNotFound).ConfigureAwait(false);
            return;
        }

        if (segments[2] != State.ProjectId)
        {
            await Write(context, ApiResult.Error(403, "APIG.1005", "No permissions to request this method")).ConfigureAwait(false);
            return;
        }

        var query = ParseQuery(questionMark < 0 ? string.Empty : rawTarget[(questionMark + 1)..]);
        // The certificate family keeps its stateful endpoints; every other catalogue operation is served from its spec.
        var result = segments.Length > 4 && segments[4] == "certificates"
            ? _certificates.Handle(context.Request.Method, segments[4..], query, body)
            : _specs.Handle(context.Request.Method, segments[4..], query, headers, body);
        if (fault == FaultMode.SlowBody && result.Body is not null)
        {
            await WriteSlowly(context, result).ConfigureAwait(false);
            return;
        }

        await Write(context, result).ConfigureAwait(false);
    }

    /// <summary>The answer of <see cref="FaultMode.SlowBody"/>: the body in four pieces, flushed one by one with a pause between them.</summary>
    private async Task WriteSlowly(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.Status;
        context.Response.ContentType = JsonContentType;
        var bytes = Encoding.UTF8.GetBytes(result.Body!.ToJsonString());
        var piece = (bytes.Length + 3) / 4;
        try
        {
            for (var start = 0; start < bytes.Length; start += piece)
            {
                if (start > 0)
                {
                    await Task.Delay(Faults.SlowBodyPause, context.RequestAborted).ConfigureAwait(false);
                }

                await context.Response.Body.WriteAsync(bytes.AsMemory(start, Math.Min(piece, bytes.Length - start)), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            pairs.Add(new(Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
        }

        return pairs;
    }

    private Task Write(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.Status;
        foreach (var header in result.Headers ?? Array.Empty<KeyValuePair<string, string>>())
        {
            context.Response.Headers[header.Key] = header.Value;
        }

        if (result.Binary is { } binary)
        {
            context.Response.ContentType = result.ContentType ?? "application/octet-stream";
            context.Response.ContentLength = binary.Length;
            return context.Response.Body.WriteAsync(binary, context.RequestAborted).AsTask();
        }

        if (result.Body is null)
        {
            return Task.CompletedTask;
        }

        if (Faults.NewerServer && result.Status == 200)
        {
            AddUnknowns(result.Body);
        }

        context.Response.ContentType = JsonContentType;
        return context.Response.WriteAsync(result.Body.ToJsonString());
    }

    /// <summary>What a newer APIG might send: members and enum values this client's specs do not know.</summary>
    private static void AddUnknowns(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    if (child is not null)
                    {
                        AddUnknowns(child);
                    }
                }

                obj["future_member"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null, new JsonObject()) };
                if (obj.ContainsKey("algorithm_type"))
                {
                    obj["algorithm_type"] = "PQC";
                }

                if (obj.ContainsKey("status"))
                {
                    obj["status"] = 9;
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        AddUnknowns(child);
                    }
                }

                break;
        }
    }

    /// <summary>Null when authenticated, else why not.</summary>
    private string? Authenticate(string method, string rawTarget, Dictionary<string, string> headers, byte[] body)
    {
        if (headers.TryGetValue("X-Auth-Token", out var token))
        {
            bool known;
            lock (State.Sync)
            {
                known = State.Tokens.Contains(token);
            }

            if (!known)
            {
                Interlocked.Increment(ref _rejectedTokens);
                return "Incorrect token or token resolution failed";
            }

            return null;
        }

        if (headers.ContainsKey("Authorization"))
        {
            var result = SignatureVerifier.Verify(method, rawTarget, headers, body, ak =>
            {
                lock (State.Sync)
                {
                    return State.AccessKeys.TryGetValue(ak, out var sk) ? sk : null;
                }
            }, _timeProvider.GetUtcNow());
            if (!result.Valid)
            {
                Interlocked.Increment(ref _invalidSignatures);
                return "Incorrect token or token resolution failed: " + result.Failure;
            }

            lock (State.Sync)
            {
                var ak = SignatureVerifier.AccessKeyOf(headers);
                if (ak is not null && State.SecurityTokens.TryGetValue(ak, out var required)
                    && (!headers.TryGetValue("X-Security-Token", out var sent) || sent != required))
                {
                    return "Incorrect token or token resolution failed: the temporary access key needs its X-Security-Token";
                }
            }

            if (headers.TryGetValue("X-Project-Id", out var projectId) && projectId != State.ProjectId)
            {
                Interlocked.Increment(ref _invalidSignatures);
                return "Incorrect token or token resolution failed: X-Project-Id does not match the path";
            }

            Interlocked.Increment(ref _validSignatures);
            return null;
        }

        Interlocked.Increment(ref _unauthenticated);
        return "Incorrect token or token resolution failed: no X-Auth-Token or Authorization header";
    }

    private const string JsonContentType = "application/json;charset=UTF-8";

    private static Task Error(HttpContext context, int status, string code, string message) =>
        WriteRaw(context, status, JsonContentType, ApiResult.Error(status, code, message).Body!.ToJsonString());

    private static Task WriteRaw(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body);
    }
}
