using System;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Probe;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>Every parameter type as it arrives, signed, from a test-only spec (Specs/WireProbeV2.apig.yaml).</summary>
public sealed class WireFormatTests : SimulatorTest
{
    [Fact]
    public async Task EveryParameterTypeIsSentInInvariantFormAndTheSignatureVerifies()
    {
        var client = new ApigClient(Options(ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey)));
        var request = await SendToMissingRoute(() => client.WireProbeV2Async(new WireProbeV2Request
        {
            Name = "a/b c",
            Count = -42,
            Ratio = 0.1,
            Flag = true,
            Since = new DateTimeOffset(2026, 11, 28, 1, 2, 3, TimeSpan.FromHours(8)),
            State = WireProbeV2Request.StateEnum.Off,
            Kind = WireProbeV2Request.KindEnum.AB,
            Tags = ["x", "y z"],
            XProbeNumber = WireProbeV2Request.XProbeNumberEnum.Eight,
            XProbeText = "hello, world",
        }));

        Assert.Equal(
            "/v2/" + SimulatorState.DefaultProjectId + "/apigw/probe/a%2Fb%20c?count=-42&ratio=0.1&flag=true&since=2026-11-28T01%3A02%3A03.0000000%2B08%3A00&state=2&kind=a%2Bb&tags=x&tags=y%20z",
            request.RawTarget);
        Assert.Equal("8", request.Header("X-Probe-Number"));
        Assert.Equal("hello, world", request.Header("X-Probe-Text"));
    }

    [Fact]
    public async Task AnOperationThatAcceptsOnlyAkSkRefusesATokenClientBeforeSending()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new ApigClient(Options()).WireProbeV2Async(new WireProbeV2Request { Name = "n" }));
        Assert.StartsWith("WireProbeV2 accepts only AK/SK credentials", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Simulator.Requests);
    }

    [Theory]
    [InlineData("a\r\nX-Injected: s3cr3t", "X-Probe-Text: must not contain a line break (CR or LF)")]
    [InlineData("héllo", "X-Probe-Text: must hold only printable ASCII characters (it is sent as an HTTP header)")]
    public async Task HeaderValuesThatCannotTravelAreRefusedBeforeSendingWithoutEchoingThem(string value, string error)
    {
        var ex = await Assert.ThrowsAsync<ApigValidationException>(() => new ApigClient(Options(ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey))).WireProbeV2Async(new WireProbeV2Request { Name = "n", XProbeText = value }));
        Assert.Equal(error, Assert.Single(ex.Errors).ToString());
        Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
        Assert.Empty(Simulator.Requests);
    }
}
