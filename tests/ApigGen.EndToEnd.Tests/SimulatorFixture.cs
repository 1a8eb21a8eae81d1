using System;
using System.Net;
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

    /// <summary>
    /// Makes a call of a test-only spec, whose route the simulator does not have: authenticated, it answers 404
    /// APIG.0101 (not 401). What matters is what arrived, which is returned.
    /// </summary>
    protected async Task<RecordedRequest> SendToMissingRoute(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<ApigException>(call);
        Assert.Equal((HttpStatusCode.NotFound, "APIG.0101"), (ex.StatusCode, ex.ErrorCode));
        return Assert.Single(Simulator.Requests);
    }

    protected static BatchAssociateDomainsV2Request SeedRequest(string domain = SimulatorState.DefaultDomain, string certificateId = SimulatorState.DefaultCertificateId) => new()
    {
        CertificateId = certificateId,
        Body = new AttachOrDetachDomainsReqBody
        {
            Domains = [new AttachOrDetachDomainInfo { Domain = domain, InstanceIds = [SimulatorState.DefaultInstanceIds[0]] }],
        },
    };
}
