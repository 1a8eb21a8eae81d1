using System;
using System.Net.Http;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>A fresh simulator per test class instance (xunit creates one per test), on an ephemeral loopback port.</summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    protected ApigSimulator Simulator { get; set; } = null!;

    public async Task InitializeAsync() => Simulator = await ApigSimulator.StartAsync();

    public async Task DisposeAsync() => await Simulator.DisposeAsync();

    protected ApigClientOptions Options(ApigCredentials? credentials = null) => new()
    {
        Endpoint = Simulator.Endpoint,
        ProjectId = SimulatorState.DefaultProjectId,
        Credentials = credentials ?? ApigCredentials.Token(SimulatorState.DefaultToken),
    };

    protected ApigClient TokenClient(HttpClient? http = null) => new(Options(), http);

    protected ApigClient SigningClient(string secretKey = SimulatorState.DefaultSecretKey, string? securityToken = null) =>
        new(Options(ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, secretKey, securityToken)));

    protected static BatchAssociateDomainsV2Request SeedRequest(string domain = SimulatorState.DefaultDomain, string certificateId = SimulatorState.DefaultCertificateId) => new()
    {
        CertificateId = certificateId,
        Body = new AttachOrDetachDomainsReqBody
        {
            Domains = [new AttachOrDetachDomainInfo { Domain = domain, InstanceIds = [SimulatorState.DefaultInstanceIds[0]] }],
        },
    };
}
