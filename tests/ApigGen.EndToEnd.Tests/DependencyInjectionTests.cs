using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ApigGen.EndToEnd.Tests.Apig;
using ApigGen.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ApigGen.EndToEnd.Tests;

/// <summary>
/// The generated <c>AddApigClient</c> (this project has several client namespaces, so each namespace has its own and the
/// <c>using</c> above picks <c>ApigGen.EndToEnd.Tests.Apig</c>) with ApigGen.Extensions.DependencyInjection: resolution,
/// keyed clients, the HttpClient pipeline, start-up validation and configuration reload, against the simulator.
/// One class, so the tests that set HUAWEICLOUD_SDK_* variables never run beside another that reads them.
/// </summary>
public sealed class DependencyInjectionTests : SimulatorTest
{
    private Dictionary<string, string?> Section(string prefix = "Apig", string? token = SimulatorState.DefaultToken) => new()
    {
        [prefix + ":Endpoint"] = Simulator.Endpoint.ToString(),
        [prefix + ":ProjectId"] = SimulatorState.DefaultProjectId,
        [prefix + ":Token"] = token,
    };

    private static IConfigurationRoot Configuration(params Dictionary<string, string?>[] sections) =>
        new ConfigurationBuilder().AddInMemoryCollection(sections.SelectMany(s => s)).Build();

    /// <summary>Runs what the host runs at start (ValidateOnStart) and returns the failure, if any.</summary>
    private static OptionsValidationException? StartUpFailure(ServiceProvider provider)
    {
        try
        {
            // What the host calls at start; obsolete in Options 11 in favour of the async form, which hosts call the same way.
#pragma warning disable SYSLIB0066
            provider.GetRequiredService<IStartupValidator>().Validate();
#pragma warning restore SYSLIB0066
            return null;
        }
        catch (OptionsValidationException e)
        {
            return e;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return (OptionsValidationException)e.InnerExceptions[0];
        }
    }

    [Fact]
    public async Task OneLineFromConfigurationMakesTheInterfaceAndTheClassResolvableAndTheyCall()
    {
        var configuration = Configuration(Section());
        var services = new ServiceCollection();
        var builder = services.AddApigClient(configuration.GetSection("Apig"));
        Assert.Equal("ApigGen", builder.Name);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.Null(StartUpFailure(provider));

        var client = provider.GetRequiredService<IApigClient>();
        Assert.IsType<ApigClient>(client);
        Assert.NotNull(provider.GetRequiredService<ApigClient>());
        var response = await client.BatchAssociateDomainsV2Async(SeedRequest());
        var request = Assert.Single(Simulator.Requests);
        Assert.Equal(SimulatorState.DefaultToken, request.Header("X-Auth-Token"));
        Assert.Equal(request.RequestId, response.RequestId);
    }

