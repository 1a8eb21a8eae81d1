using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.Packaging.Tests;

/// <summary>
/// A new user's first build: a fresh console project outside this repository with only a PackageReference to ApigGen
/// and a copy of the seed spec, built with warnings as errors, run against a loopback server the test starts.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class FreshConsumerTests
{
    private const string Program = """
        using System;
        using ApigGen;
        using Consumer.Apig;

        var client = new ApigClient(new ApigClientOptions
        {
            Endpoint = new Uri(args[0]),
            ProjectId = "0123456789abcdef0123456789abcdef",
            Credentials = ApigCredentials.Token("simulator-token"),
        });
        var response = await client.BatchAssociateDomainsV2Async(new BatchAssociateDomainsV2Request
        {
            CertificateId = "c0ffee00c0ffee00c0ffee00c0ffee00",
            Body = new AttachOrDetachDomainsReqBody
            {
                Domains = [new AttachOrDetachDomainInfo { Domain = "apigtest.example.com", InstanceIds = ["f0fa1789-3b76-433b-a787-9892951c620e"] }],
            },
        });
        Console.WriteLine($"status={(int)response.StatusCode} request-id={response.RequestId}");
        """;

    private readonly PackedFeedFixture _feed;

    public FreshConsumerTests(PackedFeedFixture feed) => _feed = feed;

    [Fact]
    public async Task AFreshProjectBuildsWithWarningsAsErrorsAndTheSeedCallArrivesAsDocumented()
    {
        var project = Path.Combine(_feed.Root, "consumer");
        Directory.CreateDirectory(project);
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
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ApigGen" Version="{_feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);
        Directory.CreateDirectory(Path.Combine(project, "apig"));
        File.Copy(Path.Combine(DotNet.RepositoryRoot, "specs", "BatchAssociateDomainsV2.apig.yaml"), Path.Combine(project, "apig", "BatchAssociateDomainsV2.apig.yaml"));

        var (buildExit, buildOutput) = await DotNet.RunAsync(project, _feed.Environment, TimeSpan.FromMinutes(5), "build", "-c", "Release");
        Assert.True(buildExit == 0, "build failed:\n" + buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_feed.Packages, "apiggen", _feed.Version)), "the package did not come from the isolated cache");

        await using var server = await ApigSimulator.StartAsync();
        var (runExit, runOutput) = await DotNet.RunAsync(project, _feed.Environment, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build", "--", server.Endpoint.ToString());
        Assert.True(runExit == 0, "run failed:\n" + runOutput);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/0123456789abcdef0123456789abcdef/apigw/certificates/c0ffee00c0ffee00c0ffee00c0ffee00/domains/attach", request.RawTarget);
        Assert.Equal("simulator-token", request.Header("X-Auth-Token"));
        Assert.Equal("application/json;charset=UTF-8", request.Header("Content-Type"));
        Assert.Equal("{\"domains\":[{\"domain\":\"apigtest.example.com\",\"instance_ids\":[\"f0fa1789-3b76-433b-a787-9892951c620e\"]}]}", request.BodyText);
        Assert.Contains("status=204 request-id=" + request.RequestId, runOutput, StringComparison.Ordinal);
    }
}
