using System;
using System.Collections.Generic;
using ApigGen;
using Microsoft.Extensions.Configuration;

namespace ApigGen.Extensions.DependencyInjection;

/// <summary>
/// What a configuration section may hold, bound by the configuration binder's source generator (no reflection), plus
/// the <c>HUAWEICLOUD_SDK_*</c> environment variables for what the section leaves out. Values are never echoed.
/// </summary>
internal sealed class ApigClientSettings
{
    /// <summary>The configuration keys, as a user writes them in appsettings.json.</summary>
    internal static class Keys
    {
        public const string Region = nameof(ApigClientSettings.Region);
        public const string Endpoint = nameof(ApigClientSettings.Endpoint);
        public const string ProjectId = nameof(ApigClientSettings.ProjectId);
        public const string Timeout = nameof(ApigClientSettings.Timeout);
        public const string UserAgent = nameof(ApigClientSettings.UserAgent);
        public const string MaxResponseBodySize = nameof(ApigClientSettings.MaxResponseBodySize);
        public const string MaxRequestBodySize = nameof(ApigClientSettings.MaxRequestBodySize);
        public const string Retry = nameof(ApigClientSettings.Retry);
        public const string AccessKey = nameof(ApigClientSettings.AccessKey);
        public const string SecretKey = nameof(ApigClientSettings.SecretKey);
        public const string SecurityToken = nameof(ApigClientSettings.SecurityToken);
        public const string Token = nameof(ApigClientSettings.Token);
    }

    public string? Region { get; set; }

    public string? Endpoint { get; set; }

    public string? ProjectId { get; set; }

    public TimeSpan? Timeout { get; set; }

    public string? UserAgent { get; set; }

    public int? MaxResponseBodySize { get; set; }

    public int? MaxRequestBodySize { get; set; }

    /// <summary>The <c>Retry</c> subsection: <c>MaxRetries</c>, <c>Delay</c>, <c>MaxDelay</c> (each optional).</summary>
    public RetrySettings? Retry { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public string? SecurityToken { get; set; }

    public string? Token { get; set; }

    /// <summary>Whether the credentials come from the section (else from the environment variables).</summary>
    public bool CredentialsFromConfiguration { get; private set; }

    /// <summary>Whether the project id comes from the section (else from <c>HUAWEICLOUD_SDK_PROJECT_ID</c>).</summary>
    public bool ProjectIdFromConfiguration { get; private set; }

    /// <summary>Reads a section (or nothing) and fills what it leaves out from the environment variables of Huawei's SDKs.</summary>
    public static ApigClientSettings Read(IConfiguration? configuration)
    {
        var settings = new ApigClientSettings();
        if (configuration is not null)
        {
            configuration.Bind(settings);
        }
        settings.Region = Trimmed(settings.Region);
        settings.Endpoint = Trimmed(settings.Endpoint);
        settings.ProjectId = Trimmed(settings.ProjectId);
        settings.AccessKey = Trimmed(settings.AccessKey);
        settings.SecretKey = Trimmed(settings.SecretKey);
        settings.SecurityToken = Trimmed(settings.SecurityToken);
        settings.Token = Trimmed(settings.Token);

        settings.ProjectIdFromConfiguration = settings.ProjectId is not null;
        settings.ProjectId ??= Variable(ApigClientOptions.ProjectIdVariable);
        settings.CredentialsFromConfiguration = settings.AccessKey is not null || settings.SecretKey is not null
            || settings.SecurityToken is not null || settings.Token is not null;
        if (!settings.CredentialsFromConfiguration)
        {
            settings.AccessKey = Variable(ApigClientOptions.AccessKeyVariable);
            settings.SecretKey = Variable(ApigClientOptions.SecretKeyVariable);
            settings.SecurityToken = Variable(ApigClientOptions.SecurityTokenVariable);
        }

        return settings;
    }

    /// <summary>Sets what is set here on <paramref name="options"/>; a value that is not usable is left out and reported by <see cref="Problems"/>.</summary>
    public void ApplyTo(ApigClientOptions options)
    {
        if (Region is not null)
        {
            options.Region = Region;
        }

        if (Endpoint is not null && Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint))
        {
            options.Endpoint = endpoint;
        }

        if (ProjectId is not null)
        {
            options.ProjectId = ProjectId;
        }

        if (Timeout is { } timeout)
        {
            options.Timeout = timeout;
        }

        if (UserAgent is not null)
        {
            options.UserAgent = UserAgent;
        }

        if (MaxResponseBodySize is { } max)
        {
            options.MaxResponseBodySize = max;
        }

        if (MaxRequestBodySize is { } maxRequest)
        {
            options.MaxRequestBodySize = maxRequest;
        }

        if (Retry is { } retry)
        {
            // A fresh instance: the options of several named clients never share one retry policy object.
            options.Retry = new ApigRetryOptions
            {
                MaxRetries = retry.MaxRetries ?? options.Retry.MaxRetries,
                Delay = retry.Delay ?? options.Retry.Delay,
                MaxDelay = retry.MaxDelay ?? options.Retry.MaxDelay,
            };
        }

        if (CreateCredentials(out _) is { } credentials)
        {
            options.Credentials = credentials;
        }
    }

