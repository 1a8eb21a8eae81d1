using System;
using System.Linq;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>Invalid requests are stopped before a byte is sent, with every violation listed by JSON path.</summary>
public sealed class ValidationTests : SimulatorTest
{
    [Fact]
    public async Task EveryViolationIsReportedAndNothingIsSent()
    {
        var request = new BatchAssociateDomainsV2Request
        {
            CertificateId = "..",
            Body = new AttachOrDetachDomainsReqBody
            {
                Domains = [new AttachOrDetachDomainInfo { Domain = null! }, null!, new AttachOrDetachDomainInfo { Domain = "ok.example.com", InstanceIds = ["a", null!] }],
            },
        };
        var ex = await Assert.ThrowsAsync<ApigValidationException>(() => TokenClient().BatchAssociateDomainsV2Async(request));
        Assert.Equal(
            new[]
            {
                "certificate_id: must not be '.' or '..' (it fills a path segment)",
                "domains[0].domain: is required",
                "domains[1]: must not be null",
                "domains[2].instance_ids[1]: must not be null",
            },
            ex.Errors.Select(e => e.ToString()).ToArray());
        Assert.StartsWith("BatchAssociateDomainsV2Request is invalid (4 errors); nothing was sent:", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Simulator.Requests);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("")]
    public async Task PathSegmentsThatUriWouldCollapseAreRejected(string certificateId)
    {
        var ex = await Assert.ThrowsAsync<ApigValidationException>(() => TokenClient().BatchAssociateDomainsV2Async(SeedRequest(certificateId: certificateId)));
        Assert.Equal("certificate_id", Assert.Single(ex.Errors).Path);
        Assert.Empty(Simulator.Requests);
    }

    [Fact]
    public void MissingBodyIsReportedByTheCallItself()
    {
        var ex = Assert.Throws<ApigValidationException>(() => { _ = TokenClient().BatchAssociateDomainsV2Async(SeedRequest() with { Body = null! }); });
        Assert.Equal("body: is required", Assert.Single(ex.Errors).ToString());
        Assert.Empty(Simulator.Requests);
    }

    [Fact]
    public void NullRequestIsAnArgumentNullExceptionThrownByTheCallItself()
    {
        // Thrown when the method is called, not through its task (as the BCL's async methods do with their arguments).
        Assert.Throws<ArgumentNullException>(() => { _ = TokenClient().BatchAssociateDomainsV2Async(null!); });
        Assert.Empty(Simulator.Requests);
    }


    [Fact]
    public void ValidateAndGetValidationErrorsAreCallableDirectly()
    {
        var body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = null! }] };
        Assert.Equal("domains[0].domain", Assert.Single(body.GetValidationErrors()).Path);
        Assert.Throws<ApigValidationException>(body.Validate);
        Assert.Empty(SeedRequest().GetValidationErrors());
        SeedRequest().Validate();
    }

    [Fact]
    public void RequestsAndTheBodiesTheyReachAreValidatableThroughTheRuntimeInterface()
    {
        // Generic code (a form, a batch) can check any generated request without knowing its type.
        IApigValidatable[] values =
        [
            SeedRequest(),
            new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = null! }] },
            new AttachOrDetachDomainInfo { Domain = "ok.example.com", InstanceIds = [null!] },
        ];
        Assert.Equal(
            new[] { 0, 1, 1 },
            values.Select(value => value.GetValidationErrors().Count).ToArray());
        Assert.Equal("instance_ids[0]", Assert.Single(values[2].GetValidationErrors()).Path);
        var ex = Assert.Throws<ApigValidationException>(values[1].Validate);
        Assert.Equal("domains[0].domain", Assert.Single(ex.Errors).Path);

        // A type that only responses read has nothing to validate, and does not claim to.
        Assert.False(typeof(IApigValidatable).IsAssignableFrom(typeof(BatchAssociateDomainsV2Response)));
    }

    [Fact]
    public void OptionsAreCheckedWhenTheClientIsCreated()
    {
        var options = Options();
        options.ProjectId = null;
        var ex = Assert.Throws<ArgumentException>(() => new ApigClient(options));
        Assert.Equal("ProjectId", ex.ParamName);
        Assert.Throws<ArgumentNullException>(() => new ApigClient(null!));
    }

    [Fact]
    public void DtosAreRecordsWithValueEqualityAndWith()
    {
        var a = new AttachOrDetachDomainInfo { Domain = "a.example.com", VerifiedClientCertificateEnabled = true };
        var b = a with { };
        Assert.Equal(a, b);
        Assert.NotEqual(a, a with { Domain = "b.example.com" });
        Assert.Contains("Domain = a.example.com", a.ToString(), StringComparison.Ordinal);
    }
}
