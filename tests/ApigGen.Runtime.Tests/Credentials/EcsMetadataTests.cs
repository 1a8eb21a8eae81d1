using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.Runtime.Tests.Credentials;

/// <summary>Temporary credentials from the ECS metadata service, here the simulator's routes on 127.0.0.1.</summary>
public sealed class EcsMetadataTests : SimulatorOnFakeClock
{
    private ApigPipeline Pipeline() =>
        Pipeline(ApigCredentials.FromEcsMetadata(new ApigEcsMetadataOptions { Endpoint = Simulator.Endpoint }));

    private int Reads()
    {
        lock (Simulator.State.Sync)
        {
            return Simulator.State.MetadataReads;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TemporaryKeysFromTheMetadataServiceSignAndAreReadAgainBeforeTheyExpire(bool sessionToken)
    {
        Simulator.State.MetadataRequiresSessionToken = sessionToken;
        Simulator.State.IssueTemporaryCredentials("AKECS1", "SKecs1-secret", "st-ecs-1", Clock.GetUtcNow().AddHours(24));
        var pipeline = Pipeline();

        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Clock.Advance(TimeSpan.FromHours(23));
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);
        Assert.Equal(1, Reads());

        Simulator.State.IssueTemporaryCredentials("AKECS2", "SKecs2-secret", "st-ecs-2", Clock.GetUtcNow().AddHours(24));
        Clock.Advance(TimeSpan.FromMinutes(56));
        Simulator.State.Revoke("AKECS1");
        Assert.True((await ShowCertificateAsync(pipeline)).IsSuccess);

        Assert.Equal(2, Reads());
        var requests = Simulator.Requests;
        Assert.Equal(new[] { "st-ecs-1", "st-ecs-1", "st-ecs-2" }, Array.ConvertAll(System.Linq.Enumerable.ToArray(requests), r => r.Header("X-Security-Token")));
    }

    [Fact]
    public async Task NoAgencyIsATransportErrorThatSaysSoAndNothingIsSent()
    {
        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () => await ShowCertificateAsync(Pipeline()));

        Assert.Contains("answered 404 to GET /openstack/latest/securitykey: is an agency bound to this ECS instance?", exception.Message, StringComparison.Ordinal);
        Assert.Empty(Simulator.Requests);
    }

