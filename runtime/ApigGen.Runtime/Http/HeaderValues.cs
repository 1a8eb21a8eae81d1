using System;
using System.Reflection;

namespace ApigGen;

internal static class HeaderValues
{
    public const string JsonContentType = "application/json;charset=UTF-8";
    public const string RequestIdHeader = "X-Request-Id";

    public static readonly string Version = typeof(HeaderValues).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static readonly string DefaultUserAgent = "ApigGen/" + Version;

    public static bool HasLineBreak(string value) => value.AsSpan().IndexOfAny('\r', '\n') >= 0;
}
