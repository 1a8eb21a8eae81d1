using System;
using System.Linq;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Names;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// Members whose C# locals would clash (Specs/LocalNamesV2.apig.yaml: <c>class</c> escapes to the local
/// <c>classValue</c>, which <c>class_value</c> gives too). That this file compiles is the first test; these check that
/// each member keeps its own pattern, its own array and its own query value.
/// </summary>
public sealed class LocalNameTests : SimulatorTest
{
    private static LocalNamesV2Request Request(string letters, string digits) => new()
    {
        Class = letters,
        ClassValue = digits,
        Body = new ClashingNames { Class = letters, ClassValue = digits, Event = ["a", "b"], EventValue = ["c"], Token = "s3cr3t" },
    };

    [Fact]
    public void EachMemberIsCheckedAgainstItsOwnPattern()
    {
        Assert.Empty(Request("abc", "123").GetValidationErrors());

        var swapped = Request("123", "abc");
        Assert.Equal(
            new[]
            {
                "class: must match the pattern ^[a-z]+$",
                "class_value: must match the pattern ^[0-9]+$",
                "class: must match the pattern ^[a-z]+$",
                "class_value: must match the pattern ^[0-9]+$",
            },
            swapped.GetValidationErrors().Select(e => e.ToString()).ToArray());
    }

    [Fact]
    public void EachArrayKeepsItsOwnCountAndToStringPrintsBothAndNestedItems()
    {
        var body = Request("abc", "123").Body with { Event = ["a", "b", "c"], EventValue = ["d", "e"] };
        Assert.Equal(
            new[] { "event: must have at most 2 items (it has 3)", "event_value: must have at most 1 item (it has 2)" },
            body.GetValidationErrors().Select(e => e.ToString()).ToArray());

        var text = (body with { Grid = [[1, 2], [], null!], Cube = [[["a"]], [["b", "c"], []]] }).ToString();
        Assert.Contains("Event = [a, b, c], EventValue = [d, e]", text, StringComparison.Ordinal);
        Assert.Contains("Grid = [[1, 2], [], ], Cube = [[[a]], [[b, c], []]]", text, StringComparison.Ordinal);
        Assert.Contains("Token = ***", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothQueryValuesAreSent()
    {
        var request = await SendToMissingRoute(() => new ApigClient(Options()).LocalNamesV2Async(Request("abc", "123")));
        Assert.Equal("/v2/" + SimulatorState.DefaultProjectId + "/apigw/names?class=abc&class_value=123", request.RawTarget);
    }
}