    [Theory]
    [InlineData("{\"credential\":{\"access\":\"AK-SECRET\",\"secret\":\"SK-SECRET\",\"expires_at\":\"2026-12-06T09:00:00.000000Z\"}}")]
    [InlineData("{\"credential\":{\"access\":\"AK\\u0000SECRET\",\"secret\":\"SK-SECRET\",\"securitytoken\":\"ST-SECRET\",\"expires_at\":\"2026-12-06T09:00:00.000000Z\"}}")]
    [InlineData("{\"credential\":{\"access\":\"AK-SECRET\",\"secret\":\"SK-SECRET\",\"securitytoken\":\"ST-SECRET\",\"expires_at\":\"SECRET\"}}")]
    [InlineData("{\"credential\":{\"access\":\"AK-SECRET\",\"secret\":\"SK-SECRET\"")]
    public void AMalformedAnswerIsRefusedWithoutEchoingIt(string body)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => EcsMetadataCredentials.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.StartsWith("The ECS metadata service's answer to GET /openstack/latest/securitykey could not be read: ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueThatIsNotUtf8IsRefusedWithoutEchoingIt()
    {
        var body = Encoding.UTF8.GetBytes("{\"credential\":{\"access\":\"AK-SECRET\",\"secret\":\"SK-\u00ff\",\"securitytoken\":\"ST-SECRET\",\"expires_at\":\"2026-12-06T09:00:00Z\"}}");
        var at = Array.IndexOf(body, (byte)0xC3);
        body[at] = 0xFF; // "SK-" followed by a byte that starts no UTF-8 sequence

        var exception = Assert.Throws<InvalidOperationException>(() => EcsMetadataCredentials.Parse(body));

        Assert.Equal("The ECS metadata service's answer to GET /openstack/latest/securitykey could not be read: a credential value is not valid UTF-8.", exception.Message);
    }

    [Fact]
    public void EscapedMemberNamesAreTheSameMembers()
    {
        var (value, _) = EcsMetadataCredentials.Parse(Encoding.UTF8.GetBytes(
            "{\"cr\\u0065dential\":{\"acc\\u0065ss\":\"AKX\",\"secret\":\"SKX\",\"security\\u0074oken\":\"STX\",\"expires_at\":\"2026-12-06T09:00:00Z\"}}"));

        var keys = Assert.IsType<AccessKeyCredentials>(value);
        Assert.Equal(("AKX", "SKX", "STX"), (keys.AccessKeyId, keys.SecretKey, keys.SecurityToken));
    }

    [Fact]
    public async Task AnAnswerFarLargerThanTheServiceSendsIsRefusedBeforeItIsRead()
    {
        // A well-formed answer padded to 2 MiB: the real one is a few hundred bytes.
        var padded = "{\"padding\":\"" + new string('x', 2 * 1024 * 1024) + "\",\"credential\":{\"access\":\"" + SimulatorState.DefaultAccessKey
            + "\",\"secret\":\"" + SimulatorState.DefaultSecretKey + "\",\"securitytoken\":\"st\",\"expires_at\":\"2099-01-01T00:00:00Z\"}}";
        await using var metadata = new RawHttpServer((request, stream, ct) => request.Method == "PUT"
            ? RawHttpServer.AnswerAsync(stream, 404, "{}", ct)
            : RawHttpServer.AnswerAsync(stream, 200, padded, ct));
        var pipeline = Pipeline(ApigCredentials.FromEcsMetadata(new ApigEcsMetadataOptions { Endpoint = metadata.BaseAddress }));

        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () => await ShowCertificateAsync(pipeline));

        Assert.Equal("credentials", exception.ErrorType);
        Assert.Contains(EcsMetadataCredentials.MaxAnswerSize.ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
        Assert.Empty(Simulator.Requests);
    }

    [Fact]
    public void TheAnswerOfTheServiceIsRead()
    {
        var (value, expiresAt) = EcsMetadataCredentials.Parse(Encoding.UTF8.GetBytes(
            "{\"credential\":{\"access\":\"AKX\",\"secret\":\"SKX\",\"securitytoken\":\"STX\",\"expires_at\":\"2026-12-06T09:00:00.000000Z\"}}"));

        var keys = Assert.IsType<AccessKeyCredentials>(value);
        Assert.Equal(("AKX", "SKX", "STX"), (keys.AccessKeyId, keys.SecretKey, keys.SecurityToken));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero), expiresAt);
    }

    [Fact]
    public void TheOptionsAreChecked()
    {
        var exception = Assert.Throws<ArgumentException>(() => ApigCredentials.FromEcsMetadata(new ApigEcsMetadataOptions { Endpoint = new Uri("ftp://127.0.0.1") }));
        Assert.StartsWith("ApigEcsMetadataOptions.Endpoint must be", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ApigCredentials.FromEcsMetadata(new ApigEcsMetadataOptions { Timeout = TimeSpan.Zero }));
        var withPassword = Assert.Throws<ArgumentException>(() => ApigCredentials.FromEcsMetadata(new ApigEcsMetadataOptions { Endpoint = new Uri("http://user:secret-pw@127.0.0.1") }));
        Assert.StartsWith("ApigEcsMetadataOptions.Endpoint must not carry user information", withPassword.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", withPassword.Message, StringComparison.Ordinal);
        var withQuery = Assert.Throws<ArgumentException>(() => ApigCredentials.FromEcsMetadata(new ApigEcsMetadataOptions { Endpoint = new Uri("http://127.0.0.1/?x=1") }));
        Assert.StartsWith("ApigEcsMetadataOptions.Endpoint must not have a query", withQuery.Message, StringComparison.Ordinal);
        Assert.Equal("ApigCredentials.FromEcsMetadata(http://169.254.169.254)", ApigCredentials.FromEcsMetadata().ToString());
    }
}
