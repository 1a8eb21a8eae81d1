using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>The certificate family through the generated client against the simulator: lifecycle, paging, query encoding, rules, newer servers.</summary>
public sealed class CertificateFamilyTests : SimulatorTest
{
    private static readonly string Instance = SimulatorState.DefaultInstanceIds[0];

    private static CertificateForm Form(string name = "shop_cert")
    {
        var (certificate, key, _) = TestCertificates.Create();
        return new CertificateForm { Name = name, CertContent = certificate, PrivateKey = key };
    }

    [Fact]
    public async Task CreateListAttachListAttachedDetachDelete()
    {
        IApigClient client = SigningClient();
        var (pem, key, notAfter) = TestCertificates.Create("shop.example.com");

        var created = await client.CreateCertificateV2Async(new CreateCertificateV2Request { Body = new CertificateForm { Name = "shop_cert", CertContent = pem, PrivateKey = key } });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("shop_cert", created.Name);
        Assert.Equal("shop.example.com", created.CommonName);
        Assert.Equal(new[] { "shop.example.com", "www.shop.example.com" }, created.San);
        Assert.Equal(notAfter, created.NotAfter);
        Assert.Equal(CertificateType.Global, created.Type);
        Assert.Equal(AlgorithmType.Rsa, created.AlgorithmType);
        Assert.Equal("common", created.InstanceId);
        var id = created.Id!;

        var shown = await client.ShowDetailsOfCertificateV2Async(new ShowDetailsOfCertificateV2Request { CertificateId = id });
        Assert.Equal((created.Name, created.SerialNumber, created.NotBefore), (shown.Name, shown.SerialNumber, shown.NotBefore));

        var listed = await client.ListCertificatesV2Async(new ListCertificatesV2Request { InstanceId = Instance, Name = "shop" });
        Assert.Equal((1, 1L), (listed.Size, listed.Total));
        Assert.Equal(id, Assert.Single(listed.Certs!).Id);

        await client.BatchAssociateDomainsV2Async(new BatchAssociateDomainsV2Request
        {
            CertificateId = id,
            Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = SimulatorState.DefaultDomain, VerifiedClientCertificateEnabled = true }] },
        });
        var attached = await client.ListAttachedDomainsV2Async(new ListAttachedDomainsV2Request { CertificateId = id });
        Assert.Equal(2, attached.Total);
        Assert.All(attached.BoundDomains!, d =>
        {
            Assert.Equal(SimulatorState.DefaultDomain, d.UrlDomain);
            Assert.Equal(CnameResolutionStatus.Resolved, d.Status);
            Assert.Equal((true, "shop_cert", -1), (d.VerifiedClientCertificateEnabled, d.SslName, d.IngressHttpsPort));
        });

        var refused = await Assert.ThrowsAsync<ApigException>(() => client.DeleteCertificateV2Async(new DeleteCertificateV2Request { CertificateId = id }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("bound to domain names", refused.Message, StringComparison.Ordinal);

        await client.BatchDisassociateDomainsV2Async(new BatchDisassociateDomainsV2Request
        {
            CertificateId = id,
            Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = SimulatorState.DefaultDomain }] },
        });
        Assert.Equal(0, (await client.ListAttachedDomainsV2Async(new ListAttachedDomainsV2Request { CertificateId = id })).Total);

        var deleted = await client.DeleteCertificateV2Async(new DeleteCertificateV2Request { CertificateId = id });
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var gone = await Assert.ThrowsAsync<ApigException>(() => client.ShowDetailsOfCertificateV2Async(new ShowDetailsOfCertificateV2Request { CertificateId = id }));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.All(Simulator.Requests, r => Assert.StartsWith("SDK-HMAC-SHA256 ", r.Header("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateChangesTheCertificateAndTypeInstanceNeedsItsGateway()
    {
        var client = TokenClient();
        var id = (await client.CreateCertificateV2Async(new CreateCertificateV2Request { Body = Form("first_name") })).Id!;
        var updated = await client.UpdateCertificateV2Async(new UpdateCertificateV2Request
        {
            CertificateId = id,
            Body = Form("second_name") with { Type = CertificateType.Instance, InstanceId = Instance },
        });
        Assert.Equal(("second_name", Instance), (updated.Name, updated.InstanceId));
        Assert.Equal("instance", updated.Type?.Value);
        Assert.Contains("\"type\":\"instance\"", Simulator.Requests[^1].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagingWalksSeveralPagesOfTheSimulator()
    {
        var client = TokenClient();
        for (var i = 0; i < 23; i++)
        {
            await client.CreateCertificateV2Async(new CreateCertificateV2Request { Body = Form("page_cert_" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)) });
        }

        Simulator.ClearRequests();
        var names = new List<string>();
        await foreach (var certificate in client.ListCertificatesV2AllAsync(new ListCertificatesV2Request { InstanceId = Instance, Name = "page_cert", Limit = 5 }))
        {
            names.Add(certificate.Name!);
        }

        Assert.Equal(Enumerable.Range(0, 23).Select(i => "page_cert_" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)), names);
        Assert.Equal(
            new[] { 0, 5, 10, 15, 20 }.Select(o => "/v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates?offset=" + o + "&limit=5&name=page_cert&instance_id=" + Instance),
            Simulator.Requests.Select(r => r.RawTarget));
    }

    [Fact]
    public async Task QueryValuesArePercentEncodedInDeclaredOrderAndUnsetOnesOmitted()
    {
        var value = "a+b c&d=e#f/中";
        var response = await SigningClient().ListCertificatesV2Async(new ListCertificatesV2Request
        {
            InstanceId = Instance,
            CommonName = value,
            AlgorithmType = AlgorithmType.Ecc,
            Limit = 7,
        });
        Assert.Equal(0, response.Total);
        var target = Simulator.Requests.Single().RawTarget;
        Assert.Equal("/v2/" + SimulatorState.DefaultProjectId + "/apigw/certificates?limit=7&common_name=a%2Bb%20c%26d%3De%23f%2F%E4%B8%AD&instance_id=" + Instance + "&algorithm_type=ECC", target);
        Assert.Equal(value, Uri.UnescapeDataString(target.Split("common_name=")[1].Split('&')[0]));
    }

    [Fact]
    public async Task RulesOfTheSpecAreCheckedBeforeSending()
    {
        var form = Form("1bad name!") with
        {
            Type = CertificateType.Instance,
            AlgorithmType = AlgorithmType.Sm2,
            CertContentSign = new string('x', 8093),
        };
        var ex = await Assert.ThrowsAsync<ApigValidationException>(() => TokenClient().CreateCertificateV2Async(new CreateCertificateV2Request { Body = form }));
        Assert.Equal(
            new[]
            {
                "name: must match the pattern ^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]*$",
                "cert_content_sign: must be at most 8092 characters long (it has 8093)",
                "instance_id: is required when type is instance",
                "private_key_sign: is required when algorithm_type is SM2",
            },
            ex.Errors.Select(e => e.ToString()));
        Assert.Empty(Simulator.Requests);
    }

    [Theory]
    [InlineData("abc", "name: must be 4 to 50 characters long (it has 3)")]
    [InlineData("证书名称", null)]
    [InlineData("a_1234567890123456789012345678901234567890123456789", "name: must be 4 to 50 characters long (it has 51)")]
    public async Task CertificateNamesFollowApigsRule(string name, string? error)
    {
        var request = new CreateCertificateV2Request { Body = Form(name) };
        Assert.Equal(error is null ? Array.Empty<string>() : new[] { error }, request.GetValidationErrors().Select(e => e.ToString()));
        if (error is null)
        {
            Assert.Equal(name, (await TokenClient().CreateCertificateV2Async(request)).Name);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task LimitOutsideOneTo500IsRejectedBeforeSending(int limit)
    {
        var ex = await Assert.ThrowsAsync<ApigValidationException>(() => TokenClient().ListCertificatesV2Async(new ListCertificatesV2Request { InstanceId = Instance, Limit = limit }));
        Assert.Equal("limit: must be between 1 and 500 (it is " + limit + ")", Assert.Single(ex.Errors).ToString());
        Assert.Empty(Simulator.Requests);
    }

    [Fact]
    public void SecretsAreMaskedInToString()
    {
        var form = Form() with { PrivateKeySign = "SIGN-SECRET" };
        var text = form.ToString();
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SIGN-SECRET", text, StringComparison.Ordinal);
        Assert.Contains("PrivateKey = ***", text, StringComparison.Ordinal);
        Assert.Contains("PrivateKeySign = ***", text, StringComparison.Ordinal);
        Assert.Contains("Name = shop_cert", text, StringComparison.Ordinal);
        Assert.Contains("TrustedRootCa = ,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewerServersUnknownMembersAndEnumValuesAreKept()
    {
        var client = TokenClient();
        var id = (await client.CreateCertificateV2Async(new CreateCertificateV2Request { Body = Form() })).Id!;
        await client.BatchAssociateDomainsV2Async(new BatchAssociateDomainsV2Request { CertificateId = id, Body = new AttachOrDetachDomainsReqBody { Domains = [new AttachOrDetachDomainInfo { Domain = SimulatorState.DefaultDomain }] } });
        Simulator.Faults.NewerServer = true;

        var shown = await client.ShowDetailsOfCertificateV2Async(new ShowDetailsOfCertificateV2Request { CertificateId = id });
        Assert.Equal("PQC", shown.AlgorithmType!.Value.Value);
        Assert.False(shown.AlgorithmType.Value.IsKnown);
        var listed = await client.ListCertificatesV2AllAsync(new ListCertificatesV2Request { InstanceId = Instance }).ToListAsync();
        Assert.Contains(listed, c => c.Id == id && c.AlgorithmType == new AlgorithmType("PQC"));
        var attached = await client.ListAttachedDomainsV2Async(new ListAttachedDomainsV2Request { CertificateId = id });
        Assert.All(attached.BoundDomains!, d => Assert.Equal((9, false), (d.Status.Value, d.Status.IsKnown)));

        // An unknown value is sent as it came (this older simulator then refuses it, as APIG would refuse a value it does not know).
        Simulator.Faults.NewerServer = false;
        var ex = await Assert.ThrowsAsync<ApigException>(() => client.UpdateCertificateV2Async(new UpdateCertificateV2Request { CertificateId = id, Body = Form() with { AlgorithmType = new AlgorithmType("PQC") } }));
        Assert.Equal(("APIG.2012", "Invalid parameter value,parameterName:algorithm_type. Please refer to the support documentation"), (ex.ErrorCode, ex.ErrorMessage));
        Assert.Contains("\"algorithm_type\":\"PQC\"", Simulator.Requests[^1].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATruncatedSuccessBodyIsAClearErrorWithTheRequestId()
    {
        Simulator.Faults.Mode = FaultMode.TruncatedSuccessBody;
        var ex = await Assert.ThrowsAsync<ApigTransportException>(() => TokenClient().ListCertificatesV2Async(new ListCertificatesV2Request { InstanceId = Instance }));
        Assert.StartsWith("The 200 response body could not be read: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Operation: ListCertificatesV2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Simulator.Requests.Single().RequestId, ex.RequestId);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task TextAfterACompleteSuccessBodyIsAClearErrorWithTheRequestId()
    {
        Simulator.Faults.Mode = FaultMode.TrailingContentAfterBody;
        var ex = await Assert.ThrowsAsync<ApigTransportException>(() => TokenClient().ListCertificatesV2Async(new ListCertificatesV2Request { InstanceId = Instance }));
        Assert.StartsWith("The 200 response body could not be read: '<' is invalid after a single JSON value.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Simulator.Requests.Single().RequestId, ex.RequestId);
    }

    [Fact]
    public async Task AMissingMandatoryMemberIsNamed()
    {
        Simulator.Faults.Mode = FaultMode.MissingMandatoryMember;
        var ex = await Assert.ThrowsAsync<ApigTransportException>(() => TokenClient().ListCertificatesV2Async(new ListCertificatesV2Request { InstanceId = Instance }));
        Assert.Contains("The mandatory member 'size' is missing or null at $.", ex.Message, StringComparison.Ordinal);
    }
}
