using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ApigGen.Fuzz.Responses;

/// <summary>An operation of the generated client: its method, a request that passes validation, and its spec's shape.</summary>
internal sealed record FuzzOperation(string Id, MethodInfo Method, object Request, OperationShape Shape);

/// <summary>
/// Response fuzzing: the catalogue specs are generated and compiled into a client at start (so every catalogue operation,
/// present and future, is fuzzed); its operations are found by reflection over <c>IApigClient</c>; each case serves one
/// mutated response through an <see cref="HttpMessageHandler"/> to <c>new ApigClient(options, new HttpClient(handler))</c>.
/// Allowed outcomes: a response object, <see cref="ApigException"/>, <see cref="ApigTransportException"/>; with the status
/// and request id that were sent.
/// </summary>
internal sealed class ResponseFuzzer
{
    private const string Token = "fuzz-token-0123456789";

    private readonly FuzzReport _report;
    private readonly IReadOnlyList<FuzzOperation> _operations;
    private readonly object _client;
    private readonly PlannedHandler _handler;

    private ResponseFuzzer(FuzzReport report, IReadOnlyList<FuzzOperation> operations, object client, PlannedHandler handler)
    {
        _report = report;
        _operations = operations;
        _client = client;
        _handler = handler;
    }

    public IEnumerable<string> OperationNames => _operations.Select(o => o.Id);

    /// <summary>The operations left out because no valid request could be built for them, each with the reason.</summary>
    public IReadOnlyList<string> Skipped { get; private init; } = Array.Empty<string>();

    public int ProgressEvery { get; set; }

