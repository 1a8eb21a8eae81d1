using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
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

    private ApigSimulator(WebApplication app, TimeProvider timeProvider)
    {
        _app = app;
        _timeProvider = timeProvider;
    }

    /// <summary>The base address to put in <c>ApigClientOptions.Endpoint</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The in-memory world.</summary>
    public SimulatorState State { get; } = new();

    /// <summary>Switchable faults.</summary>
    public SimulatorFaults Faults { get; } = new();

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Starts a simulator.</summary>
    /// <param name="port">The port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="timeProvider">The clock used to check <c>X-Sdk-Date</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ApigSimulator> StartAsync(int port = 0, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var simulator = new ApigSimulator(app, timeProvider ?? TimeProvider.System);
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
        var requestId = Interlocked.Increment(ref _requestCounter).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "5e0a7c11a7e3b2d94f6c8e01";
        context.Response.Headers["X-Request-Id"] = requestId;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, rawTarget, headers, body, requestId));

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

        switch (Faults.Mode)
        {
            case FaultMode.ServerError:
                await Error(context, 500, "APIG.9999", "System error").ConfigureAwait(false);
                return;
            case FaultMode.TooManyRequests:
                context.Response.Headers.RetryAfter = Faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Error(context, 429, "APIG.1101", "Too many requests, please try again later").ConfigureAwait(false);
                return;
            case FaultMode.DropConnection:
                context.Abort();
                return;
            case FaultMode.MalformedBody:
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>proxy</body></html>").ConfigureAwait(false);
                return;
        }

        var auth = Authenticate(context.Request.Method, rawTarget, headers, body);
        if (auth is not null)
        {
            await Error(context, 401, "APIG.1002", auth).ConfigureAwait(false);
            return;
        }

        var questionMark = rawTarget.IndexOf('?');
        var segments = (questionMark < 0 ? rawTarget : rawTarget[..questionMark]).Split('/').Select(Uri.UnescapeDataString).ToArray();
        // ["", "v2", project, "apigw", "certificates", certificateId, "domains", "attach"]
        if (segments.Length < 4 || segments[0].Length != 0 || segments[1] != "v2" || segments[3] != "apigw")
        {
            await Error(context, 404, "APIG.0101", "The API does not exist or has not been published in the environment").ConfigureAwait(false);
            return;
        }

        if (segments[2] != State.ProjectId)
        {
            await Error(context, 403, "APIG.1005", "No permissions to request this method").ConfigureAwait(false);
            return;
        }

        if (segments.Length == 8 && segments[4] == "certificates" && segments[6] == "domains" && segments[7] == "attach" && HttpMethods.IsPost(context.Request.Method))
        {
            await AttachDomains(context, segments[5], body).ConfigureAwait(false);
            return;
        }

        await Error(context, 404, "APIG.0101", "The API does not exist or has not been published in the environment").ConfigureAwait(false);
    }

    /// <summary>Null when authenticated, else why not.</summary>
    private string? Authenticate(string method, string rawTarget, Dictionary<string, string> headers, byte[] body)
    {
        if (headers.TryGetValue("X-Auth-Token", out var token))
        {
            lock (State.Sync)
            {
                return State.Tokens.Contains(token) ? null : "Incorrect token or token resolution failed";
            }
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
                return "Incorrect token or token resolution failed: " + result.Failure;
            }

            if (headers.TryGetValue("X-Project-Id", out var projectId) && projectId != State.ProjectId)
            {
                return "Incorrect token or token resolution failed: X-Project-Id does not match the path";
            }

            return null;
        }

        return "Incorrect token or token resolution failed: no X-Auth-Token or Authorization header";
    }

    private async Task AttachDomains(HttpContext context, string certificateId, byte[] body)
    {
        var items = new List<(string Domain, string[]? InstanceIds, bool? Verified)>();
        string? invalid = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("domains", out var domains) || domains.ValueKind != JsonValueKind.Array || domains.GetArrayLength() == 0)
            {
                invalid = "domains";
            }
            else
            {
                foreach (var item in domains.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("domain", out var domain) || domain.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(domain.GetString()))
                    {
                        invalid = "domain";
                        break;
                    }

                    string[]? instanceIds = null;
                    if (item.TryGetProperty("instance_ids", out var ids))
                    {
                        if (ids.ValueKind != JsonValueKind.Array || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
                        {
                            invalid = "instance_ids";
                            break;
                        }

                        instanceIds = ids.EnumerateArray().Select(i => i.GetString()!).ToArray();
                    }

                    bool? verified = null;
                    if (item.TryGetProperty("verified_client_certificate_enabled", out var flag))
                    {
                        if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                        {
                            invalid = "verified_client_certificate_enabled";
                            break;
                        }

                        verified = flag.GetBoolean();
                    }

                    items.Add((domain.GetString()!, instanceIds, verified));
                }
            }
        }
        catch (JsonException)
        {
            invalid = "domains";
        }

        if (invalid is not null)
        {
            await Error(context, 400, "APIG.2012", "Invalid parameter value,parameterName:" + invalid + ". Please refer to the support documentation").ConfigureAwait(false);
            return;
        }

        (int Status, string Code, string Message)? failure = null;
        lock (State.Sync)
        {
            if (!State.Certificates.TryGetValue(certificateId, out var certificate))
            {
                failure = (404, "APIG.3023", "The certificate does not exist");
            }
            else
            {
                var targets = new List<(SimulatedDomain Domain, bool? Verified)>();
                foreach (var (domain, instanceIds, verified) in items)
                {
                    IEnumerable<SimulatedInstance> instances;
                    if (instanceIds is not null)
                    {
                        var unknown = instanceIds.FirstOrDefault(id => !State.Instances.ContainsKey(id));
                        if (unknown is not null)
                        {
                            failure = (404, "APIG.3030", "The instance does not exist");
                            break;
                        }

                        instances = instanceIds.Select(id => State.Instances[id]);
                    }
                    else
                    {
                        instances = State.Instances.Values;
                    }

                    var found = instances.Where(i => i.Domains.ContainsKey(domain)).Select(i => i.Domains[domain]).ToList();
                    if (found.Count == 0 || (instanceIds is not null && found.Count != instanceIds.Distinct().Count()))
                    {
                        failure = (404, "APIG.3020", "The URL domain does not exist");
                        break;
                    }

                    targets.AddRange(found.Select(d => (d, verified)));
                }

                if (failure is null)
                {
                    foreach (var (domain, verified) in targets)
                    {
                        domain.CertificateId = certificateId;
                        domain.VerifiedClientCertificateEnabled = verified ?? certificate.HasTrustedRootCa;
                    }
                }
            }
        }

        if (failure is { } f)
        {
            await Error(context, f.Status, f.Code, f.Message).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 204;
    }

    private static async Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["error_code"] = code, ["error_msg"] = message }, SimulatorJson.Default.DictionaryStringString);
        await context.Response.WriteAsync(json).ConfigureAwait(false);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SimulatorJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
