using System;

namespace ApigGen;

/// <summary>
/// The origin of a URI (scheme, host and port), the one rule by which the client and <see cref="ApigSigningHandler"/>
/// tell that an answer came from another server than the one asked, and the one way they show it in a message.
/// </summary>
internal static class UriOrigin
{
    /// <summary>True when both URIs have the same scheme, host (in its ASCII form) and port, ignoring case.</summary>
    public static bool Same(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>
    /// <c>scheme://host[:port]</c>, for messages: never the user information (<c>user:password@</c>) a URI may carry,
    /// nor its path or query.
    /// </summary>
    public static string Show(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
}