    /// <summary>What is wrong with the section or the environment variables, each naming the key or variable to fix.</summary>
    /// <param name="path">The section's path, such as <c>Apig</c>, to prefix the keys with.</param>
    /// <param name="credentialsSet">Whether the options already have credentials (set by code), which makes missing ones no problem.</param>
    /// <param name="hasConfiguration">Whether a section was given; without one, missing credentials are left to the client's own message.</param>
    public List<string> Problems(string path, bool credentialsSet, bool hasConfiguration)
    {
        var problems = new List<string>();
        if (Endpoint is not null && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            problems.Add($"{Key(path, Keys.Endpoint)} must be an absolute http or https URI, such as https://apig.cn-north-4.myhuaweicloud.com.");
        }

        CreateCredentials(out var credentialProblem);
        var missing = AccessKey is null && SecretKey is null && SecurityToken is null && Token is null;
        if (credentialProblem is not null && (CredentialsFromConfiguration || !credentialsSet) && (hasConfiguration || !missing))
        {
            problems.Add(credentialProblem(path));
        }

        return problems;
    }

    /// <summary>The key as it appears in configuration: <c>Apig:ProjectId</c>, or the bare key for a root section.</summary>
    public static string Key(string? path, string key) => string.IsNullOrEmpty(path) ? key : path + ":" + key;

    /// <summary>
    /// The credentials the settings describe, or null. A problem is returned as a function of the section path, so the
    /// message names configuration keys for values from configuration and variable names for values from the environment.
    /// </summary>
    private ApigCredentials? CreateCredentials(out Func<string?, string>? problem)
    {
        problem = null;
        var fromConfiguration = CredentialsFromConfiguration;
        string Name(string? path, string key, string variable) => fromConfiguration ? Key(path, key) : variable;

        if (Token is not null && (AccessKey is not null || SecretKey is not null || SecurityToken is not null))
        {
            problem = path => $"Set either {Key(path, Keys.Token)} or {Key(path, Keys.AccessKey)} and {Key(path, Keys.SecretKey)}, not both.";
            return null;
        }

        if (Token is not null)
        {
            return Create(() => ApigCredentials.Token(Token), path => Key(path, Keys.Token), ref problem);
        }

        if (AccessKey is null && SecretKey is null)
        {
            if (SecurityToken is not null)
            {
                problem = path => $"{Key(path, Keys.SecurityToken)} is set without {Key(path, Keys.AccessKey)} and {Key(path, Keys.SecretKey)}: temporary credentials need all three.";
            }
            else
            {
                problem = Missing;
            }

            return null;
        }

        if (AccessKey is null || SecretKey is null)
        {
            problem = path => $"Only one of {Name(path, Keys.AccessKey, ApigClientOptions.AccessKeyVariable)} and {Name(path, Keys.SecretKey, ApigClientOptions.SecretKeyVariable)} is set: set both.";
            return null;
        }

        return Create(
            () => ApigCredentials.AccessKey(AccessKey, SecretKey, SecurityToken),
            path => Name(path, Keys.AccessKey, ApigClientOptions.AccessKeyVariable) + ", " + Name(path, Keys.SecretKey, ApigClientOptions.SecretKeyVariable)
                + (SecurityToken is null ? string.Empty : " or " + Name(path, Keys.SecurityToken, ApigClientOptions.SecurityTokenVariable)),
            ref problem);

        static string Missing(string? path) =>
            $"No credentials: set {Key(path, Keys.AccessKey)} and {Key(path, Keys.SecretKey)} (and {Key(path, Keys.SecurityToken)} for temporary credentials), or {Key(path, Keys.Token)}, "
            + $"or the environment variables {ApigClientOptions.AccessKeyVariable} and {ApigClientOptions.SecretKeyVariable}.";
    }

    private static ApigCredentials? Create(Func<ApigCredentials> create, Func<string?, string> names, ref Func<string?, string>? problem)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            // ApigCredentials' messages never echo the value; they name the parameter, which is mapped to the key here.
            var reason = WithoutParameter(e);
            problem = path => $"{names(path)}: {reason}";
            return null;
        }
    }

    /// <summary>An <see cref="ArgumentException"/>'s message without the " (Parameter 'x')" that the runtime appends.</summary>
    public static string WithoutParameter(ArgumentException e)
    {
        var message = e.Message;
        var suffix = $" (Parameter '{e.ParamName}')";
        return e.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Variable(string name) => Trimmed(Environment.GetEnvironmentVariable(name));

    /// <summary>The <c>Retry</c> subsection, bound as it is written; what it leaves out keeps the runtime's defaults.</summary>
    internal sealed class RetrySettings
    {
        public int? MaxRetries { get; set; }

        public TimeSpan? Delay { get; set; }

        public TimeSpan? MaxDelay { get; set; }
    }
}
