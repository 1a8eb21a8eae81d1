using System;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.Simulator;
using Xunit;

namespace ApigGen.Runtime.Tests.Infrastructure;

/// <summary>
/// The simulator on a fake clock, with pipelines to it on the same clock: for tests of behaviour driven by time (retries,
/// rotating and temporary credentials) that never sleep. The call's own timeout is left to the test (ignored by default).
/// </summary>
public abstract class SimulatorOnFakeClock : IAsyncLifetime
{
    protected RecordingTimeProvider Clock { get; } = new();

    protected ApigSimulator Simulator { get; private set; } = null!;

    public async Task InitializeAsync() => Simulator = await ApigSimulator.StartAsync(timeProvider: Clock);

    public async Task DisposeAsync() => await Simulator.DisposeAsync();

    /// <summary>A pipeline to the simulator on <see cref="Clock"/>: the default AK/SK unless given credentials, no retries unless <paramref name="configure"/> sets them.</summary>
    protected ApigPipeline Pipeline(ApigCredentials? credentials = null, Action<ApigClientOptions>? configure = null)
    {
        var options = new ApigClientOptions
        {
            Endpoint = Simulator.Endpoint,
            ProjectId = SimulatorState.DefaultProjectId,
            Credentials = credentials ?? ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey),
            TimeProvider = Clock,
            Timeout = Clock.Ignored,
            Retry = new ApigRetryOptions { MaxRetries = 0 },
        };
        configure?.Invoke(options);
        return new ApigPipeline(options, null);
    }

    /// <summary>GET …/certificates/{id} of the simulator's default certificate.</summary>
    protected static ValueTask<ApigResponse> ShowCertificateAsync(ApigPipeline pipeline, CancellationToken cancellationToken = default) =>
        Calls.ShowCertificateAsync(pipeline, cancellationToken, SimulatorState.DefaultCertificateId);
}
