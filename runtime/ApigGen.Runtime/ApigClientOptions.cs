using System;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ApigGen;

/// <summary>
/// Configuration of a generated <c>ApigClient</c>: where to send requests, which project and which credentials.
/// </summary>
/// <remarks>
/// Set either <see cref="Endpoint"/> or <see cref="Region"/>. The generated client validates the options
/// when it is constructed and throws <see cref="ArgumentException"/> naming the property to fix.
/// </remarks>
public sealed class ApigClientOptions
{
    /// <summary>The environment variable holding the access key (the one Huawei's official SDKs read).</summary>
    public const string AccessKeyVariable = "HUAWEICLOUD_SDK_AK";

    /// <summary>The environment variable holding the secret key.</summary>
    public const string SecretKeyVariable = "HUAWEICLOUD_SDK_SK";

    /// <summary>The environment variable holding the security token of temporary credentials.</summary>
    public const string SecurityTokenVariable = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

    /// <summary>The environment variable holding the project id.</summary>
    public const string ProjectIdVariable = "HUAWEICLOUD_SDK_PROJECT_ID";

    /// <summary>The default per-request timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    private static readonly Regex RegionPattern = new("^[a-z0-9-]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The base address of the APIG API, for example <c>https://apig.cn-north-4.myhuaweicloud.com</c>.
    /// Takes precedence over <see cref="Region"/> only when <see cref="Region"/> is not set; setting both is an error.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The region, for example <c>cn-north-4</c>; the endpoint becomes <c>https://apig.{region}.myhuaweicloud.com</c>
    /// (<c>eu-west-101</c> uses <c>https://apig.eu-west-101.myhuaweicloud.eu</c>).
    /// </summary>
    public string? Region { get; set; }

    /// <summary>The project id that fills <c>{project_id}</c> in every path.</summary>
    public string? ProjectId { get; set; }

    /// <summary>How requests authenticate: <see cref="ApigCredentials.Token(string)"/> or <see cref="ApigCredentials.AccessKey(string, string, string?)"/>.</summary>
    public ApigCredentials? Credentials { get; set; }

