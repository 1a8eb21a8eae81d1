using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>
/// A redirect must never carry credentials or a body to another host, and another host's answer must never come back
/// as the endpoint's: the shared client does not follow redirects, and a caller's client that does fails the call.
/// </summary>
public sealed class RedirectTests
{
    private static RawHttpServer Redirecting(int status, Func<Uri> target) => new((request, stream, ct) =>
        RawHttpServer.WriteAsync(stream, "HTTP/1.1 " + status + " Moved\r\nLocation: " + target() + "steal\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", ct));

    private static RawHttpServer Thief() => new((request, stream, ct) => RawHttpServer.AnswerAsync(stream, 200, "{\"id\":\"stolen\"}", ct));

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task TheSharedClientDoesNotFollowARedirectAndTheAnswerIsAnApigExceptionNamingTheLocation(int status)
    {
        await using var thief = Thief();
        await using var endpoint = Redirecting(status, () => thief.BaseAddress);

        var response = await Calls.CreateCertificateAsync(Calls.Pipeline(endpoint.BaseAddress));

        Assert.False(response.IsSuccess);
        var exception = response.CreateException();
        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
        Assert.Equal(thief.BaseAddress + "steal", exception.Location);
        Assert.Contains("redirect to '" + thief.BaseAddress + "steal'", exception.Message, StringComparison.Ordinal);
        Assert.Empty(thief.Received);
        Assert.Single(endpoint.Received);
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task ACallerClientThatFollowsARedirectFailsTheCallNamingBothHosts(int status)
    {
        await using var thief = Thief();
        await using var endpoint = Redirecting(status, () => thief.BaseAddress);
        using var followingClient = new HttpClient();

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () => await Calls.CreateCertificateAsync(Calls.Pipeline(endpoint.BaseAddress, followingClient)));

        Assert.Contains("127.0.0.1:" + endpoint.Port, exception.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:" + thief.Port, exception.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAutoRedirect = false", exception.Message, StringComparison.Ordinal);
        Assert.False(exception.IsTimeout);

        // The other host did get the call (HttpClient strips only Authorization): that is why the answer is refused and
        // why the shared client and the docs turn redirects off.
        Assert.Single(thief.Received);
    }

    [Fact]
    public async Task ARedirectToTheSameOriginIsAnAnswerOfTheEndpoint()
    {
        var calls = 0;
        RawHttpServer? server = null;
        server = new RawHttpServer((request, stream, ct) => ++calls == 1
            ? RawHttpServer.WriteAsync(stream, "HTTP/1.1 307 Moved\r\nLocation: " + server!.BaseAddress + "other\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", ct)
            : RawHttpServer.AnswerAsync(stream, 200, "{}", ct));
        await using (server)
        {
            using var followingClient = new HttpClient();
            var response = await Calls.ShowCertificateAsync(Calls.Pipeline(server.BaseAddress, followingClient));
            Assert.True(response.IsSuccess);
        }
    }

    [Fact]
    public async Task TheSigningHandlerRefusesTheAnswerOfAnotherHostItsInnerHandlerWasRedirectedTo()
    {
        await using var thief = Thief();
        await using var endpoint = Redirecting(302, () => thief.BaseAddress);
        using var http = new HttpClient(new ApigSigningHandler(ApigCredentials.AccessKey("AK", "SK", "security-token"), Calls.ProjectId) { InnerHandler = new SocketsHttpHandler() });

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(endpoint.BaseAddress, "/v2/x")));

        Assert.Contains("127.0.0.1:" + endpoint.Port, exception.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:" + thief.Port, exception.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAutoRedirect = false", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSigningHandlersRedirectMessageNamesHostsWithoutTheirUserInformation()
    {
        await using var thief = Thief();
        await using var endpoint = Redirecting(302, () => new UriBuilder(thief.BaseAddress) { UserName = "thief", Password = "thief-password" }.Uri);
        using var http = new HttpClient(new ApigSigningHandler(ApigCredentials.Token("token-value-1234")) { InnerHandler = new SocketsHttpHandler() });
        var withPassword = new UriBuilder(new Uri(endpoint.BaseAddress, "/v2/x")) { UserName = "user", Password = "user-password" }.Uri;

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(withPassword));

        Assert.Contains("http://127.0.0.1:" + endpoint.Port + " to http://127.0.0.1:" + thief.Port, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("password", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithRedirectsOffTheSigningHandlerSendsNothingToTheOtherHost()
    {
        await using var thief = Thief();
        await using var endpoint = Redirecting(307, () => thief.BaseAddress);
        using var http = new HttpClient(new ApigSigningHandler(ApigCredentials.Token("token-value-1234")) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } });

        using var response = await http.PostAsync(new Uri(endpoint.BaseAddress, "/v2/x"), new StringContent(Calls.PrivateKey, Encoding.UTF8));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Empty(thief.Received);
        Assert.Equal("token-value-1234", endpoint.Received.Single().Header("X-Auth-Token"));
    }
}
