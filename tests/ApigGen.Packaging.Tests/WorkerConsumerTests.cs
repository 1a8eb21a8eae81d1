using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ApigGen.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace ApigGen.Packaging.Tests;

/// <summary>
/// A fresh worker project outside the repository with ApigGen, ApigGen.Extensions.DependencyInjection and an
/// appsettings.json: one line registers the client, the host validates the options at start, and the resolved
/// <c>IApigClient</c> calls the simulator over loopback with a token (from appsettings.json) and with AK/SK (keyed, from
/// the HUAWEICLOUD_SDK_* environment variables). Built and run on the JIT, and published with Native AOT and run as a
/// native binary, trim and AOT warnings being errors.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class WorkerConsumerTests
{
    private const string Cert = SimulatorState.DefaultCertificateId;

    private const string ProgramSource = """
        using Worker.Apig;

        // The worker template's host: appsettings.json, environment variables and the command line, in that order.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddApigClient(builder.Configuration.GetSection("Apig"));
        builder.Services.AddKeyedApigClient("signed", builder.Configuration.GetSection("ApigSigned"));
        using var host = builder.Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredService<IApigClient>();
        var attached = await client.BatchAssociateDomainsV2Async(new()
        {
            CertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00",
            Body = new() { Domains = [new() { Domain = "apigtest.example.com", InstanceIds = ["f0fa1789-3b76-433b-a787-9892951c620e"] }] },
        });
        Console.WriteLine($"token: status={(int)attached.StatusCode} request-id={attached.RequestId}");

        var signed = host.Services.GetRequiredKeyedService<IApigClient>("signed");
        var shown = await signed.ShowDetailsOfCertificateV2Async(new() { CertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00" });
        Console.WriteLine($"aksk: status={(int)shown.StatusCode} name={shown.Name} class={host.Services.GetRequiredKeyedService<ApigClient>("signed").GetType().Name}");
        await host.StopAsync();
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
            "ProjectId": "0123456789abcdef0123456789abcdef"
          }
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
        var output = await RunAsync(project, server, Credentials);
        AssertBothCalls(server, output);

        // The same build with the project id emptied on the command line: the host stops at start, before any call,
        // naming the configuration key and no secret.
        server.ClearRequests();
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
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = publish };
        start.ArgumentList.Add("--Apig:Endpoint=" + server.Endpoint);
        start.ArgumentList.Add("--ApigSigned:Endpoint=" + server.Endpoint);
        foreach (var (key, value) in Credentials)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(1))) != exited)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the native binary did not finish within a minute");
        }

        var run = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, "the native binary failed:\n" + run);
        AssertBothCalls(server, run);
    }

    private static void AssertBothCalls(ApigSimulator server, string output)
    {
        Assert.Equal(2, server.Requests.Count);
        var token = server.Requests[0];
        Assert.Equal("POST /v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates/" + Cert + "/domains/attach", token.Method + " " + token.RawTarget);
        Assert.Equal(SimulatorState.DefaultToken, token.Header("X-Auth-Token"));
        Assert.Contains("token: status=204 request-id=" + token.RequestId, output, StringComparison.Ordinal);

        var signed = server.Requests[1];
        Assert.Equal("GET /v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates/" + Cert, signed.Method + " " + signed.RawTarget);
        Assert.StartsWith("SDK-HMAC-SHA256 Access=" + SimulatorState.DefaultAccessKey + ",", signed.Header("Authorization"), StringComparison.Ordinal);
        Assert.Null(signed.Header("X-Auth-Token"));
        Assert.Contains("aksk: status=200 name=", output, StringComparison.Ordinal);
        Assert.Contains("class=ApigClient", output, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string project, ApigSimulator server, Dictionary<string, string> environment)
    {
        var (exit, output) = await DotNet.RunAsync(project, environment, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build", "--",
            "--Apig:Endpoint=" + server.Endpoint, "--ApigSigned:Endpoint=" + server.Endpoint);
        Assert.True(exit == 0, "run failed:\n" + output);
        return output;
    }

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
