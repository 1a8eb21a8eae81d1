using System;
using System.Linq;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Renamed;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// Members named by <c>csharpName</c> (Specs/RenamedMembersV2.apig.yaml): without it, <c>2fa_enabled</c> makes no C#
/// name and <c>name</c>/<c>Name</c> make the same one. That this file compiles is the first test; the wire and the
/// validation paths keep the JSON names.
/// </summary>
public sealed class RenamedMemberTests : SimulatorTest
{
    [Fact]
    public async Task TheWireKeepsTheJsonNames()
    {
        var request = new RenamedMembersV2Request
        {
            TwoFactor = true,
            Body = new RenamedMembers { TwoFactorEnabled = false, Name = "n", DisplayName = "Shown" },
        };
        var sent = await SendToMissingRoute(() => new ApigClient(Options()).RenamedMembersV2Async(request));
        Assert.Equal("/v2/" + SimulatorState.DefaultProjectId + "/apigw/renamed?2fa=true", sent.RawTarget);
        Assert.Equal("{\"2fa_enabled\":false,\"name\":\"n\",\"Name\":\"Shown\"}", sent.BodyText);
    }

    [Fact]
    public void ValidationNamesTheJsonName()
    {
        var body = new RenamedMembers { TwoFactorEnabled = true, DisplayName = "x" };
        Assert.Equal(new[] { "Name: must be at least 2 characters long (it has 1)" }, body.GetValidationErrors().Select(e => e.ToString()).ToArray());
    }
}
