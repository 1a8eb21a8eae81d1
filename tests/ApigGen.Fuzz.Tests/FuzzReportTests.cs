using System;
using Xunit;

namespace ApigGen.Fuzz.Tests;

/// <summary>
/// The campaign's report: a case that breaks many times (a batch's compile errors) must not hide the cases after it
/// (seed 13 of the spec campaign printed one case's five errors and kept three later failures out of sight).
/// </summary>
public sealed class FuzzReportTests
{
    [Fact]
    public void EveryFailingCaseIsNamedAndTheFirstCasesAreKeptWhole()
    {
        var report = new FuzzReport("specs", seed: 13, outputDirectory: null);
        for (var i = 0; i < 7; i++)
        {
            report.Fail("compile", 33381, "error " + i, input: null, ".apig.yaml");
        }

        report.Fail("compile", 84199, "error CS8859", input: null, ".apig.yaml");
        for (var c = 1; c <= 5; c++)
        {
            report.Fail("compile", 90000 + c, "later", input: null, ".apig.yaml");
        }

        Assert.Equal(13, report.FailureCount);
        Assert.Equal(7, report.Failures.FindAll(f => f.Case == 33381).Count);
        Assert.Contains(report.Failures, f => f.Case == 84199 && f.Detail == "error CS8859");
        Assert.DoesNotContain(report.Failures, f => f.Case == 90004 || f.Case == 90005);
        var summary = report.Summary();
        Assert.Contains("compile: 13 in 7 cases: 33381, 84199, 90001, 90002, 90003, 90004, 90005", summary, StringComparison.Ordinal);
    }
}