    /// <summary>
    /// The clock for signing dates, the waits between retries, the call's timeout and refreshing credentials. Defaults to
    /// <see cref="System.TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Appended to the <c>User-Agent</c> header after <c>ApigGen/&lt;version&gt;</c>, for example <c>my-app/1.2</c>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>
    /// The timeout of one request, headers and body included, on top of the <see cref="System.Net.Http.HttpClient"/>'s own.
    /// <see langword="null"/> (the default) leaves it to the <c>HttpClient</c>: the shared client's is <see cref="DefaultTimeout"/>,
    /// a client you pass keeps its <c>HttpClient.Timeout</c>. Either way a timeout becomes an <see cref="ApigTransportException"/>
    /// with <see cref="ApigTransportException.IsTimeout"/> set.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// How failed calls are repeated (see <see cref="ApigRetryOptions"/>): by default up to 3 retries of idempotent requests
    /// after 408, 429, 500, 502, 503, 504 or a connection failure. <c>MaxRetries = 0</c> turns retries off.
    /// </summary>
    public ApigRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Where the client logs: a line per call at <see cref="LogLevel.Information"/> (operation, status, duration, request id,
    /// attempts), each attempt and retry at <see cref="LogLevel.Debug"/>. Never a secret, a header value, a body or a query
    /// value. Null (the default) logs nothing.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The default of <see cref="MaxResponseBodySize"/>: 32 MiB.</summary>
    public const int DefaultMaxResponseBodySize = 32 * 1024 * 1024;

    /// <summary>
    /// The largest response body a call reads, in bytes (default <see cref="DefaultMaxResponseBodySize"/>). A larger body,
    /// announced or not, ends the call with an <see cref="ApigTransportException"/>. Memory is taken as the bytes arrive,
    /// never up front for what a <c>Content-Length</c> header announces.
    /// </summary>
    public int MaxResponseBodySize { get; set; } = DefaultMaxResponseBodySize;

    /// <summary>The default of <see cref="MaxRequestBodySize"/>: 32 MiB.</summary>
    public const int DefaultMaxRequestBodySize = 32 * 1024 * 1024;

    /// <summary>
    /// The largest <c>multipart/form-data</c> body (file uploads) a call builds, in bytes (default
    /// <see cref="DefaultMaxRequestBodySize"/>). Such a body is held in memory whole, so that it is signed over exactly the
    /// bytes sent and a retry sends them again; a larger one fails with an <see cref="InvalidOperationException"/> before
    /// anything is sent. JSON bodies are not limited by it.
    /// </summary>
    public int MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>
    /// Creates options from the environment variables of Huawei's official SDKs:
    /// <c>HUAWEICLOUD_SDK_AK</c>, <c>HUAWEICLOUD_SDK_SK</c>, <c>HUAWEICLOUD_SDK_SECURITY_TOKEN</c> and <c>HUAWEICLOUD_SDK_PROJECT_ID</c>.
    /// Properties set afterwards win over what was read.
    /// </summary>
    /// <exception cref="ArgumentException">Only one of the access key and the secret key is set.</exception>
    public static ApigClientOptions FromEnvironment()
    {
        var options = new ApigClientOptions { ProjectId = Read(ProjectIdVariable) };
        var accessKey = Read(AccessKeyVariable);
        var secretKey = Read(SecretKeyVariable);
        if (accessKey is not null && secretKey is not null)
        {
            options.Credentials = ApigCredentials.AccessKey(accessKey, secretKey, Read(SecurityTokenVariable));
        }
        else if (accessKey is not null || secretKey is not null)
        {
            throw new ArgumentException(
                $"Only one of {AccessKeyVariable} and {SecretKeyVariable} is set: set both, or neither and assign Credentials yourself.");
        }

        return options;

        static string? Read(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
    }

    /// <summary>Checks the options and resolves them into what a client needs; throws <see cref="ArgumentException"/> naming the property and the fix.</summary>
    internal ResolvedOptions Resolve()
    {
        Uri endpoint;
        if (Endpoint is not null && Region is not null)
        {
            throw new ArgumentException($"Set either {nameof(Endpoint)} or {nameof(Region)} of {nameof(ApigClientOptions)}, not both.", nameof(Endpoint));
        }

        if (Endpoint is not null)
        {
            if (EndpointRule.Problem(Endpoint, $"{nameof(ApigClientOptions)}.{nameof(Endpoint)}", "https://apig.cn-north-4.myhuaweicloud.com") is { } problem)
            {
                throw new ArgumentException(problem, nameof(Endpoint));
            }

            endpoint = Endpoint;
        }
        else if (Region is not null)
        {
            if (!RegionPattern.IsMatch(Region))
            {
                throw new ArgumentException($"{nameof(ApigClientOptions)}.{nameof(Region)} must match ^[a-z0-9-]+$, such as cn-north-4.", nameof(Region));
            }

            endpoint = new Uri(Region == "eu-west-101"
                ? "https://apig.eu-west-101.myhuaweicloud.eu"
                : "https://apig." + Region + ".myhuaweicloud.com");
        }
        else
        {
            throw new ArgumentException($"Set {nameof(ApigClientOptions)}.{nameof(Region)} (such as cn-north-4) or {nameof(ApigClientOptions)}.{nameof(Endpoint)}.", nameof(Endpoint));
        }

        if (string.IsNullOrWhiteSpace(ProjectId))
        {
            throw new ArgumentException($"Set {nameof(ApigClientOptions)}.{nameof(ProjectId)}: it fills {{project_id}} in every APIG path (environment variable {ProjectIdVariable}).", nameof(ProjectId));
        }

        if (HeaderValues.HasLineBreak(ProjectId))
        {
            throw new ArgumentException($"{nameof(ApigClientOptions)}.{nameof(ProjectId)} must not contain line breaks.", nameof(ProjectId));
        }

        if (HeaderValues.FindInvalidHeaderChar(ProjectId!, allowNonAscii: false) is var invalid and >= 0)
        {
            throw new ArgumentException(
                $"{nameof(ApigClientOptions)}.{nameof(ProjectId)} must be printable ASCII (a control or non-ASCII character is at position {invalid}): it is sent as header X-Project-Id.",
                nameof(ProjectId));
        }

        if (Credentials is null)
        {
            throw new ArgumentException($"Set {nameof(ApigClientOptions)}.{nameof(Credentials)} to ApigCredentials.Token(...) or ApigCredentials.AccessKey(...).", nameof(Credentials));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException($"{nameof(ApigClientOptions)}.{nameof(TimeProvider)} must not be null.", nameof(TimeProvider));
        }

        if (UserAgent is not null && (HeaderValues.HasLineBreak(UserAgent) || UserAgent.Trim().Length == 0))
        {
            throw new ArgumentException($"{nameof(ApigClientOptions)}.{nameof(UserAgent)} must be a non-blank value without line breaks.", nameof(UserAgent));
        }

        var timeout = Timeout;
        if (timeout is { } t && t <= TimeSpan.Zero && t != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{nameof(ApigClientOptions)}.{nameof(Timeout)} must be positive or Timeout.InfiniteTimeSpan.", nameof(Timeout));
        }

        if (MaxResponseBodySize <= 0)
        {
            throw new ArgumentException($"{nameof(ApigClientOptions)}.{nameof(MaxResponseBodySize)} must be positive.", nameof(MaxResponseBodySize));
        }

        if (MaxRequestBodySize <= 0)
        {
            throw new ArgumentException($"{nameof(ApigClientOptions)}.{nameof(MaxRequestBodySize)} must be positive.", nameof(MaxRequestBodySize));
        }

        if (Retry is null)
        {
            throw new ArgumentException($"{nameof(ApigClientOptions)}.{nameof(Retry)} must not be null (set {nameof(Retry)}.{nameof(ApigRetryOptions.MaxRetries)} = 0 to turn retries off).", nameof(Retry));
        }

        var retry = Retry.Resolve();
        var baseAddress = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var userAgent = UserAgent is null ? HeaderValues.DefaultUserAgent : HeaderValues.DefaultUserAgent + " " + UserAgent.Trim();
        return new ResolvedOptions(baseAddress, ProjectId!, Credentials, TimeProvider, userAgent, timeout, MaxResponseBodySize, retry, LoggerFactory, MaxRequestBodySize);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ApigClientOptions {{ Endpoint = {Endpoint}, Region = {Region}, ProjectId = {ProjectId}, Credentials = {Credentials}, Retry = {Retry} }}";
}

/// <summary>Validated, immutable options.</summary>
internal sealed record ResolvedOptions(
    string BaseAddress,
    string ProjectId,
    ApigCredentials Credentials,
    TimeProvider TimeProvider,
    string UserAgent,
    TimeSpan? Timeout,
    int MaxResponseBodySize,
    RetryPolicy Retry,
    ILoggerFactory? LoggerFactory,
    int MaxRequestBodySize = ApigClientOptions.DefaultMaxRequestBodySize)
{
    /// <summary>The endpoint's scheme, host and port (<c>https://host:port</c>): the only origin a response may come from.</summary>
    public Uri Origin { get; } = new Uri(new Uri(BaseAddress).GetLeftPart(UriPartial.Authority));

    /// <summary>The <c>Host</c> header every request of the client signs and sends (every request URL starts with <see cref="BaseAddress"/>).</summary>
    public string HostHeader { get; } = ApigAuthentication.HostHeader(new Uri(BaseAddress));

    /// <summary>Where a request URL's path starts: after the base address's authority, so an endpoint such as <c>http://host/prefix</c> keeps its prefix in the signed path.</summary>
    public int PathStart { get; } = PathStartOf(BaseAddress);

    /// <summary>The project id as one percent-encoded path segment, encoded once for every request's <c>{project_id}</c>.</summary>
    public string EncodedProjectId { get; } = PercentEncoding.Encode(ProjectId);

    private static int PathStartOf(string baseAddress)
    {
        var authority = baseAddress.IndexOf("//", StringComparison.Ordinal) + 2;
        var slash = baseAddress.IndexOf('/', authority);
        return slash < 0 ? baseAddress.Length : slash;
    }
}
