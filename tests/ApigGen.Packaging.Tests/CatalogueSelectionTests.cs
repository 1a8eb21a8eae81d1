using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ApigGen.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace ApigGen.Packaging.Tests;

/// <summary>
/// The catalogue inside the package, selected by name in fresh projects with no spec file copied:
/// <c>&lt;ApigOperation&gt;</c>, <c>&lt;ApigOperationFamily&gt;</c>, <c>&lt;ApigCatalogue&gt;all&lt;/ApigCatalogue&gt;</c>;
/// a project spec replacing a selected one; unknown names.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class CatalogueSelectionTests
{
    private const string Project = "0123456789abcdef0123456789abcdef";
    private const string Instance = "f0fa1789-3b76-433b-a787-9892951c620e";
    private const string GeneratedFolder = "obj/Release/net10.0/generated/ApigGen.Generator/ApigGen.Generator.ApigGenerator";

    private const string FormFactory = """

        static CertificateForm NewForm()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=apigtest.example.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            return new CertificateForm { Name = "consumer_cert", CertContent = certificate.ExportCertificatePem(), PrivateKey = key.ExportPkcs8PrivateKeyPem() };
        }
        """;

    private readonly PackedFeedFixture _feed;
    private readonly ITestOutputHelper _output;

    public CatalogueSelectionTests(PackedFeedFixture feed, ITestOutputHelper output)
    {
        _feed = feed;
        _output = output;
    }

    [Fact]
    public async Task OperationsSelectedByIdGenerateWhatTheirCopiedSpecsGenerate()
    {
        string[] ids = ["CreateApiV2", "ListApisV2", "DeleteApiV2"];
        const string Program = "Console.WriteLine(nameof(CreateApiV2Request) + nameof(ListApisV2Request) + nameof(DeleteApiV2Request));";
        var copied = NewConsumer("copied", string.Empty, Program);
        foreach (var id in ids)
        {
            File.Copy(CatalogueSpecs.FileOf(id), Path.Combine(copied, "apig", id + CatalogueSpecs.Suffix));
        }

        var selected = NewConsumer("by-id", "<ApigOperation Include=\"" + string.Join(';', ids) + "\" />", Program);
        Assert.Empty(Directory.GetFiles(selected, "*.apig.yaml", SearchOption.AllDirectories));
        await BuildAsync(copied);
        var output = await BuildAsync(selected);
        Assert.DoesNotContain("APIG0402", output, StringComparison.Ordinal);

        // The same sources: only the hint names differ (a copied spec's carries its folder, a catalogue spec's may carry a
        // hash of its path), so files are matched by the operation they come from.
        var fromCopies = Generated(copied).ToDictionary(f => OperationOf(f.Name) ?? f.Name, f => f.Text);
        var fromCatalogue = Generated(selected).ToDictionary(f => OperationOf(f.Name) ?? f.Name, f => f.Text);
        Assert.Equal(fromCopies.Keys.Order(StringComparer.Ordinal), fromCatalogue.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), fromCatalogue.Keys.Where(ids.Contains).Order(StringComparer.Ordinal));
        foreach (var (name, text) in fromCopies)
        {
            Assert.True(text == fromCatalogue[name], name + " differs between the copied and the selected spec");
        }
    }

    [Fact]
    public async Task AFamilySelectedByNameRunsAndAProjectSpecReplacesOnlyASelectedOperation()
    {
        // ShowDetailsOfCertificateV2 is selected (its family is) and patched in the project; DeleteApiV2 is in the
        // project but not selected, so it is just a spec of the project: no message about it.
        var project = NewConsumer("family", "<ApigOperationFamily Include=\"ssl-certificate-management\" />", $$"""
            var created = await client.CreateCertificateV2Async(new() { Body = NewForm() });
            await client.BatchAssociateDomainsV2Async(new() { CertificateId = created.Id!, Body = new() { Domains = [new() { Domain = "apigtest.example.com" }] } });
            var attached = await client.ListAttachedDomainsV2Async(new() { CertificateId = created.Id! });
            await client.BatchDisassociateDomainsV2Async(new() { CertificateId = created.Id!, Body = new() { Domains = [new() { Domain = "apigtest.example.com" }] } });
            var count = 0;
            await foreach (var certificate in client.ListCertificatesV2AllAsync(new() { InstanceId = "{{Instance}}", Limit = 1 }))
            {
                count++;
            }

            var shown = await client.ShowDetailsOfCertificateV2Async(new() { CertificateId = created.Id! });
            var deleted = await client.DeleteCertificateV2Async(new() { CertificateId = created.Id! });
            Console.WriteLine($"attached={attached.Total} listed={count} name={shown.Name} deleted={(int)deleted.StatusCode} unselected={nameof(DeleteApiV2Request)} other={nameof(BatchAssociateCertsV2Request)}");
            """);
        var patched = File.ReadAllText(CatalogueSpecs.FileOf("ShowDetailsOfCertificateV2")).Replace("  summary: Reading an SSL Certificate\n", "  summary: Reading an SSL Certificate (patched in this project)\n", StringComparison.Ordinal);
        Assert.Contains("(patched in this project)", patched, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(project, "apig", "ShowDetailsOfCertificateV2.apig.yaml"), patched);
        File.Copy(CatalogueSpecs.FileOf("DeleteApiV2"), Path.Combine(project, "apig", "DeleteApiV2.apig.yaml"));

        var output = await BuildAsync(project);
        var notes = output.Split('\n').Where(l => l.Contains("APIG0402", StringComparison.Ordinal)).Distinct().ToArray();
        var note = Assert.Single(notes);
        Assert.Contains("message APIG0402: The project's spec ShowDetailsOfCertificateV2.apig.yaml replaces the catalogue's spec of the selected operation ShowDetailsOfCertificateV2.", note, StringComparison.Ordinal);

        // One source per operation: the family's from the catalogue, ShowDetailsOfCertificateV2 and DeleteApiV2 from apig/.
        var generated = Generated(project).Where(f => OperationOf(f.Name) is not null).ToArray();
        var family = CatalogueSpecs.Family("ssl-certificate-management");
        Assert.Equal(family.Append("DeleteApiV2").Order(StringComparer.Ordinal), generated.Select(f => OperationOf(f.Name)!).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "DeleteApiV2", "ShowDetailsOfCertificateV2" }, generated.Where(f => f.Name.StartsWith("apig.", StringComparison.Ordinal)).Select(f => OperationOf(f.Name)!).Order(StringComparer.Ordinal));
        Assert.Contains("(patched in this project)", generated.Single(f => OperationOf(f.Name) == "ShowDetailsOfCertificateV2").Text, StringComparison.Ordinal);

        await using var server = await ApigSimulator.StartAsync();
        var run = await RunAsync(project, server);
        Assert.Contains("attached=2 listed=2 name=consumer_cert deleted=204 unselected=DeleteApiV2Request other=BatchAssociateCertsV2Request", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownNamesAreErrorsNamingTheClosestOnes()
    {
        var project = NewConsumer("unknown", """
            <ApigOperation Include="CreateApiV3;ListCertificatesV2;listapisv2" />
            <ApigOperationFamily Include="api-groups-management" />
            """, "Console.WriteLine();");
        var (exit, output) = await DotNet.RunAsync(project, _feed.Environment, TimeSpan.FromMinutes(5), "build", "-c", "Release");
        Assert.NotEqual(0, exit);
        var errors = output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToArray();
        Assert.Equal(3, errors.Length);
        Assert.Contains(errors, e => e.Contains("error APIG0401: ApigOperation 'CreateApiV3' is no operation of the ApigGen catalogue; did you mean 'CreateApiV2'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("error APIG0401: ApigOperation 'listapisv2' is no operation of the ApigGen catalogue; did you mean 'ListApisV2'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("error APIG0403: ApigOperationFamily 'api-groups-management' is no family of the ApigGen catalogue; did you mean 'api-group-management'", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.StartsWith(Path.Combine(project, "unknown.csproj") + " : error APIG04", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheWholeCatalogueSelectedAtOnceBuildsWarningFree()
    {
        var project = NewConsumer("all", string.Empty, "Console.WriteLine(nameof(CreateApiV2Request) + nameof(ListCertificatesV2Request));", "<ApigCatalogue>all</ApigCatalogue>");
        var clock = Stopwatch.StartNew();
        await BuildAsync(project);
        clock.Stop();

        var generated = Generated(project);
        Assert.Equal(CatalogueSpecs.Ids.Order(StringComparer.Ordinal), generated.Select(f => OperationOf(f.Name)).OfType<string>().Order(StringComparer.Ordinal));
        var bytes = generated.Sum(f => new FileInfo(Path.Combine(project, GeneratedFolder, f.Name)).Length);
        var lines = generated.Sum(f => f.Text.Count(c => c == '\n'));
        _output.WriteLine($"all {CatalogueSpecs.Ids.Count} catalogue operations: dotnet build -c Release (restore included) {clock.Elapsed.TotalSeconds:F0} s; generated {generated.Length} files, {bytes / 1024} KiB, {lines} lines of C#");
    }

    /// <summary>A console project outside the repository with the packed ApigGen, selection markup and a program.</summary>
    private string NewConsumer(string name, string items, string body, string properties = "")
    {
        var project = Path.Combine(_feed.Root, "catalogue-" + name);
        Directory.CreateDirectory(Path.Combine(project, "apig"));
        File.WriteAllText(Path.Combine(project, "nuget.config"), _feed.NuGetConfig());
        File.WriteAllText(Path.Combine(project, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ApigGen" Version="{_feed.Version}" />
                {items}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), $$"""
            using System;
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;
            using ApigGen;
            using Consumer.Apig;

            var client = new ApigClient(new ApigClientOptions
            {
                Endpoint = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:1/"),
                ProjectId = "{{Project}}",
                Credentials = ApigCredentials.AccessKey("AKTESTAKTESTAKTEST12", "SKtestSKtestSKtestSKtestSKtestSKtest1234"),
            });
            {{body}}
            {{(body.Contains("NewForm()", StringComparison.Ordinal) ? FormFactory : string.Empty)}}
            """);
        return project;
    }

    private async Task<string> BuildAsync(string project)
    {
        var (exit, output) = await DotNet.RunAsync(project, _feed.Environment, TimeSpan.FromMinutes(9), "build", "-c", "Release");
        Assert.True(exit == 0, "build failed:\n" + output);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(": warning ", RegexOptions.None, TimeSpan.FromSeconds(5)), output);
        return output;
    }

    private async Task<string> RunAsync(string project, ApigSimulator server)
    {
        var (exit, output) = await DotNet.RunAsync(project, _feed.Environment, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build", "--", server.Endpoint.ToString());
        Assert.True(exit == 0, "run failed:\n" + output);
        return output;
    }

    /// <summary>The operation a spec's generated file comes from: its hint name is [folder.]OperationId[_hash].apig.g.cs; null for other files.</summary>
    private static string? OperationOf(string hintName)
    {
        var match = Regex.Match(hintName, "^(?:apig\\.)?(?<id>[A-Za-z0-9]+)(?:_[0-9a-f]{8})?\\.apig\\.g\\.cs$", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups["id"].Value : null;
    }

    private static (string Name, string Text)[] Generated(string project) =>
        Directory.GetFiles(Path.Combine(project, GeneratedFolder), "*.g.cs").Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToArray();
}
