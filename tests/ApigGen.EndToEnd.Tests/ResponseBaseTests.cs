using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// Every generated response derives from the runtime's <see cref="ApigOperationResponse"/>, which declares
/// <c>StatusCode</c> and <c>RequestId</c>: they still take part in equality, print first in <c>ToString()</c> (secrets
/// of the response's own members still masked) and can be read through the base type.
/// </summary>
public sealed class ResponseBaseTests : SimulatorTest
{
    private const string SecretAppCode = "SECRET-app-code-0123456789-0123456789-0123456789-0123456789-0123456789";

    [Fact]
    public void ResponsesDifferingOnlyInRequestIdOrStatusAreNotEqual()
    {
        var empty = new DeleteApiV2Response { StatusCode = HttpStatusCode.NoContent, RequestId = "r1" };
        Assert.Equal(empty, new DeleteApiV2Response { StatusCode = HttpStatusCode.NoContent, RequestId = "r1" });
        Assert.NotEqual(empty, empty with { RequestId = "r2" });
        Assert.NotEqual(empty, empty with { RequestId = null });
        Assert.NotEqual(empty, empty with { StatusCode = HttpStatusCode.OK });

        var code = AppCode("r1");
        Assert.Equal(code, AppCode("r1"));
        Assert.Equal(code.GetHashCode(), AppCode("r1").GetHashCode());
        Assert.NotEqual(code, AppCode("r2"));
        Assert.False(code == AppCode("r2"));
    }

    [Fact]
    public void ResponsesOfDifferentOperationsWithTheSameStatusAndRequestIdAreNotEqual()
    {
        ApigOperationResponse deleteApi = new DeleteApiV2Response { StatusCode = HttpStatusCode.NoContent, RequestId = "r1" };
        ApigOperationResponse deleteCertificate = new DeleteCertificateV2Response { StatusCode = HttpStatusCode.NoContent, RequestId = "r1" };
        Assert.NotEqual(deleteApi, deleteCertificate);
        Assert.False(deleteApi.Equals(deleteCertificate));
    }

    [Fact]
    public void ToStringPrintsStatusAndRequestIdFirstThenTheResponsesMembers()
    {
        Assert.Equal("DeleteApiV2Response { StatusCode = NoContent, RequestId = r1 }", new DeleteApiV2Response { StatusCode = HttpStatusCode.NoContent, RequestId = "r1" }.ToString());
        Assert.Equal("DeleteApiV2Response { StatusCode = 0, RequestId =  }", new DeleteApiV2Response().ToString());

        // A response with a secret member has its own PrintMembers: the same order and separators, the secret masked.
        var text = AppCode("r1").ToString();
        Assert.Equal("CreateAppCodeV2Response { StatusCode = Created, RequestId = r1, AppCode = ***, Id = c1, AppId = , CreateTime =  }", text);
        Assert.DoesNotContain(SecretAppCode, text, System.StringComparison.Ordinal);

        // Printed through the base type too: ToString is the response's own.
        ApigOperationResponse asBase = AppCode("r1");
        Assert.Equal(text, asBase.ToString());
    }

    [Fact]
    public void AnyResponseCanBeHandledThroughTheBaseType()
    {
        var responses = new List<ApigOperationResponse>
        {
            new DeleteApiV2Response { StatusCode = HttpStatusCode.NoContent, RequestId = "a" },
            AppCode("b"),
        };
        Assert.Equal(new[] { (HttpStatusCode.NoContent, "a"), (HttpStatusCode.Created, "b") }, responses.ConvertAll(r => (r.StatusCode, r.RequestId!)));

        // A copy made through the base type keeps the response's own type and members.
        var copy = responses[1] with { RequestId = "c" };
        var typed = Assert.IsType<CreateAppCodeV2Response>(copy);
        Assert.Equal((HttpStatusCode.Created, "c", SecretAppCode, "c1"), (typed.StatusCode, typed.RequestId, typed.AppCode, typed.Id));
    }

    [Fact]
    public async Task AResponseReadFromTheWireCarriesItsStatusAndRequestIdIntoToStringAndEquality()
    {
        var client = TokenClient();
        var (certificate, key, _) = TestCertificates.Create();
        var created = await client.CreateCertificateV2Async(new CreateCertificateV2Request { Body = new CertificateForm { Name = "base_cert", CertContent = certificate, PrivateKey = key } });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.False(string.IsNullOrEmpty(created.RequestId));
        Assert.StartsWith("CreateCertificateV2Response { StatusCode = OK, RequestId = " + created.RequestId + ", Id = " + created.Id + ", ", created.ToString(), System.StringComparison.Ordinal);
        Assert.NotEqual(created, created with { RequestId = created.RequestId + "x" });
        Assert.Equal(created, created with { });
    }

    private static CreateAppCodeV2Response AppCode(string requestId) =>
        new() { StatusCode = HttpStatusCode.Created, RequestId = requestId, AppCode = SecretAppCode, Id = "c1" };
}
