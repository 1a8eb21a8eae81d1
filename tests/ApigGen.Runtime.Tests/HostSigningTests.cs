using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>
/// The signed <c>host</c> is the Host header as sent: HttpClient writes an internationalised host name in its ASCII
/// (punycode) form, with the port when it is not the scheme's default. Names resolve to the simulator on 127.0.0.1
/// through a connect callback, so the simulator verifies what arrived.
/// </summary>
public sealed class HostSigningTests : SimulatorOnFakeClock
{
    /// <summary>A handler whose every connection, whatever the URI names, goes to the simulator.</summary>
    private SocketsHttpHandler ToSimulator()
    {
        var port = Simulator.Endpoint.Port;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
    }

    /// <summary>The endpoints tried, each with the Host header HttpClient's own rules give it.</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "http://bücher.example:8080", "xn--bcher-kva.example:8080" },
        { "http://bücher.example", "xn--bcher-kva.example" },
        { "http://[::1]", "[::1]" },
        { "http://[::1]:8080", "[::1]:8080" },
        { "http://APIG.Example.com:80", "apig.example.com" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task TheClientSignsTheHostAsItIsSent(string address, string hostHeader)
    {
        var endpoint = new Uri(address);
        using var http = new HttpClient(ToSimulator());
        var pipeline = new ApigPipeline(
            new ApigClientOptions
            {
                Endpoint = endpoint,
                ProjectId = SimulatorState.DefaultProjectId,
                Credentials = ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey),
                TimeProvider = Clock,
                Timeout = Clock.Ignored,
                Retry = new ApigRetryOptions { MaxRetries = 0 },
            },
            http);

        var response = await Calls.ShowCertificateAsync(pipeline, CancellationToken.None, SimulatorState.DefaultCertificateId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(hostHeader, Assert.Single(Simulator.Requests).Header("Host"));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task TheSigningHandlerSignsTheHostAsItIsSent(string address, string hostHeader)
    {
        var endpoint = new Uri(address);
        using var http = new HttpClient(new ApigSigningHandler(
            ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey),
            SimulatorState.DefaultProjectId,
            Clock)
        {
            InnerHandler = ToSimulator(),
        });

        var response = await http.GetAsync(new Uri(endpoint, "/v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates/" + SimulatorState.DefaultCertificateId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(hostHeader, Assert.Single(Simulator.Requests).Header("Host"));
    }
}
