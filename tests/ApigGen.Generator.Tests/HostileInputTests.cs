using System;
using System.Linq;
using System.Text;
using ApigGen.Generator.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// Hostile spec files cost one diagnostic, never an exception into the compiler (no CS8785), and every other spec
/// still generates. Each case runs beside a valid spec whose output must survive.
/// </summary>
public sealed class HostileInputTests
{
    private const string Dir = GeneratorHarness.ProjectDirectory;

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();

        // "Billion laughs": aliases are refused, never expanded.
        var bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 30; i++)
        {
            bomb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 9))).Append("]\n");
        }

        data.Add("alias bomb", bomb.ToString(), "APIG0103");
        data.Add("deep flow nesting", "operation: " + new string('[', 100_000), "APIG0102");
        data.Add("deep block nesting", string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "k:\n")), "APIG0102");
        data.Add("binary garbage", new string(Enumerable.Range(0, 4096).Select(i => (char)((i * 7919) % 65_000)).ToArray()), "APIG0203");
        data.Add("NUL bytes", "operation:\0\0\0\n  id: X\0", "APIG0202");
        data.Add("huge file", "operation:\n  description: " + new string('x', 2_000_000), "APIG0003");
        data.Add("many keys", "operation:\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => "  k" + i + ": v\n")), "APIG0201");
        data.Add("a scalar document", "just text", "APIG0203");
        data.Add("a list document", "- a\n- b", "APIG0203");
        data.Add("mapping as key", "? [a, b]\n: c\n", "APIG0201");
        data.Add("tabs", "operation:\n\tid: X\n", "APIG0101");
        data.Add("unterminated quote", "operation:\n  id: \"X", "APIG0101");
        data.Add("an input on which YamlDotNet's scanner throws InvalidOperationException", "x: [a\ny: \u00e9\n", "APIG0101");
        data.Add("BOM and CRLF", "\uFEFFoperation:\r\n  id: X\r\n", "APIG0202");
        data.Add("numbers everywhere", "operation:\n  id: 1\n  method: 2\n  path: 3\n  responses: 4", "APIG0205");
        data.Add("enormous integer", "operation:\n  id: X\n  method: GET\n  path: /x\n  responses:\n    99999999999999999999: {}", "APIG0204");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileSpecCostsADiagnosticAndNothingElse(string name, string text, string expectedId)
    {
        var valid = Spec.FromFile(Catalogue.FileOf("BatchAssociateDomainsV2")) with { Path = Dir + "good.apig.yaml" };
        var (result, output, _) = new GeneratorHarness().Run(new[] { valid, new Spec(Dir + "hostile.apig.yaml", text) });

        Assert.True(result.Results.Single().Exception is null, name + ": the generator threw");
        Assert.Contains(result.Diagnostics, d => d.Id == expectedId && d.Location.GetLineSpan().Path.EndsWith("hostile.apig.yaml", StringComparison.Ordinal));
        Assert.All(result.Diagnostics, d => Assert.StartsWith("APIG", d.Id, StringComparison.Ordinal));
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "good.apig.g.cs");
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }
}
