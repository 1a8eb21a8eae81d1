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

    /// <summary>
    /// The index of the first character that cannot stand in a header value as sent: a control character (NUL, TAB
    /// aside, DEL) or, unless <paramref name="allowNonAscii"/>, anything outside ASCII; -1 when there is none.
    /// </summary>
    public static int FindInvalidHeaderChar(string value, bool allowNonAscii)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((c < 0x20 && c != '\t') || c == 0x7F || (c > 0x7F && (!allowNonAscii || char.IsControl(c))))
            {
                return i;
            }
        }

        return -1;
    }
}
