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

    /// <summary>For each catalogue spec, a call a new user would write, and the request line it must produce.</summary>
    public static TheoryData<string, string, string> CatalogueCalls() => new()
    {
        { "BatchAssociateDomainsV2", "await client.BatchAssociateDomainsV2Async(new() { CertificateId = Cert, Body = new() { Domains = [new() { Domain = Domain }] } })", "POST /v2/" + Project + "/apigw/certificates/" + Cert + "/domains/attach" },
        { "BatchDisassociateDomainsV2", "await client.BatchDisassociateDomainsV2Async(new() { CertificateId = Cert, Body = new() { Domains = [new() { Domain = Domain }] } })", "POST /v2/" + Project + "/apigw/certificates/" + Cert + "/domains/detach" },
        { "ListAttachedDomainsV2", "await client.ListAttachedDomainsV2Async(new() { CertificateId = Cert, Limit = 10 })", "GET /v2/" + Project + "/apigw/certificates/" + Cert + "/attached-domains?limit=10" },
        { "CreateCertificateV2", "await client.CreateCertificateV2Async(new() { Body = NewForm() })", "POST /v2/" + Project + "/apigw/certificates" },
        { "ListCertificatesV2", "await client.ListCertificatesV2Async(new() { InstanceId = Instance })", "GET /v2/" + Project + "/apigw/certificates?instance_id=" + Instance },
        { "ShowDetailsOfCertificateV2", "await client.ShowDetailsOfCertificateV2Async(new() { CertificateId = Cert })", "GET /v2/" + Project + "/apigw/certificates/" + Cert },
        { "UpdateCertificateV2", "await client.UpdateCertificateV2Async(new() { CertificateId = Cert, Body = NewForm() })", "PUT /v2/" + Project + "/apigw/certificates/" + Cert },
        { "DeleteCertificateV2", "await client.DeleteCertificateV2Async(new() { CertificateId = Cert })", "DELETE /v2/" + Project + "/apigw/certificates/" + Cert },
    };

    private const string Project = "0123456789abcdef0123456789abcdef";
    private const string Cert = "c0ffee00c0ffee00c0ffee00c0ffee00";
    private const string Instance = "f0fa1789-3b76-433b-a787-9892951c620e";

    private const string FormFactory = """

            public static CertificateForm NewForm()
            {
                using var key = RSA.Create(2048);
                var request = new CertificateRequest("CN=apigtest.example.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                return new CertificateForm { Name = "consumer_cert", CertContent = certificate.ExportCertificatePem(), PrivateKey = key.ExportPkcs8PrivateKeyPem() };
            }
        """;

    private readonly PackedFeedFixture _feed;

    public FreshConsumerTests(PackedFeedFixture feed) => _feed = feed;

    [Theory]
    [MemberData(nameof(CatalogueCalls))]
    public async Task EveryCatalogueSpecCopiedAloneBuildsAndRuns(string operation, string call, string requestLine)
    {
        var project = NewConsumer("alone-" + operation, new[] { operation }, $$"""
            var response = {{call}};
            Console.WriteLine($"status={(int)response.StatusCode}");
            """);
        await using var server = await ApigSimulator.StartAsync();
        var output = await BuildAndRunAsync(project, server);
        var request = Assert.Single(server.Requests);
        Assert.Equal(requestLine, request.Method + " " + request.RawTarget);
        Assert.Matches("status=(200|204)", output);
    }

    [Fact]
    public async Task TheCertificateSpecsCopiedTogetherBuildAndRunTheLifecycle()
    {
        var operations = CatalogueCalls().Select(row => (string)row[0]).ToArray();
        var project = NewConsumer("together", operations, """
            var created = await client.CreateCertificateV2Async(new() { Body = NewForm() });
            await client.BatchAssociateDomainsV2Async(new() { CertificateId = created.Id!, Body = new() { Domains = [new() { Domain = Domain }] } });
            var attached = await client.ListAttachedDomainsV2Async(new() { CertificateId = created.Id! });
            await client.BatchDisassociateDomainsV2Async(new() { CertificateId = created.Id!, Body = new() { Domains = [new() { Domain = Domain }] } });
            var count = 0;
            await foreach (var certificate in client.ListCertificatesV2AllAsync(new() { InstanceId = Instance, Limit = 1 }))
            {
                count++;
            }

            await client.UpdateCertificateV2Async(new() { CertificateId = created.Id!, Body = NewForm() with { Name = "renamed_cert" } });
            var shown = await client.ShowDetailsOfCertificateV2Async(new() { CertificateId = created.Id! });
            var deleted = await client.DeleteCertificateV2Async(new() { CertificateId = created.Id! });
            Console.WriteLine($"attached={attached.Total} listed={count} name={shown.Name} deleted={(int)deleted.StatusCode}");
            """);
        await using var server = await ApigSimulator.StartAsync();
        var output = await BuildAndRunAsync(project, server);
        Assert.Contains("attached=2 listed=2 name=renamed_cert deleted=204", output, StringComparison.Ordinal);
    }

    /// <summary>A console project outside the repository: nuget.config for the temporary feed, the package, the specs, a program.</summary>
    private string NewConsumer(string name, string[] operations, string body)
    {
        var project = Path.Combine(_feed.Root, name);
        Directory.CreateDirectory(Path.Combine(project, "apig"));
        File.WriteAllText(Path.Combine(project, "nuget.config"), NuGetConfig());
        File.WriteAllText(Path.Combine(project, name + ".csproj"), ProjectFile("Consumer"));
        foreach (var operation in operations)
        {
            File.Copy(CatalogueSpecs.FileOf(operation), Path.Combine(project, "apig", operation + ".apig.yaml"));
        }

        var needsForm = body.Contains("NewForm()", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(project, "Program.cs"), $$"""
            using System;
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;
            using ApigGen;
            using Consumer.Apig;
            using static Fixture;

            var client = new ApigClient(new ApigClientOptions
            {
                Endpoint = new Uri(args[0]),
                ProjectId = "{{Project}}",
                Credentials = ApigCredentials.AccessKey("AKTESTAKTESTAKTEST12", "SKtestSKtestSKtestSKtestSKtestSKtest1234"),
            });
            {{body}}

            internal static class Fixture
            {
                public const string Cert = "{{Cert}}";
                public const string Domain = "apigtest.example.com";
                public const string Instance = "{{Instance}}";
            {{(needsForm ? FormFactory : string.Empty)}}
            }
            """);
        return project;
    }

    private async Task<string> BuildAndRunAsync(string project, ApigSimulator server)
    {
        var (buildExit, buildOutput) = await DotNet.RunAsync(project, _feed.Environment, TimeSpan.FromMinutes(5), "build", "-c", "Release");
        Assert.True(buildExit == 0, "build failed:\n" + buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput, StringComparison.Ordinal);
        var (runExit, runOutput) = await DotNet.RunAsync(project, _feed.Environment, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build", "--", server.Endpoint.ToString());
        Assert.True(runExit == 0, "run failed:\n" + runOutput);
        return runOutput;
    }

    private string NuGetConfig() => _feed.NuGetConfig();

    private string ProjectFile(string rootNamespace) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <RootNamespace>{rootNamespace}</RootNamespace>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="ApigGen" Version="{_feed.Version}" />
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public async Task AFreshProjectBuildsWithWarningsAsErrorsAndTheSeedCallArrivesAsDocumented()
    {
        var project = Path.Combine(_feed.Root, "consumer");
        Directory.CreateDirectory(Path.Combine(project, "apig"));
        File.WriteAllText(Path.Combine(project, "nuget.config"), NuGetConfig());
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), ProjectFile("Consumer"));
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);
        File.Copy(CatalogueSpecs.FileOf("BatchAssociateDomainsV2"), Path.Combine(project, "apig", "BatchAssociateDomainsV2.apig.yaml"));

        await using var server = await ApigSimulator.StartAsync();
        var runOutput = await BuildAndRunAsync(project, server);
        Assert.True(Directory.Exists(Path.Combine(_feed.Packages, "apiggen", _feed.Version)), "the package did not come from the isolated cache");

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/0123456789abcdef0123456789abcdef/apigw/certificates/c0ffee00c0ffee00c0ffee00c0ffee00/domains/attach", request.RawTarget);
        Assert.Equal("simulator-token", request.Header("X-Auth-Token"));
        Assert.Equal("application/json;charset=UTF-8", request.Header("Content-Type"));
        Assert.Equal("{\"domains\":[{\"domain\":\"apigtest.example.com\",\"instance_ids\":[\"f0fa1789-3b76-433b-a787-9892951c620e\"]}]}", request.BodyText);
        Assert.Contains("status=204 request-id=" + request.RequestId, runOutput, StringComparison.Ordinal);
    }
}
