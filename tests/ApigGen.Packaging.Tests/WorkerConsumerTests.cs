using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace ApigGen.Packaging.Tests;

/// <summary>
/// A fresh worker project outside the repository with ApigGen, ApigGen.Extensions.DependencyInjection and an
/// appsettings.json: one line registers the client, the host validates the options at start, and the resolved
/// <c>IApigClient</c> calls the simulator over loopback with a token (from appsettings.json) and with AK/SK (keyed, from
/// the HUAWEICLOUD_SDK_* environment variables); a 503 GET is retried with a new signature, a 503 POST is not; a third
/// client signs with temporary credentials from the metadata service and goes on after they are rotated; spans,
/// metrics and log lines are printed and checked, with no secret in them. Built and run on the JIT, and published with
/// Native AOT and run as a native binary, trim and AOT warnings being errors.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class WorkerConsumerTests
{
    private const string Cert = SimulatorState.DefaultCertificateId;

    private const string ProgramSource = """
        using System.Diagnostics;
        using System.Diagnostics.Metrics;
        using System.Globalization;
        using ApigGen;
        using Worker.Apig;

        // What an OpenTelemetry exporter would receive from ApigGen's ActivitySource and Meter, printed one line each.
        using var spans = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == "ApigGen",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = static activity => Console.WriteLine($"span: {activity.DisplayName} {activity.Kind} {Tags(activity.TagObjects)}"),
        };
        ActivitySource.AddActivityListener(spans);
        using var metrics = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == "ApigGen")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        metrics.SetMeasurementEventCallback<double>(static (instrument, _, tags, _) => Console.WriteLine($"metric: {instrument.Name} {Tags(tags.ToArray())}"));
        metrics.Start();

        // The worker template's host: appsettings.json, environment variables and the command line, in that order.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("ApigGen", LogLevel.Debug);
        builder.Services.AddApigClient(builder.Configuration.GetSection("Apig"));
        builder.Services.AddKeyedApigClient("signed", builder.Configuration.GetSection("ApigSigned"));

        // On an ECS: temporary AK/SK and security token from the metadata service, renewed before they expire.
        builder.Services.AddKeyedApigClient("ecs", options =>
        {
            options.Endpoint = new Uri(builder.Configuration["Apig:Endpoint"]!);
            options.ProjectId = builder.Configuration["Apig:ProjectId"];
            options.Credentials = ApigCredentials.FromEcsMetadata(new ApigEcsMetadataOptions { Endpoint = new Uri(builder.Configuration["EcsMetadata"]!) });
        });
        using var host = builder.Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredService<IApigClient>();
        var attached = await client.BatchAssociateDomainsV2Async(Attach());
        Console.WriteLine($"token: status={(int)attached.StatusCode} request-id={attached.RequestId}");

        // A GET: a 503 is repeated (after Retry:Delay from appsettings.json, signed again).
        var signed = host.Services.GetRequiredKeyedService<IApigClient>("signed");
        var shown = await signed.ShowDetailsOfCertificateV2Async(new() { CertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00" });
        Console.WriteLine($"aksk: status={(int)shown.StatusCode} name={shown.Name} class={host.Services.GetRequiredKeyedService<ApigClient>("signed").GetType().Name}");

        // A POST: a 503 is not repeated.
        try
        {
            await client.BatchAssociateDomainsV2Async(Attach());
            Console.WriteLine("post: no error");
        }
        catch (ApigException e)
        {
            Console.WriteLine($"post: status={(int)e.StatusCode} attempts={e.Attempts} code={e.ErrorCode}");
        }

        // Credentials that change while the worker runs: the metadata service serves new ones and the same client takes
        // them up when the old ones are due for renewal. The steps are paced by whoever runs the worker (standard input).
        var ecs = host.Services.GetRequiredKeyedService<IApigClient>("ecs");
        Step("ecs: ready");
        for (var call = 1; call <= 2; call++)
        {
            var before = await ecs.ShowDetailsOfCertificateV2Async(new() { CertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00" });
            Console.WriteLine($"ecs: call {call} status={(int)before.StatusCode}");
        }

        Step("ecs: rotate now");
        var after = await ecs.ShowDetailsOfCertificateV2Async(new() { CertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00" });
        Console.WriteLine($"ecs: after rotation status={(int)after.StatusCode}");
        await host.StopAsync();

        static BatchAssociateDomainsV2Request Attach() => new()
        {
            CertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00",
            Body = new() { Domains = [new() { Domain = "apigtest.example.com", InstanceIds = ["f0fa1789-3b76-433b-a787-9892951c620e"] }] },
        };

        static void Step(string line)
        {
            Console.WriteLine(line);
            if (Console.ReadLine() != "go")
            {
                throw new InvalidOperationException("expected 'go' after '" + line + "'");
            }
        }

        static string Tags(IEnumerable<KeyValuePair<string, object?>> tags) =>
            string.Join(" ", tags.OrderBy(tag => tag.Key, StringComparer.Ordinal).Select(tag => tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture)));
        """;

    private const string AppSettings = """
        {
          "Apig": {
            "Endpoint": "http://127.0.0.1:9/",
            "ProjectId": "0123456789abcdef0123456789abcdef",
            "Token": "simulator-token",
            "Timeout": "00:00:30"
          },
          "ApigSigned": {
            "Endpoint": "http://127.0.0.1:9/",
            "ProjectId": "0123456789abcdef0123456789abcdef",
            "Retry": { "Delay": "00:00:02.2" }
          },
          "EcsMetadata": "http://127.0.0.1:9/"
        }
        """;

    private readonly PackedFeedFixture _feed;
    private readonly ITestOutputHelper _output;

    public WorkerConsumerTests(PackedFeedFixture feed, ITestOutputHelper output) => (_feed, _output) = (feed, output);

    /// <summary>AK/SK for the keyed client come from the environment variables of Huawei's SDKs, not from appsettings.json.</summary>
    private static Dictionary<string, string> Credentials => new()
    {
        ["HUAWEICLOUD_SDK_AK"] = SimulatorState.DefaultAccessKey,
        ["HUAWEICLOUD_SDK_SK"] = SimulatorState.DefaultSecretKey,
    };

    [Fact]
    public async Task AWorkerResolvesTheClientThroughAddApigClientCallsTheSimulatorAndStopsAtStartOnABadKey()
    {
        var project = NewWorker("worker-jit", aot: false);
        var (buildExit, buildOutput) = await DotNet.RunAsync(project, _feed.Environment, TimeSpan.FromMinutes(5), "build", "-c", "Release");
        Assert.True(buildExit == 0, "build failed:\n" + buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_feed.Packages, "apiggen.extensions.dependencyinjection", _feed.Version)), "the package did not come from the isolated cache");

        await using var server = await ApigSimulator.StartAsync();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project };
        start.ArgumentList.Add(Path.Combine(project, "bin", "Release", "net10.0", "worker-jit.dll"));
        var output = await RunWorkerAsync(start, server);
        AssertWorker(server, output);

        // The same build with the project id emptied on the command line: the host stops at start, before any call,
        // naming the configuration key and no secret.
        server.ClearRequests();
        server.Faults.Clear();
        var (exit, failure) = await DotNet.RunAsync(project, Credentials, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build", "--",
            "--Apig:Endpoint=" + server.Endpoint, "--ApigSigned:Endpoint=" + server.Endpoint, "--Apig:ProjectId=");
        Assert.NotEqual(0, exit);
        Assert.Contains("OptionsValidationException", failure, StringComparison.Ordinal);
        Assert.Contains("ApigClientOptions: configuration key Apig:ProjectId: Set ApigClientOptions.ProjectId", failure, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.DoesNotContain(SimulatorState.DefaultToken, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(SimulatorState.DefaultSecretKey, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWorkerPublishedWithNativeAotRunsAsANativeBinaryWithTokenAndAkSk()
    {
        var project = NewWorker("worker-aot", aot: true);
        var publish = project + "-publish";
        var clock = Stopwatch.StartNew();
        var (exit, output) = await DotNet.RunAsync(project, _feed.Environment, TimeSpan.FromMinutes(8), "publish", "-c", "Release", "-r", "linux-x64",
            "-p:CppCompilerAndLinker=gcc", "-o", publish);
        _output.WriteLine($"dotnet publish -p:PublishAot=true took {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(exit == 0, "publish failed:\n" + output);
        Assert.DoesNotContain("warning IL", output, StringComparison.Ordinal);
        Assert.DoesNotContain(": warning ", output, StringComparison.Ordinal);

        var binary = Path.Combine(publish, "worker-aot");
        Assert.True(File.Exists(binary), "no native binary at " + binary);
        Assert.False(File.Exists(Path.Combine(publish, "worker-aot.dll")), "the publish output is not native: it has the IL assembly");

        await using var server = await ApigSimulator.StartAsync();
        var run = await RunWorkerAsync(new ProcessStartInfo(binary) { WorkingDirectory = publish }, server);
        AssertWorker(server, run);
    }

    /// <summary>
    /// Runs the worker against <paramref name="server"/>: the signed client's first GET and the second POST are answered
    /// 503, and the worker's steps on standard input are answered by issuing the metadata service's first temporary
    /// credentials, then new ones (the first revoked). Returns standard output and error.
    /// </summary>
    private async Task<string> RunWorkerAsync(ProcessStartInfo start, ApigSimulator server)
    {
        var getsSigned = 0;
        var posts = 0;
        server.Faults.Choose = request =>
            request.Method == "GET" && request.Header("Authorization")?.Contains("Access=" + SimulatorState.DefaultAccessKey + ",", StringComparison.Ordinal) == true
                ? (Interlocked.Increment(ref getsSigned) == 1 ? FaultMode.ServiceUnavailable : FaultMode.None)
                : request.Method == "POST" && Interlocked.Increment(ref posts) == 2 ? FaultMode.ServiceUnavailable : FaultMode.None;

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.ArgumentList.Add("--Apig:Endpoint=" + server.Endpoint);
        start.ArgumentList.Add("--ApigSigned:Endpoint=" + server.Endpoint);
        start.ArgumentList.Add("--EcsMetadata=" + server.Endpoint);
        foreach (var (key, value) in Credentials)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var firstIssued = DateTimeOffset.MinValue;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                output.AppendLine(line);
                if (line == "ecs: ready")
                {
                    // Valid for ten seconds, so due for renewal at most five seconds from now: credentials that live less
                    // than twice ApigEcsMetadataOptions.RefreshBefore (five minutes by default) are renewed halfway.
                    firstIssued = DateTimeOffset.UtcNow;
                    server.State.IssueTemporaryCredentials(FirstKey, "SKfirstSKfirstSKfirstSKfirstSKfirst12345", FirstSecurityToken, firstIssued.AddSeconds(10));
                    await process.StandardInput.WriteLineAsync("go");
                }
                else if (line == "ecs: rotate now")
                {
                    // The service rotates: new keys, the first revoked. The worker's next call comes once the first keys are
                    // due for renewal, so it renews them on schedule (a refused key would show as an extra 401 request).
                    Assert.Equal(1, server.State.MetadataReads);
                    server.State.IssueTemporaryCredentials(SecondKey, "SKsecondSKsecondSKsecondSKsecondSKsecond", SecondSecurityToken, DateTimeOffset.UtcNow.AddHours(1));
                    server.State.Revoke(FirstKey);
                    var due = firstIssued.AddSeconds(5.5) - DateTimeOffset.UtcNow;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due);
                    }

                    await process.StandardInput.WriteLineAsync("go");
                }
            }

            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the worker did not finish within two minutes:\n" + output);
        }

        output.Append(await stderr);
        var text = output.ToString();
        _output.WriteLine(text);
        Assert.True(process.ExitCode == 0, "the worker failed:\n" + text);
        return text;
    }

    private const string FirstKey = "AKFIRSTTEMPORARY0001";
    private const string FirstSecurityToken = "first-security-token";
    private const string SecondKey = "AKSECONDTEMPORARY002";
    private const string SecondSecurityToken = "second-security-token";

    /// <summary>What the worker sent and printed: calls, the retry and the refusal to retry, the rotation, spans, metrics and logs.</summary>
    private static void AssertWorker(ApigSimulator server, string output)
    {
        var requests = server.Requests;
        Assert.Equal(7, requests.Count);
        Assert.Equal(0, server.InvalidSignatures);

        // The token client's POST.
        var token = requests[0];
        Assert.Equal("POST /v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates/" + Cert + "/domains/attach", token.Method + " " + token.RawTarget);
        Assert.Equal(SimulatorState.DefaultToken, token.Header("X-Auth-Token"));
        Assert.Contains("token: status=204 request-id=" + token.RequestId, output, StringComparison.Ordinal);

        // The signed GET, answered 503 and repeated with a new date and signature, both valid.
        var (first, second) = (requests[1], requests[2]);
        foreach (var signed in new[] { first, second })
        {
            Assert.Equal("GET /v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates/" + Cert, signed.Method + " " + signed.RawTarget);
            Assert.StartsWith("SDK-HMAC-SHA256 Access=" + SimulatorState.DefaultAccessKey + ",", signed.Header("Authorization"), StringComparison.Ordinal);
            Assert.Null(signed.Header("X-Auth-Token"));
        }

        Assert.NotEqual(first.Header("X-Sdk-Date"), second.Header("X-Sdk-Date"));
        Assert.NotEqual(first.Header("Authorization"), second.Header("Authorization"));
        Assert.Contains("aksk: status=200 name=", output, StringComparison.Ordinal);
        Assert.Contains("class=ApigClient", output, StringComparison.Ordinal);

        // The POST answered 503: sent once.
        Assert.Equal("POST", requests[3].Method);
        Assert.Contains("post: status=503 attempts=1 code=APIG.0201", output, StringComparison.Ordinal);

        // The ECS client: two calls with the first temporary key (read once), one with the second after the rotation.
        Assert.Equal(new[] { FirstKey, FirstKey, SecondKey }, requests.Skip(4).Select(r => r.Header("Authorization")!.Split("Access=")[1].Split(',')[0]));
        Assert.Equal(new[] { FirstSecurityToken, FirstSecurityToken, SecondSecurityToken }, requests.Skip(4).Select(r => r.Header("X-Security-Token")));
        Assert.Equal(2, server.State.MetadataReads);
        Assert.Contains("ecs: call 2 status=200", output, StringComparison.Ordinal);
        Assert.Contains("ecs: after rotation status=200", output, StringComparison.Ordinal);

        // Spans: one per call, named after the operation, the retried one with its resend count.
        Assert.Contains("span: ShowDetailsOfCertificateV2 Client apig.operation=ShowDetailsOfCertificateV2 apig.request_id=" + second.RequestId
            + " http.request.method=GET http.request.resend_count=1 http.response.status_code=200", output, StringComparison.Ordinal);
        Assert.Contains("span: BatchAssociateDomainsV2 Client apig.error_code=APIG.0201 apig.operation=BatchAssociateDomainsV2 apig.request_id=" + requests[3].RequestId
            + " error.type=503 http.request.method=POST http.response.status_code=503", output, StringComparison.Ordinal);
        Assert.Equal(6, CountLines(output, "span: "));

        // Metrics: one duration per call.
        Assert.Contains("metric: apig.client.operation.duration apig.operation=ShowDetailsOfCertificateV2 http.request.method=GET http.response.status_code=200", output, StringComparison.Ordinal);
        Assert.Contains("metric: apig.client.operation.duration apig.operation=BatchAssociateDomainsV2 error.type=503 http.request.method=POST http.response.status_code=503", output, StringComparison.Ordinal);
        Assert.Equal(6, CountLines(output, "metric: "));

        // Logs: a line per call at Information, each attempt and the retry at Debug; a POST is not retried at all.
        Assert.Contains("ShowDetailsOfCertificateV2 attempt 1 ended with 503; retrying in ", output, StringComparison.Ordinal);
        Assert.Contains("ShowDetailsOfCertificateV2 answered 200 in ", output, StringComparison.Ordinal);
        Assert.Contains("after 2 attempt(s); request id " + second.RequestId, output, StringComparison.Ordinal);
        Assert.Contains("BatchAssociateDomainsV2 answered 503 in ", output, StringComparison.Ordinal);
        Assert.Contains(" after 1 attempt(s); request id " + requests[3].RequestId, output, StringComparison.Ordinal);

        // No secret in anything the worker printed.
        foreach (var secret in new[] { SimulatorState.DefaultToken, SimulatorState.DefaultSecretKey, "SKfirstSKfirst", "SKsecondSKsecond", FirstSecurityToken, SecondSecurityToken })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }

    private static int CountLines(string output, string prefix) =>
        output.Split('\n').Count(line => line.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>A worker project (Microsoft.NET.Sdk.Worker) with nuget.config for the temporary feed, the packages, a spec or two, appsettings.json and Program.cs.</summary>
    private string NewWorker(string name, bool aot)
    {
        var project = Path.Combine(_feed.Root, name);
        Directory.CreateDirectory(Path.Combine(project, "apig"));
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_feed.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        var aotProperties = aot
            ? """
                <PublishAot>true</PublishAot>
                <InvariantGlobalization>true</InvariantGlobalization>
                <TrimmerSingleWarn>false</TrimmerSingleWarn>
                <IlcTreatWarningsAsErrors>true</IlcTreatWarningsAsErrors>
                <ILLinkTreatWarningsAsErrors>true</ILLinkTreatWarningsAsErrors>
            """
            : string.Empty;
        File.WriteAllText(Path.Combine(project, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Worker">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Worker</RootNamespace>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <EnableTrimAnalyzer>true</EnableTrimAnalyzer>
                <EnableAotAnalyzer>true</EnableAotAnalyzer>
            {aotProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ApigGen" Version="{_feed.Version}" />
                <PackageReference Include="ApigGen.Extensions.DependencyInjection" Version="{_feed.Version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="11.0.0" />
              </ItemGroup>
            </Project>
            """);
        foreach (var operation in new[] { "BatchAssociateDomainsV2", "ShowDetailsOfCertificateV2" })
        {
            File.Copy(Path.Combine(DotNet.RepositoryRoot, "specs", "ssl-certificate-management", operation + ".apig.yaml"), Path.Combine(project, "apig", operation + ".apig.yaml"));
        }

        File.WriteAllText(Path.Combine(project, "appsettings.json"), AppSettings);
        File.WriteAllText(Path.Combine(project, "Program.cs"), ProgramSource);
        return project;
    }
}
