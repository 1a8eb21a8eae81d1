using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ApigGen.Runtime.Tests.Infrastructure;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.Runtime.Tests.Credentials;

/// <summary>Temporary credentials from the ECS metadata service, here the simulator's routes on 127.0.0.1.</summary>
public sealed class EcsMetadataTests : IAsyncLifetime
{
    private readonly RecordingTimeProvider _clock = new();
    private ApigSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await ApigSimulator.StartAsync(timeProvider: _clock);

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private ApigPipeline Pipeline() => new(
        new ApigClientOptions
        {
            Endpoint = _simulator.Endpoint,
            ProjectId = SimulatorState.DefaultProjectId,
            Credentials = ApigCredentials.FromEcsMetadata(new ApigEcsMetadataOptions { Endpoint = _simulator.Endpoint }),
            TimeProvider = _clock,
            Timeout = _clock.Ignored,
            Retry = new ApigRetryOptions { MaxRetries = 0 },
        },
        null);

    private static ValueTask<ApigResponse> ShowAsync(ApigPipeline pipeline)
    {
        var request = pipeline.CreateRequest(HttpMethod.Get, "ShowDetailsOfCertificateV2");
        request.AppendPath("/v2/");
        request.AppendProjectId();
        request.AppendPath("/apigw/certificates/");
        request.AppendPathParameter(SimulatorState.DefaultCertificateId);
        return pipeline.SendAsync(request, default);
    }

    private int Reads()
    {
        lock (_simulator.State.Sync)
        {
            return _simulator.State.MetadataReads;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TemporaryKeysFromTheMetadataServiceSignAndAreReadAgainBeforeTheyExpire(bool sessionToken)
    {
        _simulator.State.MetadataRequiresSessionToken = sessionToken;
        _simulator.State.IssueTemporaryCredentials("AKECS1", "SKecs1-secret", "st-ecs-1", _clock.GetUtcNow().AddHours(24));
        var pipeline = Pipeline();

        Assert.True((await ShowAsync(pipeline)).IsSuccess);
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.True((await ShowAsync(pipeline)).IsSuccess);
        Assert.Equal(1, Reads());

        _simulator.State.IssueTemporaryCredentials("AKECS2", "SKecs2-secret", "st-ecs-2", _clock.GetUtcNow().AddHours(24));
        _clock.Advance(TimeSpan.FromMinutes(56));
        _simulator.State.Revoke("AKECS1");
        Assert.True((await ShowAsync(pipeline)).IsSuccess);

        Assert.Equal(2, Reads());
        var requests = _simulator.Requests;
        Assert.Equal(new[] { "st-ecs-1", "st-ecs-1", "st-ecs-2" }, Array.ConvertAll(System.Linq.Enumerable.ToArray(requests), r => r.Header("X-Security-Token")));
    }

    [Fact]
    public async Task NoAgencyIsATransportErrorThatSaysSoAndNothingIsSent()
    {
        var exception = await Assert.ThrowsAsync<ApigTransportException>(async () => await ShowAsync(Pipeline()));

        Assert.Contains("answered 404 to GET /openstack/latest/securitykey: is an agency bound to this ECS instance?", exception.Message, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
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
        Assert.Equal("ApigCredentials.FromEcsMetadata(http://169.254.169.254)", ApigCredentials.FromEcsMetadata().ToString());
    }
}
