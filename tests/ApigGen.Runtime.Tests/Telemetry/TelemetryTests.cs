using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using ApigGen.Simulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace ApigGen.Runtime.Tests.Telemetry;

/// <summary>The span, the duration histogram and the log lines of a call, and that none of them carries a secret.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string Token = "tok-SECRET-7f3a9c";
    private const string QueryValue = "query-SECRET-value";
    private readonly RecordingTimeProvider _clock = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(double Value, Dictionary<string, object?> Tags)> _durations = new();
    private readonly FakeLoggerProvider _logs = new();
    private ActivityListener _activityListener = null!;
    private MeterListener _meterListener = null!;
    private ApigSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        _simulator = await ApigSimulator.StartAsync(timeProvider: _clock);
        lock (_simulator.State.Sync)
        {
            _simulator.State.Tokens.Add(Token);
        }

        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ApigTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ApigTelemetry.Name && instrument.Name == ApigTelemetry.DurationInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _durations.Enqueue((value, copy));
        });
        _meterListener.Start();
    }

    public async Task DisposeAsync()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
        await _simulator.DisposeAsync();
    }

    private ApigPipeline Pipeline() => new(
        new ApigClientOptions
        {
            Endpoint = _simulator.Endpoint,
            ProjectId = SimulatorState.DefaultProjectId,
            Credentials = ApigCredentials.Token(Token),
            TimeProvider = _clock,
            Timeout = _clock.Ignored,
            Retry = new ApigRetryOptions { Delay = TimeSpan.FromSeconds(2) },
            LoggerFactory = new ProviderFactory(_logs),
        },
        null);

    /// <summary>GET of a certificate that does not exist, with a query value and a private key nowhere near.</summary>
    private static ValueTask<ApigResponse> ShowMissingAsync(ApigPipeline pipeline)
    {
        var request = pipeline.CreateRequest(HttpMethod.Get, "ShowDetailsOfCertificateV2");
        request.AppendPath("/v2/");
        request.AppendProjectId();
        request.AppendPath("/apigw/certificates/");
        request.AppendPathParameter("missing");
        request.AddQuery("name", QueryValue);
        return pipeline.SendAsync(request, default);
    }

    [Fact]
    public async Task ARetriedCallMakesOneSpanOneMeasurementAndOneInformationLine()
    {
        _simulator.Faults.FailNext(1, FaultMode.ServiceUnavailable);

        var call = ShowMissingAsync(Pipeline()).AsTask();
        var wait = await _clock.NextWaitAsync();
        _clock.Advance(wait);
        var response = await call;
        var exception = response.CreateException();

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(2, exception.Attempts);
        var span = Assert.Single(_spans);
        Assert.Equal("ShowDetailsOfCertificateV2", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        var tags = span.TagObjects.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("GET", tags["http.request.method"]);
        Assert.Equal("127.0.0.1", tags["server.address"]);
        Assert.Equal(_simulator.Endpoint.Port, tags["server.port"]);
        Assert.Equal(
            _simulator.Endpoint.GetLeftPart(UriPartial.Authority) + "/v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates/missing?name=REDACTED",
            tags["url.full"]);
        Assert.Equal(404, tags["http.response.status_code"]);
        Assert.Equal("404", tags["error.type"]);
        Assert.Equal(1, tags["http.request.resend_count"]);
        Assert.Equal("ShowDetailsOfCertificateV2", tags["apig.operation"]);
        Assert.Equal(response.RequestId, tags["apig.request_id"]);
        Assert.Equal(exception.ErrorCode, tags["apig.error_code"]);
        Assert.NotNull(exception.ErrorCode);

        var (seconds, measured) = Assert.Single(_durations);
        Assert.Equal(wait.TotalSeconds, seconds, 6);
        Assert.Equal("ShowDetailsOfCertificateV2", measured["apig.operation"]);
        Assert.Equal("GET", measured["http.request.method"]);
        Assert.Equal(404, measured["http.response.status_code"]);
        Assert.Equal("404", measured["error.type"]);

        var records = _logs.Collector.GetSnapshot();
        var line = Assert.Single(records, r => r.Level == LogLevel.Information);
        Assert.Equal("ApigGen.ApigClient", line.Category);
        Assert.Contains("ShowDetailsOfCertificateV2 answered 404 in", line.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 attempt(s); request id " + response.RequestId, line.Message, StringComparison.Ordinal);
        Assert.Equal(2, records.Count(r => r.Level == LogLevel.Debug && r.Message.Contains("attempt", StringComparison.Ordinal) && r.Message.Contains(": GET ", StringComparison.Ordinal)));
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Message.Contains("attempt 1 ended with 503; retrying in", StringComparison.Ordinal));

        AssertNoSecret(span, records);
    }

    [Fact]
    public async Task AFailedCallIsAnErrorSpanAMeasurementWithItsErrorTypeAndAWarning()
    {
        _simulator.Faults.Mode = FaultMode.DropConnection;
        var pipeline = new ApigPipeline(
            new ApigClientOptions
            {
                Endpoint = _simulator.Endpoint,
                ProjectId = SimulatorState.DefaultProjectId,
                Credentials = ApigCredentials.Token(Token),
                Retry = new ApigRetryOptions { MaxRetries = 0 },
                LoggerFactory = new ProviderFactory(_logs),
            },
            null);

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () => await ShowMissingAsync(pipeline));

        var span = Assert.Single(_spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        var errorType = Assert.IsType<string>(span.GetTagItem("error.type"));
        Assert.Contains(errorType, new[] { "response_ended", "http_protocol_error", "connection_error", "System.Net.Http.HttpRequestException" });
        Assert.Null(span.GetTagItem("http.response.status_code"));
        Assert.Null(span.GetTagItem("http.request.resend_count"));
        Assert.Equal(errorType, Assert.Single(_durations).Tags["error.type"]);
        var line = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("ShowDetailsOfCertificateV2 failed (" + errorType + ")", line.Message, StringComparison.Ordinal);
        Assert.Equal(1, exception.Attempts);
        AssertNoSecret(span, _logs.Collector.GetSnapshot());
    }

    [Fact]
    public async Task AkSkCallsLeakNeitherKeyNorSignatureNorBody()
    {
        const string secretKey = "SK-SECRET-do-not-log-0123456789";
        lock (_simulator.State.Sync)
        {
            _simulator.State.AccessKeys["AK-TELEMETRY"] = secretKey;
        }

        var pipeline = new ApigPipeline(
            new ApigClientOptions
            {
                Endpoint = _simulator.Endpoint,
                ProjectId = SimulatorState.DefaultProjectId,
                Credentials = ApigCredentials.AccessKey("AK-TELEMETRY", secretKey, "ST-SECRET-token"),
                TimeProvider = _clock,
                LoggerFactory = new ProviderFactory(_logs),
            },
            null);

        await Calls.CreateCertificateAsync(pipeline);

        var span = Assert.Single(_spans);
        var sent = Assert.Single(_simulator.Requests);
        var everything = Text(span, _logs.Collector.GetSnapshot());
        foreach (var secret in new[] { secretKey, "AK-TELEMETRY", "ST-SECRET-token", Calls.PrivateKey, sent.Header("Authorization")!, sent.Header("X-Sdk-Date")! })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ARequestIdAndErrorCodeTheServerChoseAreTaggedAndLoggedOnOneLineAndBounded()
    {
        const string requestId = "rid\u001b[31m\u0085forged";
        var code = "APIG.\r\n" + new string('C', 5_000);
        using var http = new HttpClient(new HostileHandler(requestId, "{\"error_code\":" + System.Text.Json.JsonSerializer.Serialize(code) + "}"));
        var pipeline = new ApigPipeline(
            new ApigClientOptions
            {
                Endpoint = new Uri("https://apig.example/"),
                ProjectId = SimulatorState.DefaultProjectId,
                Credentials = ApigCredentials.Token(Token),
                Retry = new ApigRetryOptions { MaxRetries = 0 },
                LoggerFactory = new ProviderFactory(_logs),
            },
            http);

        var response = await ShowMissingAsync(pipeline);

        Assert.Equal(requestId, response.RequestId);
        Assert.Equal(code, response.CreateException().ErrorCode);
        var span = Assert.Single(_spans);
        Assert.Equal("rid\\u001b[31m\\u0085forged", span.GetTagItem("apig.request_id"));
        Assert.Equal("APIG.\\r\\n" + new string('C', 128 - 9) + "... (" + (code.Length - 7 - (128 - 9)) + " more characters)", span.GetTagItem("apig.error_code"));
        var line = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Information);
        Assert.EndsWith("request id rid\\u001b[31m\\u0085forged", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Text(span, _logs.Collector.GetSnapshot()).Replace("\n", string.Empty, StringComparison.Ordinal), c => char.IsControl(c));
    }

    /// <summary>Answers every request with 404, a request id and a body of the test's choosing.</summary>
    private sealed class HostileHandler(string requestId, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { RequestMessage = request, Content = new StringContent(body) };
            response.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
            return Task.FromResult(response);
        }
    }

    private static void AssertNoSecret(Activity span, IReadOnlyList<FakeLogRecord> records)
    {
        var everything = Text(span, records);
        Assert.DoesNotContain(Token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(QueryValue, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("error_msg", everything, StringComparison.Ordinal);
    }

    private static string Text(Activity span, IReadOnlyList<FakeLogRecord> records) =>
        string.Join("\n", span.TagObjects.Select(t => t.Key + "=" + t.Value))
        + "\n" + span.StatusDescription
        + "\n" + string.Join("\n", records.Select(r => r.Message + " | " + string.Join(",", r.StructuredState?.Select(s => s.Key + "=" + s.Value) ?? Array.Empty<string>())));
}

/// <summary>Telemetry tests listen process-wide: they must not run beside each other.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection
{
}
