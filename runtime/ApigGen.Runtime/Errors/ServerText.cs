using System;
using System.Buffers;
using System.Globalization;
using System.Text;

namespace ApigGen;

/// <summary>
/// How text a server chose (an <c>error_msg</c>, an <c>error_code</c>, a request id, a map key in a JSON path, a
/// <c>Location</c>) is shown in exception messages, log lines and span tags: on one line, with control characters written
/// as escapes, and bounded, so that a hostile answer can neither forge lines in the caller's logs nor fill them. The
/// properties that carry such text (<see cref="ApigException.ErrorMessage"/>, …) keep it as it was.
/// </summary>
internal static class ServerText
{
    /// <summary>The most characters of a long text shown (an error message, a <c>Location</c>).</summary>
    public const int MaxLength = 1024;

    /// <summary>The most characters of a short text shown (an error code, a request id, a map key, a reason phrase).</summary>
    public const int MaxShortLength = 128;

    /// <summary>The control characters (<see cref="char.IsControl(char)"/>: U+0000 to U+001F, U+007F to U+009F) and the two Unicode line separators.</summary>
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(UnsafeCharacters());

    /// <summary>Whether <paramref name="c"/> may not appear as it is in a log line: a control character or a line separator.</summary>
    public static bool IsUnsafe(char c) => Unsafe.Contains(c);

    /// <summary>
    /// <paramref name="text"/> on one line (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\u0000</c>, …), at most about
    /// <paramref name="maxLength"/> characters of it as shown (an escape counts for what it writes), followed by how
    /// many characters more there were. The text itself when it needs neither, without a copy.
    /// </summary>
    public static string Shown(string text, int maxLength)
    {
        var clean = text.AsSpan(0, Math.Min(text.Length, maxLength)).IndexOfAny(Unsafe);
        if (clean < 0 && text.Length <= maxLength)
        {
            return text;
        }

        if (clean < 0)
        {
            clean = maxLength;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 32).Append(text, 0, clean);
        var next = clean;
        while (next < text.Length && builder.Length < maxLength)
        {
            if (char.IsHighSurrogate(text[next]) && builder.Length + 2 > maxLength)
            {
                break; // never half a character
            }

            Append(builder, text[next++]);
        }

        if (next < text.Length)
        {
            builder.Append("... (").Append((text.Length - next).ToString(CultureInfo.InvariantCulture)).Append(" more characters)");
        }

        return builder.ToString();
    }

    /// <summary>A short text (an error code, a request id, a map key, a reason phrase) as <see cref="Shown"/> shows it, within <see cref="MaxShortLength"/>; null stays null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? ShownShort(string? text) => text is null ? null : Shown(text, MaxShortLength);

    /// <summary>
    /// A cause to keep inside an ApigGen exception, whose message may quote the server (System.Text.Json quotes an
    /// invalid literal and what follows it, <c>HttpClient</c> a header line it refuses): loggers print it with the
    /// exception, so a cause whose message needs it is replaced by one of the same kind saying it as <see cref="Shown"/>
    /// does. Any other cause is kept as it is. Bounded at <see cref="MaxLength"/>, half the transport message's own bound,
    /// so that the message quoting the cause after its prefix is never cut a second time.
    /// </summary>
    public static Exception ShownCause(Exception cause)
    {
        var message = cause.Message;
        var shown = Shown(message, MaxLength);
        if (ReferenceEquals(shown, message))
        {
            return cause;
        }

        return cause switch
        {
            System.Text.Json.JsonException json => new System.Text.Json.JsonException(shown, json.Path, json.LineNumber, json.BytePositionInLine),
            System.Net.Http.HttpRequestException http => new System.Net.Http.HttpRequestException(http.HttpRequestError, shown, http.InnerException, http.StatusCode),
            _ => cause,
        };
    }

    private static void Append(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '\r': builder.Append("\\r"); break;
            case '\n': builder.Append("\\n"); break;
            case '\t': builder.Append("\\t"); break;
            default:
                if (Unsafe.Contains(c))
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }

                break;
        }
    }

    private static string UnsafeCharacters()
    {
        var characters = new StringBuilder(67);
        for (var c = '\u0000'; c <= '\u009F'; c++)
        {
            if (char.IsControl(c))
            {
                characters.Append(c);
            }
        }

        return characters.Append('\u2028').Append('\u2029').ToString();
    }
}