    [Theory]
    [InlineData(null, 100)]
    [InlineData("00:05:00", 300)]
    public async Task TheConfiguredTimeoutIsTheCallsAndTheFactorysClientDoesNotCutItShort(string? timeout, int seconds)
    {
        // The factory's HttpClient kept its default Timeout of 100 s, so a configured 5 minutes ended after 100 s.
        var section = Section();
        section["Apig:Timeout"] = timeout;
        var services = new ServiceCollection();
        var builder = services.AddApigClient(Configuration(section).GetSection("Apig"));
        await using var provider = services.BuildServiceProvider();
        Assert.Null(StartUpFailure(provider));

        Assert.Equal(TimeSpan.FromSeconds(seconds), provider.GetRequiredService<IOptionsMonitor<ApigClientOptions>>().Get(Microsoft.Extensions.Options.Options.DefaultName).Timeout);
        Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name).Timeout);
    }

    [Fact]
    public async Task TheActionOverloadSetsTheOptionsByCode()
    {
        var services = new ServiceCollection();
        services.AddApigClient(options =>
        {
            options.Endpoint = Simulator.Endpoint;
            options.ProjectId = SimulatorState.DefaultProjectId;
            options.Credentials = ApigCredentials.AccessKey(SimulatorState.DefaultAccessKey, SimulatorState.DefaultSecretKey);
        });
        await using var provider = services.BuildServiceProvider();
        Assert.Null(StartUpFailure(provider));
        await provider.GetRequiredService<IApigClient>().BatchAssociateDomainsV2Async(SeedRequest());
        Assert.StartsWith("SDK-HMAC-SHA256 Access=" + SimulatorState.DefaultAccessKey + ",", Assert.Single(Simulator.Requests).Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyedClientsKeepTheirOwnOptionsAndHttpClients()
    {
        var configuration = Configuration(Section("Apig:Token"), new Dictionary<string, string?>
        {
            ["Apig:Signed:Endpoint"] = Simulator.Endpoint.ToString(),
            ["Apig:Signed:ProjectId"] = SimulatorState.DefaultProjectId,
            ["Apig:Signed:AccessKey"] = SimulatorState.DefaultAccessKey,
            ["Apig:Signed:SecretKey"] = SimulatorState.DefaultSecretKey,
        });
        var services = new ServiceCollection();
        Assert.Equal("ApigGen:token", services.AddKeyedApigClient("token", configuration.GetSection("Apig:Token")).Name);
        Assert.Equal("ApigGen:signed", services.AddKeyedApigClient("signed", configuration.GetSection("Apig:Signed")).Name);
        await using var provider = services.BuildServiceProvider();
        Assert.Null(StartUpFailure(provider));
        Assert.Null(provider.GetService<IApigClient>());

        await provider.GetRequiredKeyedService<IApigClient>("token").BatchAssociateDomainsV2Async(SeedRequest());
        await provider.GetRequiredKeyedService<ApigClient>("signed").BatchAssociateDomainsV2Async(SeedRequest());
        var requests = Simulator.Requests;
        Assert.Equal(SimulatorState.DefaultToken, requests[0].Header("X-Auth-Token"));
        Assert.Null(requests[0].Header("Authorization"));
        Assert.StartsWith("SDK-HMAC-SHA256 Access=" + SimulatorState.DefaultAccessKey + ",", requests[1].Header("Authorization"), StringComparison.Ordinal);
        Assert.Null(requests[1].Header("X-Auth-Token"));
    }

    [Fact]
    public async Task TheReturnedBuilderAddsHandlersAndThePrimaryHandlerRefusesRedirectsAndRecyclesConnections()
    {
        var services = new ServiceCollection();
        var seen = new Probe();
        services.AddApigClient(Configuration(Section()).GetSection("Apig")).AddHttpMessageHandler(() => seen);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IApigClient>().BatchAssociateDomainsV2Async(SeedRequest());

        Assert.Equal(1, seen.Calls);
        var primary = Assert.IsType<SocketsHttpHandler>(seen.Primary);
        Assert.False(primary.AllowAutoRedirect);
        Assert.Equal(TimeSpan.FromMinutes(2), primary.PooledConnectionLifetime);
    }

    [Theory]
    [InlineData("Apig:ProjectId", null, "configuration key Apig:ProjectId: Set ApigClientOptions.ProjectId")]
    [InlineData("Apig:Endpoint", "not a uri", "Apig:Endpoint must be an absolute http or https URI")]
    [InlineData("Apig:Endpoint", "ftp://apig.example.com", "configuration key Apig:Endpoint: ApigClientOptions.Endpoint must be an absolute http or https URI")]
    [InlineData("Apig:Endpoint", "https://user:secret@apig.example.com", "configuration key Apig:Endpoint: ApigClientOptions.Endpoint must not carry user information")]
    [InlineData("Apig:Region", "CN North 4", "configuration key Apig:Region: ApigClientOptions.Region must match")]
    [InlineData("Apig:Timeout", "-00:00:01", "configuration key Apig:Timeout: ApigClientOptions.Timeout must be positive")]
    [InlineData("Apig:MaxResponseBodySize", "0", "configuration key Apig:MaxResponseBodySize")]
    [InlineData("Apig:MaxRequestBodySize", "0", "configuration key Apig:MaxRequestBodySize: ApigClientOptions.MaxRequestBodySize must be positive")]
    [InlineData("Apig:Retry:MaxRetries", "99", "configuration key Apig:Retry: ")]
    [InlineData("Apig:AccessKey", "AKTESTAKTESTAKTEST12", "Set either Apig:Token or Apig:AccessKey and Apig:SecretKey, not both.")]
    [InlineData("Apig:Token", null, "No credentials: set Apig:AccessKey and Apig:SecretKey")]
    [InlineData("Apig:Token", "line\nbreak-secret", "Apig:Token: The token must not contain a line break")]
    public async Task AnInvalidSectionFailsAtStartNamingTheKeyAndNoValue(string key, string? value, string expected)
    {
        var section = Section();
        section[key] = value;
        if (key == "Apig:Region")
        {
            section.Remove("Apig:Endpoint");
        }

        var services = new ServiceCollection();
        services.AddApigClient(Configuration(section).GetSection("Apig"));
        await using var provider = services.BuildServiceProvider();
        var failure = StartUpFailure(provider);
        Assert.NotNull(failure);
        Assert.Contains(expected, failure!.Message, StringComparison.Ordinal);
        Assert.StartsWith("ApigClientOptions: ", failure.Failures.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(SimulatorState.DefaultToken, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Simulator.Requests);
    }

    [Fact]
    public async Task RetryBindsFromItsSubsectionAndLogsGoToTheContainersLogging()
    {
        var section = Section();
        section["Apig:Retry:MaxRetries"] = "0";
        section["Apig:Retry:MaxDelay"] = "00:00:05";
        var services = new ServiceCollection();
        var logs = new CapturingLoggerProvider();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(new Microsoft.Extensions.Logging.LoggerFactory([logs]));
        services.AddApigClient(Configuration(section).GetSection("Apig"));
        await using var provider = services.BuildServiceProvider();
        Assert.Null(StartUpFailure(provider));

        var options = provider.GetRequiredService<IOptionsMonitor<ApigClientOptions>>().CurrentValue;
        Assert.Equal((0, TimeSpan.FromSeconds(5), ApigRetryOptions.DefaultDelay), (options.Retry.MaxRetries, options.Retry.MaxDelay, options.Retry.Delay));

        // MaxRetries = 0: a GET answered 503 is not repeated.
        Simulator.Faults.Mode = FaultMode.ServiceUnavailable;
        var failure = await Assert.ThrowsAsync<ApigException>(() => provider.GetRequiredService<IApigClient>().ShowDetailsOfCertificateV2Async(new() { CertificateId = "c0ffee" }));
        Assert.Equal(1, failure.Attempts);
        Assert.Single(Simulator.Requests);
        Assert.Contains(logs.Lines, line => line.Contains("ShowDetailsOfCertificateV2", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task OptionsSetByCodeFailAtStartWithTheClientsOwnMessage()
    {
        var services = new ServiceCollection();
        services.AddKeyedApigClient("code", options =>
        {
            options.Endpoint = Simulator.Endpoint;
            options.ProjectId = SimulatorState.DefaultProjectId;
        });
        await using var provider = services.BuildServiceProvider();
        var failure = StartUpFailure(provider);
        Assert.Equal("ApigClientOptions 'code': Set ApigClientOptions.Credentials to ApigCredentials.Token(...) or ApigCredentials.AccessKey(...).", Assert.Single(failure!.Failures));
    }

    [Fact]
    public async Task HalfAKeyPairInAKeyedSectionNamesTheKeyAndTheRegistration()
    {
        var configuration = Configuration(new Dictionary<string, string?> { ["Eu:Region"] = "eu-west-101", ["Eu:ProjectId"] = SimulatorState.DefaultProjectId, ["Eu:AccessKey"] = SimulatorState.DefaultAccessKey });
        var services = new ServiceCollection();
        services.AddKeyedApigClient("eu", configuration.GetSection("Eu"));
        await using var provider = services.BuildServiceProvider();
        var failure = StartUpFailure(provider);
        Assert.Equal("ApigClientOptions 'eu': Only one of Eu:AccessKey and Eu:SecretKey is set: set both.", Assert.Single(failure!.Failures));
    }

    [Fact]
    public async Task WithoutCredentialsOrProjectIdInTheSectionTheSdkEnvironmentVariablesAreRead()
    {
        var variables = new[] { "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID" };
        var saved = variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_AK", SimulatorState.DefaultAccessKey);
            Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SK", SimulatorState.DefaultSecretKey);
            Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_PROJECT_ID", SimulatorState.DefaultProjectId);
            var services = new ServiceCollection();
            services.AddApigClient(Configuration(new Dictionary<string, string?> { ["Apig:Endpoint"] = Simulator.Endpoint.ToString() }).GetSection("Apig"));
            await using (var provider = services.BuildServiceProvider())
            {
                Assert.Null(StartUpFailure(provider));
                await provider.GetRequiredService<IApigClient>().BatchAssociateDomainsV2Async(SeedRequest());
                var request = Assert.Single(Simulator.Requests);
                Assert.StartsWith("SDK-HMAC-SHA256 Access=" + SimulatorState.DefaultAccessKey + ",", request.Header("Authorization"), StringComparison.Ordinal);
                Assert.Contains("/v2/" + SimulatorState.DefaultProjectId + "/", request.RawTarget, StringComparison.Ordinal);
            }

            // Half a pair in the environment is named by its variables.
            Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SK", null);
            var half = new ServiceCollection();
            half.AddApigClient(Configuration(new Dictionary<string, string?> { ["Apig:Endpoint"] = Simulator.Endpoint.ToString() }).GetSection("Apig"));
            await using var halfProvider = half.BuildServiceProvider();
            Assert.Equal("ApigClientOptions: Only one of HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK is set: set both.", Assert.Single(StartUpFailure(halfProvider)!.Failures));
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public async Task AReloadedSectionReachesClientsResolvedAfterwards()
    {
        var configuration = Configuration(Section());
        var services = new ServiceCollection();
        services.AddApigClient(configuration.GetSection("Apig"));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IApigClient>().BatchAssociateDomainsV2Async(SeedRequest());

        Simulator.State.Tokens.Add("rotated-token");
        configuration["Apig:Token"] = "rotated-token";
        configuration.Reload();
        await provider.GetRequiredService<IApigClient>().BatchAssociateDomainsV2Async(SeedRequest());
        Assert.Equal(new[] { SimulatorState.DefaultToken, "rotated-token" }, Simulator.Requests.Select(r => r.Header("X-Auth-Token")));
    }

    /// <summary>A handler added through the returned builder: counts calls and finds the primary handler under it.</summary>
    private sealed class Probe : DelegatingHandler
    {
        public int Calls { get; private set; }

        public HttpMessageHandler? Primary { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            HttpMessageHandler? handler = InnerHandler;
            while (handler is DelegatingHandler delegating)
            {
                handler = delegating.InnerHandler;
            }

            Primary = handler;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
