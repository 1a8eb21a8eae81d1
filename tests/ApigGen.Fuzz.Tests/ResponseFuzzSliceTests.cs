using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ApigGen.Fuzz.Responses;
using Xunit;

namespace ApigGen.Fuzz.Tests;

/// <summary>A short slice of the response campaign, with a fixed seed: any untyped exception or lost status fails it.</summary>
public sealed class ResponseFuzzSliceTests
{
    private const long Seed = 20261205;

    [Fact]
    public async Task MutatedResponsesOfEveryCertificateOperationGiveOnlyTypedOutcomes()
    {
        // The slice fuzzes one family (the certificate operations) so that 1,500 cases reach every operation of it; the
        // campaign (tests/ApigGen.Fuzz) takes the whole catalogue.
        const string Family = "ssl-certificate-management";
        var report = new FuzzReport("responses", Seed, outputDirectory: null);
        var fuzzer = await ResponseFuzzer.CreateAsync(report, Family);
        Assert.Empty(fuzzer.Skipped);

        await fuzzer.RunAsync(0, 1500);

        Assert.Equal(1500, report.Cases);
        Assert.True(report.FailureCount == 0, report.Summary());

        // All three typed outcomes happened, and every catalogue operation returned a response at least once.
        Assert.True(report.Outcomes.GetValueOrDefault("response") > 0, report.Summary());
        Assert.True(report.Outcomes.GetValueOrDefault("ApigException") > 0, report.Summary());
        Assert.True(report.Outcomes.GetValueOrDefault("ApigTransportException") > 0, report.Summary());
        var catalogue = Corpus.Catalogue().Where(s => s.Path.Replace('\\', '/').Contains("/specs/" + Family + "/", System.StringComparison.Ordinal)).Select(s => new OperationShape(s.Text).Id).ToList();
        Assert.Equal(10, catalogue.Count);
        Assert.Equal(catalogue.OrderBy(x => x), fuzzer.OperationNames.OrderBy(x => x));
        Assert.All(catalogue, id => Assert.True(report.Outcomes.GetValueOrDefault(id + ": response") > 0, id + "\n" + report.Summary()));
    }

    [Fact]
    public void AResponseCaseIsTheSameWhateverRanBeforeIt()
    {
        var shape = new OperationShape(Corpus.Catalogue().Single(s => s.Name == "ListCertificatesV2.apig.yaml").Text);
        var first = ResponseMutator.Make(shape, Prng.ForCase(Seed, 99, stream: 2));
        _ = ResponseMutator.Make(shape, Prng.ForCase(Seed, 98, stream: 2));
        var again = ResponseMutator.Make(shape, Prng.ForCase(Seed, 99, stream: 2));

        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.Describe(), again.Describe());
    }
}
