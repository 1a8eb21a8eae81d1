using System;
using System.Net.Http;
using ApigGen;
using ApigGen.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a generated APIG client in an <see cref="IServiceCollection"/>. The generated <c>ApigClient</c> lives in
/// your assembly, so ApigGen generates the overloads you call (<c>services.AddApigClient(configuration.GetSection("Apig"))</c>);
/// they call these methods with the client's interface, its class and how to construct it.
/// </summary>
/// <remarks>
/// <para>
/// Options are <see cref="ApigClientOptions"/> named after the key (<see cref="Microsoft.Extensions.Options.Options.DefaultName"/> without one), so
/// <c>services.Configure&lt;ApigClientOptions&gt;(name, …)</c> can add to them. They are checked when the host starts
/// (<c>ValidateOnStart</c>): a failure names the configuration key to fix and never shows a secret.
/// </para>
/// <para>
/// The client sends through <c>IHttpClientFactory</c>: a named client with no timeout of its own (the call's is
/// <see cref="ApigClientOptions.Timeout"/>, 100 s unless configured), whose primary handler is a
/// <see cref="SocketsHttpHandler"/> that never follows redirects and recycles pooled connections every
/// <see cref="PooledConnectionLifetime"/>. The client is transient, like every client of the factory.
/// </para>
/// </remarks>
public static class ApigServiceCollectionExtensions
{
    /// <summary>How long a pooled connection of the primary handler is reused, so DNS changes are seen: 2 minutes.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>The name of the <see cref="HttpClient"/> of the registration without a key; a keyed one adds <c>:</c> and the key.</summary>
    public const string HttpClientName = "ApigGen";

    /// <summary>
    /// Registers <typeparamref name="TClient"/> and <typeparamref name="TImplementation"/>, configured from
    /// <paramref name="configuration"/> (keys <c>Region</c>, <c>Endpoint</c>, <c>ProjectId</c>, <c>Timeout</c>,
    /// <c>UserAgent</c>, <c>MaxResponseBodySize</c>, <c>MaxRequestBodySize</c>, <c>Retry</c> (<c>MaxRetries</c>, <c>Delay</c>, <c>MaxDelay</c>), and <c>AccessKey</c>/<c>SecretKey</c>/<c>SecurityToken</c> or
    /// <c>Token</c>; without credentials or a project id there, the <c>HUAWEICLOUD_SDK_*</c> environment variables).
    /// </summary>
    /// <typeparam name="TClient">The generated interface, <c>IApigClient</c>.</typeparam>
    /// <typeparam name="TImplementation">The generated class, <c>ApigClient</c>.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section that holds the options, for example <c>builder.Configuration.GetSection("Apig")</c>.</param>
    /// <param name="factory">Constructs the client from its options and the factory's <see cref="HttpClient"/>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or change the primary one.</returns>
    public static IHttpClientBuilder AddApigClient<TClient, TImplementation>(
        this IServiceCollection services, IConfiguration configuration, Func<ApigClientOptions, HttpClient, TImplementation> factory)
        where TClient : class
        where TImplementation : class, TClient =>
        Register<TClient, TImplementation>(services, null, configuration ?? throw new ArgumentNullException(nameof(configuration)), null, factory);

    /// <summary>
    /// Registers <typeparamref name="TClient"/> and <typeparamref name="TImplementation"/> with options set by code; they
    /// start from the <c>HUAWEICLOUD_SDK_*</c> environment variables (see <see cref="ApigClientOptions.FromEnvironment"/>).
    /// </summary>
    /// <typeparam name="TClient">The generated interface, <c>IApigClient</c>.</typeparam>
    /// <typeparam name="TImplementation">The generated class, <c>ApigClient</c>.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="factory">Constructs the client from its options and the factory's <see cref="HttpClient"/>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or change the primary one.</returns>
    public static IHttpClientBuilder AddApigClient<TClient, TImplementation>(
        this IServiceCollection services, Action<ApigClientOptions> configure, Func<ApigClientOptions, HttpClient, TImplementation> factory)
        where TClient : class
        where TImplementation : class, TClient =>
        Register<TClient, TImplementation>(services, null, null, configure ?? throw new ArgumentNullException(nameof(configure)), factory);

