using System;
using System.Linq;
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

        var bound = SimulatorState.DefaultInstanceIds.Count(id => simulator.State.BoundCertificate(id, SimulatorState.DefaultDomain) == SimulatorState.DefaultCertificateId);
        Console.WriteLine();
        Console.WriteLine($"Done: {SimulatorState.DefaultDomain} now uses certificate {SimulatorState.DefaultCertificateId} on {bound} of {SimulatorState.DefaultInstanceIds.Length} gateways.");
        Console.WriteLine("The generated client is under samples/ApigGen.Sample/obj/*/net10.0/generated/.");
        return 0;
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
