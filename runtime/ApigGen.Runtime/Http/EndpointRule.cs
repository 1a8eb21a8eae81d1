using System;

namespace ApigGen;

/// <summary>
/// The one rule for an endpoint the runtime sends to, for the client's options and the ECS metadata credentials alike:
/// an absolute http or https URI with no query, no fragment and no user information.
/// </summary>
internal static class EndpointRule
{
    /// <summary>What is wrong with <paramref name="endpoint"/>, as a message naming <paramref name="name"/>, or null when nothing is.</summary>
    /// <param name="endpoint">The endpoint to check; null is wrong.</param>
    /// <param name="name">The property as the user sets it, such as <c>ApigClientOptions.Endpoint</c>.</param>
    /// <param name="example">A valid endpoint of that property, shown in the message.</param>
    /// <remarks>
    /// The endpoint appears in exception messages, log lines, traces and the ECS credentials' <c>ToString()</c>, so user
    /// information (<c>user:password@</c>, likely a password) is refused and never echoed; nor is the rest of the URI.
    /// </remarks>
    public static string? Problem(Uri? endpoint, string name, string example)
    {
        if (endpoint is null || !endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            return $"{name} must be an absolute http or https URI, such as {example}.";
        }

        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            return $"{name} must not carry user information (user:password@): it would appear in messages, logs and traces.";
        }

        if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            return $"{name} must not have a query or a fragment, such as {example}.";
        }

        return null;
    }
}
