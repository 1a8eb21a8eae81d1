using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// What the soak run (tests/ApigGen.Benchmarks --soak) relies on in the simulator: faults chosen per request, the
/// slow-body, mid-body-drop and hang faults, the authentication counters, and switching off request recording.
/// </summary>
public sealed class SimulatorSoakFeatureTests : SimulatorTest
{
    private static ShowDetailsOfCertificateV2Request Show(string id = SimulatorState.DefaultCertificateId) => new() { CertificateId = id };

    [Fact]
    public async Task ChooseSetsTheFaultOfEachRequestAndSeesTheRequestIdItIsAnsweredWith()
    {
        string? chosenFor = null;
        Simulator.Faults.Mode = FaultMode.DropConnection; // ignored while Choose is set
        Simulator.Faults.Choose = request =>
        {
            if (!request.RawTarget.EndsWith("/certificates/faulty", StringComparison.Ordinal))
            {
                return FaultMode.None;
            }

            chosenFor = request.RequestId;
            return FaultMode.ServerError;
        };
        var client = TokenClient();

        var ex = await Assert.ThrowsAsync<ApigException>(() => client.ShowDetailsOfCertificateV2Async(Show("faulty")));
        Assert.Equal((HttpStatusCode.InternalServerError, "APIG.9999"), (ex.StatusCode, ex.ErrorCode));
        Assert.Equal(chosenFor, ex.RequestId);
        Assert.Equal(SimulatorState.DefaultCertificateId, (await client.ShowDetailsOfCertificateV2Async(Show())).Id);

        Simulator.Faults.Clear();
        Assert.Null(Simulator.Faults.Choose);
        Assert.Equal(FaultMode.None, Simulator.Faults.Mode);
    }

    [Fact]
    public async Task ASlowBodyStillDeliversTheWholeAnswer()
    {
        Simulator.Faults.Mode = FaultMode.SlowBody;
        Simulator.Faults.SlowBodyPause = TimeSpan.FromMilliseconds(5);
        var shown = await TokenClient().ShowDetailsOfCertificateV2Async(Show());
        Assert.Equal(("simulator_cert", Simulator.Requests[0].RequestId), (shown.Name, shown.RequestId));

        var missing = await Assert.ThrowsAsync<ApigException>(() => TokenClient().ShowDetailsOfCertificateV2Async(Show("nope")));
        Assert.Equal((HttpStatusCode.NotFound, "APIG.3023"), (missing.StatusCode, missing.ErrorCode));
    }

    [Fact]
    public async Task AConnectionDroppedInTheMiddleOfABodyIsATransportError()
    {
        Simulator.Faults.Mode = FaultMode.DropMidBody;
        var ex = await Assert.ThrowsAsync<ApigTransportException>(() => new ApigClient(NoRetries(Options())).ShowDetailsOfCertificateV2Async(Show()));
        Assert.Equal("ShowDetailsOfCertificateV2", ex.OperationId);
        Assert.False(ex.IsTimeout);
        // Either the headers arrived before the reset (then the request id is known) or the reset discarded them.
        Assert.Contains(ex.RequestId, new[] { null, Simulator.Requests[0].RequestId });
    }

    [Fact]
    public async Task AHungCallEndsOnlyByCancellation()
    {
        Simulator.Faults.Mode = FaultMode.Hang;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TokenClient().ShowDetailsOfCertificateV2Async(Show(), cancel.Token));
    }

    [Fact]
    public async Task EveryRequestsCredentialsAreCountedEvenUnderAFault()
    {
        await SigningClient().ShowDetailsOfCertificateV2Async(Show());
        var refused = await Assert.ThrowsAsync<ApigException>(() => SigningClient(secretKey: "not-the-secret-key-at-all-0000000000000").ShowDetailsOfCertificateV2Async(Show()));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Simulator.Faults.Mode = FaultMode.ServerError;

        // Retries off: each call here is one request, so the counters count calls.
        await Assert.ThrowsAsync<ApigException>(() => new ApigClient(NoRetries(Options(ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey)))).ShowDetailsOfCertificateV2Async(Show()));
        await Assert.ThrowsAsync<ApigException>(() => new ApigClient(NoRetries(Options(ApigCredentials.Token("stale-token")))).ShowDetailsOfCertificateV2Async(Show()));

        Assert.Equal((2L, 1L, 1L, 0L), (Simulator.ValidSignatures, Simulator.InvalidSignatures, Simulator.RejectedTokens, Simulator.Unauthenticated));
    }

    [Fact]
    public async Task RecordingCanBeSwitchedOffWhileChooseStillSeesEveryRequest()
    {
        var seen = 0;
        Simulator.RecordRequests = false;
        Simulator.Faults.Choose = _ =>
        {
            Interlocked.Increment(ref seen);
            return FaultMode.None;
        };
        await TokenClient().ShowDetailsOfCertificateV2Async(Show());
        Assert.Empty(Simulator.Requests);
        Assert.Equal(1, seen);

        Simulator.RecordRequests = true;
        await TokenClient().ShowDetailsOfCertificateV2Async(Show());
        Assert.Single(Simulator.Requests);
    }

    private static ApigClientOptions NoRetries(ApigClientOptions options)
    {
        options.Retry = new ApigRetryOptions { MaxRetries = 0 };
        return options;
    }
}