    /// <summary>
    /// Registers <typeparamref name="TClient"/> and <typeparamref name="TImplementation"/> as keyed services (one per
    /// region or account), configured from <paramref name="configuration"/> as
    /// <see cref="AddApigClient{TClient, TImplementation}(IServiceCollection, IConfiguration, Func{ApigClientOptions, HttpClient, TImplementation})"/> does.
    /// Resolve them with <c>[FromKeyedServices(key)]</c> or <c>GetRequiredKeyedService</c>.
    /// </summary>
    /// <typeparam name="TClient">The generated interface, <c>IApigClient</c>.</typeparam>
    /// <typeparam name="TImplementation">The generated class, <c>ApigClient</c>.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key of the services; also the name of their options.</param>
    /// <param name="configuration">The section that holds the options, for example <c>builder.Configuration.GetSection("Apig:Europe")</c>.</param>
    /// <param name="factory">Constructs the client from its options and the factory's <see cref="HttpClient"/>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or change the primary one.</returns>
    public static IHttpClientBuilder AddKeyedApigClient<TClient, TImplementation>(
        this IServiceCollection services, string serviceKey, IConfiguration configuration, Func<ApigClientOptions, HttpClient, TImplementation> factory)
        where TClient : class
        where TImplementation : class, TClient =>
        Register<TClient, TImplementation>(services, CheckKey(serviceKey), configuration ?? throw new ArgumentNullException(nameof(configuration)), null, factory);

    /// <summary>
    /// Registers <typeparamref name="TClient"/> and <typeparamref name="TImplementation"/> as keyed services with options
    /// set by code, starting from the <c>HUAWEICLOUD_SDK_*</c> environment variables.
    /// </summary>
    /// <typeparam name="TClient">The generated interface, <c>IApigClient</c>.</typeparam>
    /// <typeparam name="TImplementation">The generated class, <c>ApigClient</c>.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key of the services; also the name of their options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="factory">Constructs the client from its options and the factory's <see cref="HttpClient"/>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or change the primary one.</returns>
    public static IHttpClientBuilder AddKeyedApigClient<TClient, TImplementation>(
        this IServiceCollection services, string serviceKey, Action<ApigClientOptions> configure, Func<ApigClientOptions, HttpClient, TImplementation> factory)
        where TClient : class
        where TImplementation : class, TClient =>
        Register<TClient, TImplementation>(services, CheckKey(serviceKey), null, configure ?? throw new ArgumentNullException(nameof(configure)), factory);

    private static string CheckKey(string serviceKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceKey);
        return serviceKey;
    }

    private static IHttpClientBuilder Register<TClient, TImplementation>(
        IServiceCollection services, string? key, IConfiguration? configuration, Action<ApigClientOptions>? configure, Func<ApigClientOptions, HttpClient, TImplementation> factory)
        where TClient : class
        where TImplementation : class, TClient
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        var optionsName = key ?? Options.Options.DefaultName;
        var httpClientName = key is null ? HttpClientName : HttpClientName + ":" + key;

        var options = services.AddOptions<ApigClientOptions>(optionsName);
        if (configuration is not null)
        {
            options.Configure(o => ApigClientSettings.Read(configuration).ApplyTo(o));
            // A reloaded section (appsettings.json edited, a rotated secret) reaches clients resolved afterwards.
            services.AddSingleton<IOptionsChangeTokenSource<ApigClientOptions>>(new ConfigurationChangeTokenSource<ApigClientOptions>(optionsName, configuration));
        }
        else
        {
            options.Configure(o =>
            {
                ApigClientSettings.Read(null).ApplyTo(o);
                configure!(o);
            });
        }

        // The call's timeout is always the options' (100 s unless set): the factory's HttpClient has no timeout of its own
        // below, which would otherwise end a longer configured one at its default 100 s.
        options.PostConfigure(static o => o.Timeout ??= ApigClientOptions.DefaultTimeout);

        // Logs go to the container's logging unless the options name a factory of their own.
        options.Configure<IServiceProvider>(static (o, sp) => o.LoggerFactory ??= sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>());
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApigClientOptions>>(
            new ApigClientOptionsValidator(optionsName, configuration, (o, http) => factory(o, http)));

        if (key is null)
        {
            services.AddTransient(sp => factory(sp.GetRequiredService<IOptionsMonitor<ApigClientOptions>>().Get(optionsName), CreateHttpClient(sp, httpClientName)));
            services.AddTransient<TClient>(sp => sp.GetRequiredService<TImplementation>());
        }
        else
        {
            services.AddKeyedTransient(key, (sp, _) => factory(sp.GetRequiredService<IOptionsMonitor<ApigClientOptions>>().Get(optionsName), CreateHttpClient(sp, httpClientName)));
            services.AddKeyedTransient<TClient>(key, (sp, k) => sp.GetRequiredKeyedService<TImplementation>(k));
        }

        return services.AddHttpClient(httpClientName)
            .ConfigureHttpClient(static client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = PooledConnectionLifetime,
            });
    }

    private static HttpClient CreateHttpClient(IServiceProvider services, string name) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
}
