using System;
using System.Globalization;
using System.Text;

namespace ApigGen.Generator.Emit;

/// <summary>Escaping of spec text into C# literals and XML doc comments: spec content can never inject code.</summary>
internal static class CSharp
{
    /// <summary>A C# string literal; every character outside printable ASCII becomes a <c>\uXXXX</c> escape.</summary>
    public static string Literal(string value)
    {
        if (IsPlainAscii(value))
        {
            return "\"" + value + "\"";
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A UTF-8 literal (<c>"..."u8</c>).</summary>
    public static string Utf8Literal(string value) => Literal(value) + "u8";

    /// <summary>Text for an XML doc comment: XML-escaped, control characters dropped, lines kept.</summary>
    public static string Xml(string text)
    {
        if (IsPlainXml(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var normalized = text.Replace("\r\n", "\n").Replace('\r', '\n');
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsSurrogate(c))
            {
                // XML allows a surrogate only as half of a valid pair; a lone half is dropped.
                if (char.IsHighSurrogate(c) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1]))
                {
                    builder.Append(c).Append(normalized[++i]);
                }

                continue;
            }

            if (c is '\uFFFE' or '\uFFFF')
            {
                continue;
            }

            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\n': builder.Append('\n'); break;
                default:
                    if (!char.IsControl(c) && c != '\u2028' && c != '\u2029' && c != '\u0085')
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Printable ASCII without quote or backslash: the literal is the text in quotes.</summary>
    public static bool IsPlainAscii(string value)
    {
        foreach (var c in value)
        {
            // Printable ASCII is 0x20 to 0x7E: one unsigned comparison.
            if ((uint)(c - 0x20) > 0x7E - 0x20 || c is '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Printable ASCII with nothing to escape, drop or trim: the XML text is the text itself.</summary>
    private static bool IsPlainXml(string text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[text.Length - 1] == ' ')
        {
            return text.Length == 0;
        }

        foreach (var c in text)
        {
            if ((uint)(c - 0x20) > 0x7E - 0x20 || c is '&' or '<' or '>' or '"')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A <c>&lt;c&gt;</c> element.</summary>
    public static string Code(string text) => "<c>" + Xml(text) + "</c>";

    /// <summary>camelCase of a PascalCase name, for locals; keeps it clear of C# keywords with a suffix.</summary>
    public static string Local(string name) => Local(name, string.Empty);

    /// <summary>
    /// <see cref="Local(string)"/> followed by <paramref name="suffix"/> (<c>domainsValue</c>, <c>limitParameter</c>),
    /// built as one string: emission asks for locals of every member several times.
    /// </summary>
    public static string Local(string name, string suffix)
    {
        var length = name.Length + ValueSuffix.Length + suffix.Length;
        // Kept per thread unless a name is unusually long (it would stay in memory as long as the thread).
        var chars = t_localChars is { } kept && kept.Length >= length ? kept : new char[Math.Max(length, 64)];
        if (chars.Length <= MaxKeptLocalChars)
        {
            t_localChars = chars;
        }

        var first = char.ToLowerInvariant(name[0]);
        chars[0] = first;
        name.CopyTo(1, chars, 1, name.Length - 1);
        var end = name.Length;
        if (first == name[0] || IsKeywordOrReserved(chars, end))
        {
            // A name that lowercasing does not change (it would be the member itself), a keyword, or a name the generated code uses.
            ValueSuffix.CopyTo(0, chars, end, ValueSuffix.Length);
            end += ValueSuffix.Length;
        }

        suffix.CopyTo(0, chars, end, suffix.Length);
        return new string(chars, 0, end + suffix.Length);
    }

    private const string ValueSuffix = "Value";

    private const int MaxKeptLocalChars = 1024;

    [System.ThreadStatic]
    private static char[]? t_localChars;

    /// <summary>Whether the camelCase name is a C# keyword or a local the generated code declares itself. Both are lowercase letters only (or <c>__arglist</c> and its kin), so most names are ruled out without building a string.</summary>
    private static bool IsKeywordOrReserved(char[] chars, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (chars[i] is not ((>= 'a' and <= 'z') or '_'))
            {
                return false;
            }
        }

        var local = new string(chars, 0, length);
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(local) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
            || local is "reader" or "writer" or "validator" or "path" or "value" or "item" or "response" or "request" or "message" or "body" or "list";
    }
}