    /// <summary>
    /// Generates and compiles the catalogue's client (or one family's: <paramref name="family"/>, a folder of specs/), finds
    /// its operations and builds a valid request for each. An operation whose request the builder cannot make valid is
    /// left out and named in <see cref="Skipped"/>.
    /// </summary>
    public static Task<ResponseFuzzer> CreateAsync(FuzzReport report, string? family = null)
    {
        var catalogue = Corpus.Catalogue()
            .Where(s => family is null || s.Path.Replace('\\', '/').Contains("/specs/" + family + "/", StringComparison.Ordinal))
            .ToList();
        var assembly = CompileClient(catalogue);
        var clientType = assembly.GetTypes().Single(t => t.Name == "ApigClient" && t.IsClass);
        var contract = clientType.GetInterfaces().Single(i => i.Name == "IApigClient");
        var shapes = catalogue.Select(s => new OperationShape(s.Text)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var operations = new List<FuzzOperation>();
        var skipped = new List<string>();
        foreach (var method in contract.GetMethods().OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var id = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^"Async".Length] : method.Name;
            if (!shapes.TryGetValue(id, out var shape))
            {
                throw new InvalidOperationException("IApigClient." + method.Name + " has no catalogue spec with operation id " + id + ".");
            }

            var requestType = method.GetParameters()[0].ParameterType;
            try
            {
                operations.Add(new FuzzOperation(id, method, RequestBuilder.Build(requestType), shape));
            }
            catch (InvalidOperationException ex)
            {
                skipped.Add(id + ": " + ex.Message);
            }
        }

        if (operations.Count + skipped.Count != shapes.Count)
        {
            throw new InvalidOperationException($"The generated client has {operations.Count} operations, the catalogue {shapes.Count} specs.");
        }

        var handler = new PlannedHandler();
        var options = new ApigClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:9"),
            ProjectId = "fuzz-project",
            Credentials = ApigCredentials.Token(Token),
            // Retries stay on (a retried answer must end as typed as any other), but waits are milliseconds: any
            // Retry-After the mutator sends is over MaxDelay, so that answer stands at once instead of sleeping.
            Retry = new ApigRetryOptions { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(10) },
        };
        var client = Activator.CreateInstance(clientType, options, new HttpClient(handler))!;
        return Task.FromResult(new ResponseFuzzer(report, operations, client, handler) { Skipped = skipped });
    }

    private static Assembly CompileClient(IReadOnlyList<CorpusSpec> catalogue)
    {
        var runner = new GeneratorRunner();
        var (result, output) = runner.Run(catalogue.Select(s => new SpecInput(s.Path, Microsoft.CodeAnalysis.Text.SourceText.From(s.Text), null)).ToList());
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("The catalogue does not generate: " + string.Join("\n", result.Diagnostics));
        }

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The catalogue's client does not compile: " + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return Assembly.Load(image.ToArray());
    }

    public async Task RunAsync(long start, long count)
    {
        var clock = Stopwatch.StartNew();
        for (var index = start; index < start + count; index++)
        {
            await RunCaseAsync(index).ConfigureAwait(false);
            _report.Cases++;
            if (ProgressEvery > 0 && _report.Cases % ProgressEvery == 0)
            {
                Console.WriteLine($"  responses: {_report.Cases} cases, {_report.FailureCount} failures, {clock.Elapsed.TotalSeconds:0} s");
            }
        }

        _report.Elapsed += clock.Elapsed;
        _report.Notes.Clear();
        _report.Notes.Add("operations: " + string.Join(", ", OperationNames));
    }

    private async Task RunCaseAsync(long index)
    {
        var random = Prng.ForCase(_report.Seed, index, stream: 2);
        var operation = random.Pick(_operations);
        var plan = ResponseMutator.Make(operation.Shape, random);
        _handler.Plan = plan;
        var success = plan.Status is >= 200 and <= 299;
        object? response = null;
        Exception? thrown = null;
        try
        {
            var task = (Task)operation.Method.Invoke(_client, new[] { operation.Request, CancellationToken.None })!;
            await task.ConfigureAwait(false);
            response = task.GetType().GetProperty("Result")!.GetValue(task);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            thrown = ex.InnerException;
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        var problems = new List<(string Kind, string Detail)>();
        switch (thrown)
        {
            case null:
                _report.Count(operation.Id + ": response");
                _report.Count("response");
                Check(problems, success, "a response object for a non-2xx status");
                Check(problems, response is not null, "a null response");
                if (response is not null)
                {
                    var type = response.GetType();
                    var status = (HttpStatusCode)type.GetProperty("StatusCode")!.GetValue(response)!;
                    var requestId = (string?)type.GetProperty("RequestId")!.GetValue(response);
                    Check(problems, (int)status == plan.Status, $"response.StatusCode {(int)status}, sent {plan.Status}");
                    Check(problems, requestId == plan.ExpectedRequestId, $"response.RequestId '{requestId}', sent '{plan.ExpectedRequestId}'");
                    try
                    {
                        _ = response.ToString();
                        _ = response.GetHashCode();
                    }
                    catch (Exception ex)
                    {
                        problems.Add(("reading a returned response throws", ex.GetType().Name + ": " + ex.Message));
                    }
                }

                break;
            case ApigException apig:
                _report.Count("ApigException");
                Check(problems, !success, "ApigException for a 2xx status");
                Check(problems, (int)apig.StatusCode == plan.Status, $"ApigException.StatusCode {(int)apig.StatusCode}, sent {plan.Status}");
                Check(problems, apig.RequestId == plan.ExpectedRequestId, $"ApigException.RequestId '{apig.RequestId}', sent '{plan.ExpectedRequestId}'");
                Check(problems, apig.OperationId == operation.Id, "ApigException.OperationId " + apig.OperationId);
                Check(problems, apig.BodyExcerpt is null || apig.BodyExcerpt.Length <= ApigException.MaxBodyExcerptLength, "BodyExcerpt longer than the maximum");
                Check(problems, !apig.ToString().Contains(Token, StringComparison.Ordinal), "the token in the exception text");
                CheckShown(problems, "ApigException.Message", apig.Message);
                break;
            case ApigTransportException transport:
                _report.Count("ApigTransportException");
                Check(problems, transport.OperationId == operation.Id, "ApigTransportException.OperationId " + transport.OperationId);
                Check(problems, transport.RequestId == plan.ExpectedRequestId, $"ApigTransportException.RequestId '{transport.RequestId}', sent '{plan.ExpectedRequestId}'");
                Check(problems, success || plan.ContentLength is not null || plan.BreakAfter is not null, $"ApigTransportException for status {plan.Status} with an intact body: {transport.Message}");
                Check(problems, !transport.ToString().Contains(Token, StringComparison.Ordinal), "the token in the exception text");
                CheckShown(problems, "ApigTransportException.Message", transport.Message);
                if (transport.InnerException is System.Text.Json.JsonException json)
                {
                    CheckShown(problems, "the JsonException's message", json.Message);
                }

                break;
            default:
                _report.Count("other: " + thrown.GetType().Name);
                problems.Add(("untyped exception " + thrown.GetType().Name + ": " + FirstSentence(thrown.Message), thrown.ToString()));
                break;
        }

        foreach (var (kind, detail) in problems)
        {
            var kindWithWhere = kind + (success ? " [2xx]" : " [error status]");
            _report.Fail(kindWithWhere, index, $"operation {operation.Id}\n{plan.Describe()}\n{detail}", plan.Body, ".body");
        }
    }

    /// <summary>
    /// What lands in logs: server text in a message is on one line (no control character, no Unicode line separator)
    /// and bounded, whatever the body or headers held.
    /// </summary>
    private static void CheckShown(List<(string Kind, string Detail)> problems, string what, string message)
    {
        static bool BreaksALine(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
        if (message.Any(BreaksALine))
        {
            var shown = string.Concat(message.Select(c => BreaksALine(c) ? $"\\u{(int)c:x4}" : c.ToString()));
            problems.Add(("message not on one line: " + what, shown.Length > 600 ? shown[..600] + "..." : shown));
        }

        if (message.Length > MaxMessageLength)
        {
            problems.Add(("message too long: " + what, $"{message.Length} characters: {message[..200]}..."));
        }
    }

    /// <summary>The longest message allowed: ApigGen shows at most about 2,400 characters of server text in one (2,048 in a transport failure's cause, plus the request id, the operation and the endpoint).</summary>
    private const int MaxMessageLength = 4_096;

    /// <summary>The message up to its first full stop or colon, so that failures group by cause rather than by value.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOfAny(new[] { '.', ':' });
        return end < 0 ? message : message[..end];
    }

    private static void Check(List<(string, string)> problems, bool condition, string what)
    {
        if (!condition)
        {
            problems.Add(("wrong outcome: " + string.Join(' ', what.Split(' ').Take(2)), what));
        }
    }

    /// <summary>Serves the planned response; sends nothing anywhere.</summary>
    private sealed class PlannedHandler : HttpMessageHandler
    {
        public ResponsePlan Plan { get; set; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var plan = Plan;
            var response = new HttpResponseMessage((HttpStatusCode)plan.Status) { RequestMessage = request, ReasonPhrase = plan.Reason };
            HttpContent content = plan.BreakAfter is { } breakAfter
                ? new StreamContent(new BreakingStream(plan.Body, breakAfter))
                : new ByteArrayContent(plan.Body);
            content.Headers.Remove("Content-Type");
            if (plan.ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", plan.ContentType);
            }

            content.Headers.ContentLength = plan.ContentLength ?? plan.Body.Length;
            response.Content = content;
            foreach (var id in plan.RequestIds)
            {
                response.Headers.TryAddWithoutValidation("X-Request-Id", id);
            }

            foreach (var value in plan.RetryAfter)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", value);
            }

            return Task.FromResult(response);
        }
    }

    /// <summary>A body stream whose connection breaks after some bytes.</summary>
    private sealed class BreakingStream : Stream
    {
        private readonly byte[] _body;
        private readonly int _breakAfter;
        private int _position;

        public BreakingStream(byte[] body, int breakAfter)
        {
            _body = body;
            _breakAfter = Math.Min(breakAfter, body.Length);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= _breakAfter)
            {
                throw new IOException("The connection was reset (fuzz).");
            }

            var n = Math.Min(buffer.Length, _breakAfter - _position);
            _body.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
