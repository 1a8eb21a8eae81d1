using System;
using System.Collections.Generic;
using System.Net.Http;
using ApigGen;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ApigGen.Extensions.DependencyInjection;

/// <summary>
/// Checks one registration's <see cref="ApigClientOptions"/> when the host starts: first what only the configuration
/// can get wrong (an endpoint that is not a URI, half a key pair), then everything the client itself checks, by
/// constructing one exactly as the registration will. Each failure names the configuration key (or, for options set by
/// code, the property) and never a value.
/// </summary>
internal sealed class ApigClientOptionsValidator : IValidateOptions<ApigClientOptions>
{
    private readonly string _name;
    private readonly IConfiguration? _configuration;
    private readonly Func<ApigClientOptions, HttpClient, object> _factory;

    public ApigClientOptionsValidator(string name, IConfiguration? configuration, Func<ApigClientOptions, HttpClient, object> factory)
    {
        _name = name;
        _configuration = configuration;
        _factory = factory;
    }

    /// <summary>The path that prefixes the keys in messages: the section's path, or nothing for a root configuration.</summary>
    private string Path => (_configuration as IConfigurationSection)?.Path ?? string.Empty;

    public ValidateOptionsResult Validate(string? name, ApigClientOptions options)
    {
        if (!string.Equals(name ?? Options.DefaultName, _name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        ArgumentNullException.ThrowIfNull(options);
        var settings = ApigClientSettings.Read(_configuration);
        var problems = settings.Problems(Path, options.Credentials is not null, _configuration is not null);
        if (problems.Count == 0)
        {
            // Constructing the client runs every check it makes; a probe HttpClient keeps the shared one from being created.
            using var probe = new HttpClient();
            try
            {
                _factory(options, probe);
            }
            catch (ArgumentException e)
            {
                problems.Add(Describe(e, settings));
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Prefix(problems));
    }

    private IEnumerable<string> Prefix(List<string> problems)
    {
        var what = _name.Length == 0 ? "ApigClientOptions" : $"ApigClientOptions '{_name}'";
        foreach (var problem in problems)
        {
            yield return what + ": " + problem;
        }
    }

    /// <summary>Names the configuration key (or environment variable) behind the option the client refused.</summary>
    private string Describe(ArgumentException e, ApigClientSettings settings)
    {
        var reason = ApigClientSettings.WithoutParameter(e);
        if (_configuration is null)
        {
            return reason;
        }

        var key = e.ParamName switch
        {
            nameof(ApigClientOptions.ProjectId) when !settings.ProjectIdFromConfiguration && settings.ProjectId is not null => ApigClientOptions.ProjectIdVariable,
            nameof(ApigClientOptions.ProjectId) => ApigClientSettings.Key(Path, ApigClientSettings.Keys.ProjectId),
            nameof(ApigClientOptions.Region) => ApigClientSettings.Key(Path, ApigClientSettings.Keys.Region),
            nameof(ApigClientOptions.Endpoint) when settings.Endpoint is null && settings.Region is null =>
                ApigClientSettings.Key(Path, ApigClientSettings.Keys.Region) + " or " + ApigClientSettings.Key(Path, ApigClientSettings.Keys.Endpoint),
            nameof(ApigClientOptions.Endpoint) => ApigClientSettings.Key(Path, ApigClientSettings.Keys.Endpoint),
            nameof(ApigClientOptions.Timeout) => ApigClientSettings.Key(Path, ApigClientSettings.Keys.Timeout),
            nameof(ApigClientOptions.UserAgent) => ApigClientSettings.Key(Path, ApigClientSettings.Keys.UserAgent),
            nameof(ApigClientOptions.MaxResponseBodySize) => ApigClientSettings.Key(Path, ApigClientSettings.Keys.MaxResponseBodySize),
            nameof(ApigClientOptions.MaxRequestBodySize) => ApigClientSettings.Key(Path, ApigClientSettings.Keys.MaxRequestBodySize),
            nameof(ApigClientOptions.Retry) => ApigClientSettings.Key(Path, ApigClientSettings.Keys.Retry),
            nameof(ApigClientOptions.Credentials) =>
                ApigClientSettings.Key(Path, ApigClientSettings.Keys.AccessKey) + "/" + ApigClientSettings.Key(Path, ApigClientSettings.Keys.SecretKey) + " or " + ApigClientSettings.Key(Path, ApigClientSettings.Keys.Token),
            _ => null,
        };
        return key is null ? reason : $"configuration key {key}: {reason}";
    }
}
