using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using ApigGen;
using ApigGen.Sample.Apig;
using ApigGen.Simulator;

namespace ApigGen.Sample;

/// <summary>
/// A tour of a generated APIG client. With no arguments it runs against the local APIG simulator (no cloud account
/// needed). With HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_PROJECT_ID set, and
/// --region, --certificate-id and --domain given, it binds the certificate on real APIG instead.
/// </summary>
internal static class Program
{
    /// <summary>The ID of the RELEASE environment every APIG gateway has.</summary>
    private const string ReleaseEnvironmentId = "DEFAULT_ENVIRONMENT_RELEASE_ID";

    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            var region = Option(args, "--region") ?? Environment.GetEnvironmentVariable("HUAWEICLOUD_SDK_REGION");
            if (region is not null && Environment.GetEnvironmentVariable(ApigClientOptions.AccessKeyVariable) is not null)
            {
                return await RealApigAsync(region, args, cancel.Token);
            }

            return await TourAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine("Configuration error: " + ex.Message);
            return 2;
        }
    }

    private static async Task<int> TourAsync(CancellationToken cancellationToken)
    {
        await using var simulator = await ApigSimulator.StartAsync(cancellationToken: cancellationToken);
        Console.WriteLine($"Started the local APIG simulator at {simulator.Endpoint} (no cloud account needed).");
        Console.WriteLine();

        var request = new BatchAssociateDomainsV2Request
        {
            CertificateId = SimulatorState.DefaultCertificateId,
            Body = new AttachOrDetachDomainsReqBody
            {
                Domains = [new AttachOrDetachDomainInfo { Domain = SimulatorState.DefaultDomain, InstanceIds = [SimulatorState.DefaultInstanceIds[0]] }],
            },
        };

        // 1. Token auth: X-Auth-Token.
        var tokenClient = new ApigClient(new ApigClientOptions
        {
            Endpoint = simulator.Endpoint,
            ProjectId = SimulatorState.DefaultProjectId,
            Credentials = ApigCredentials.Token(SimulatorState.DefaultToken),
        });
        var response = await tokenClient.BatchAssociateDomainsV2Async(request, cancellationToken);
        Console.WriteLine("1. Bound certificate " + request.CertificateId + " to " + SimulatorState.DefaultDomain + " with a token.");
        Console.WriteLine($"   -> {(int)response.StatusCode} {response.StatusCode}, request id {response.RequestId}");

        // 2. AK/SK auth: every request signed with SDK-HMAC-SHA256; the simulator verifies the signature itself.
        IApigClient signingClient = new ApigClient(new ApigClientOptions
        {
            Endpoint = simulator.Endpoint,
            ProjectId = SimulatorState.DefaultProjectId,
            Credentials = ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey),
        });
        response = await signingClient.BatchAssociateDomainsV2Async(
            request with { Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = SimulatorState.DefaultDomain, VerifiedClientCertificateEnabled = true }] } },
            cancellationToken);
        var signed = simulator.Requests[^1];
        Console.WriteLine("2. Bound it on every gateway with an AK/SK-signed request.");
        Console.WriteLine($"   -> {(int)response.StatusCode} {response.StatusCode}, request id {response.RequestId}");
        Console.WriteLine($"   Authorization: {signed.Header("Authorization")?.Split("Signature=")[0]}Signature=<64 hex digits>");

        // 3. Validation happens before anything is sent: every broken rule is listed with its JSON path.
        var before = simulator.Requests.Count;
        try
        {
            await tokenClient.BatchAssociateDomainsV2Async(
                new BatchAssociateDomainsV2Request
                {
                    CertificateId = "..",
                    Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = null! }] },
                },
                cancellationToken);
        }
        catch (ApigValidationException ex)
        {
            Console.WriteLine("3. An invalid request was stopped before sending (" + (simulator.Requests.Count - before) + " requests reached the server):");
            foreach (var error in ex.Errors)
            {
                Console.WriteLine("   - " + error);
            }
        }

        // 4. APIG errors are typed: status, APIG error code, message and the request id to quote to support.
        try
        {
            await tokenClient.BatchAssociateDomainsV2Async(
                request with { Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = "unknown.example.com" }] } },
                cancellationToken);
        }
        catch (ApigException ex) when (ex.ErrorCode == ApigErrorCodes.UrlDomainNotFound)
        {
            Console.WriteLine("4. APIG answered with an error, caught by its code:");
            Console.WriteLine("   " + ex.Message);
        }

        // 5. The certificate family: create -> list -> attach -> list attached -> detach -> delete.
        Console.WriteLine("5. A certificate's lifecycle:");
        var (certificatePem, privateKeyPem) = SelfSignedCertificate("shop.example.com");
        var created = await signingClient.CreateCertificateV2Async(
            new CreateCertificateV2Request { Body = new CertificateForm { Name = "shop_cert", CertContent = certificatePem, PrivateKey = privateKeyPem } },
            cancellationToken);
        Console.WriteLine($"   created   {created.Name} ({created.Id}) for {created.CommonName}, valid until {created.NotAfter:yyyy-MM-dd}");
        Console.WriteLine($"   the form prints its secrets masked: {new CertificateForm { Name = "shop_cert", CertContent = "...", PrivateKey = privateKeyPem }}");
        var count = 0;
        await foreach (var certificate in signingClient.ListCertificatesV2AllAsync(new ListCertificatesV2Request { InstanceId = SimulatorState.DefaultInstanceIds[0], Limit = 1 }, cancellationToken))
        {
            count++;
            Console.WriteLine($"   listed    {certificate.Name} ({certificate.Type}, {certificate.AlgorithmType})");
        }

        Console.WriteLine($"             {count} certificates, one page of 1 at a time");
        await signingClient.BatchAssociateDomainsV2Async(
            new BatchAssociateDomainsV2Request { CertificateId = created.Id!, Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = SimulatorState.DefaultDomain }] } },
            cancellationToken);
        var attached = await signingClient.ListAttachedDomainsV2Async(new ListAttachedDomainsV2Request { CertificateId = created.Id! }, cancellationToken);
        Console.WriteLine($"   attached  to {string.Join(", ", attached.BoundDomains!.Select(d => d.UrlDomain + " on " + d.InstanceId[..8] + "… (" + d.Status + ")"))}");
        try
        {
            await signingClient.DeleteCertificateV2Async(new DeleteCertificateV2Request { CertificateId = created.Id! }, cancellationToken);
        }
        catch (ApigException ex)
        {
            Console.WriteLine($"   delete refused while bound: {ex.ErrorCode} ({(int)ex.StatusCode}) {ex.ErrorMessage}");
        }

        await signingClient.BatchDisassociateDomainsV2Async(
            new BatchDisassociateDomainsV2Request { CertificateId = created.Id!, Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = SimulatorState.DefaultDomain }] } },
            cancellationToken);
        var deleted = await signingClient.DeleteCertificateV2Async(new DeleteCertificateV2Request { CertificateId = created.Id! }, cancellationToken);
        Console.WriteLine($"   detached, then deleted: {(int)deleted.StatusCode} {deleted.StatusCode}");

        // 6. The API family: a group, APIs in it, one published, all listed page by page, then deleted.
        await ApiGroupTourAsync(signingClient, SimulatorState.DefaultInstanceIds[0], cancellationToken);

        Console.WriteLine();
        Console.WriteLine($"Done: {simulator.Requests.Count} requests reached the simulator; none of the invalid ones did.");
        Console.WriteLine("The generated client is under samples/ApigGen.Sample/obj/*/net10.0/generated/.");
        return 0;
    }

    /// <summary>Creates an API group and three APIs in it, publishes one, lists them page by page and deletes them all.</summary>
    private static async Task ApiGroupTourAsync(IApigClient client, string instanceId, CancellationToken cancellationToken)
    {
        Console.WriteLine("6. An API group and its APIs:");
        var group = await client.CreateApiGroupV2Async(
            new CreateApiGroupV2Request { InstanceId = instanceId, Body = new ApiGroupCreate { Name = "shop_apis", Remark = "The shop's APIs" } },
            cancellationToken);
        Console.WriteLine($"   created group {group.Name} ({group.Id}), subdomain {group.SlDomain}");

        var apis = new List<CreateApiV2Response>();
        foreach (var (name, path) in new[] { ("list_orders", "/orders"), ("list_customers", "/customers"), ("list_products", "/products") })
        {
            var api = await client.CreateApiV2Async(
                new CreateApiV2Request
                {
                    InstanceId = instanceId,
                    Body = new ApiCreate
                    {
                        GroupId = group.Id,
                        Name = name,
                        Type = ApiType.Public,
                        ReqProtocol = ReqProtocol.Https,
                        ReqMethod = ReqMethod.Get,
                        ReqUri = path,
                        AuthType = AuthType.App,
                        BackendType = BackendType.Mock,   // the gateway answers by itself
                        MockInfo = new ApiMockCreate { ResultContent = "[]" },
                    },
                },
                cancellationToken);
            apis.Add(api);
            Console.WriteLine($"   created API   {api.Name,-15} {api.ReqMethod} {api.ReqUri}");
        }

        // Every gateway has a RELEASE environment; an API can be called only where it is published.
        var published = await client.CreateOrDeletePublishRecordForApiV2Async(
            new CreateOrDeletePublishRecordForApiV2Request
            {
                InstanceId = instanceId,
                Body = new ApiActionInfo { Action = PublishAction.Online, EnvId = ReleaseEnvironmentId, ApiId = apis[0].Id!, Remark = "First release" },
            },
            cancellationToken);
        Console.WriteLine($"   published     {published.ApiName} in RELEASE (version {published.VersionId})");

        // The paging helper asks for one page after another (here two APIs a page) and yields every API.
        var count = 0;
        await foreach (var api in client.ListApisV2AllAsync(new ListApisV2Request { InstanceId = instanceId, GroupId = group.Id, Limit = 2 }, cancellationToken))
        {
            count++;
            Console.WriteLine($"   listed        {api.Name,-15} {(string.IsNullOrEmpty(api.RunEnvName) ? "not published" : "published in " + api.RunEnvName)}");
        }

        Console.WriteLine($"                 {count} APIs in {group.Name}, two a page");
        foreach (var api in apis)
        {
            await client.DeleteApiV2Async(new DeleteApiV2Request { InstanceId = instanceId, ApiId = api.Id! }, cancellationToken);
        }

        var deleted = await client.DeleteApiGroupV2Async(new DeleteApiGroupV2Request { InstanceId = instanceId, GroupId = group.Id }, cancellationToken);
        Console.WriteLine($"   deleted the {apis.Count} APIs, then the group: {(int)deleted.StatusCode} {deleted.StatusCode}");
    }

    private static (string CertificatePem, string PrivateKeyPem) SelfSignedCertificate(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static async Task<int> RealApigAsync(string region, string[] args, CancellationToken cancellationToken)
    {
        var certificateId = Option(args, "--certificate-id");
        var domain = Option(args, "--domain");
        if (certificateId is null || domain is null)
        {
            Console.Error.WriteLine("Against real APIG, give --certificate-id ID and --domain NAME (and optionally --instance-id ID).");
            return 2;
        }

        var options = ApigClientOptions.FromEnvironment();
        options.Region = region;
        var client = new ApigClient(options);
        Console.WriteLine($"Calling real APIG in {region} (credentials from HUAWEICLOUD_SDK_* environment variables).");
        var instanceId = Option(args, "--instance-id");
        try
        {
            var response = await client.BatchAssociateDomainsV2Async(
                new BatchAssociateDomainsV2Request
                {
                    CertificateId = certificateId,
                    Body = new AttachOrDetachDomainsReqBody
                    {
                        Domains = [new AttachOrDetachDomainInfo { Domain = domain, InstanceIds = instanceId is null ? null : [instanceId] }],
                    },
                },
                cancellationToken);
            Console.WriteLine($"Bound: {(int)response.StatusCode} {response.StatusCode}, request id {response.RequestId}");
            return 0;
        }
        catch (ApigValidationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (ApigException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (ApigTransportException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
