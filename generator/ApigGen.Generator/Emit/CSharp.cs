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
            if (c >= 128 || !PlainInLiteral[c])
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
            if (c >= 128 || !PlainInXml[c])
            {
                return false;
            }
        }

        return true;
    }

    // Which ASCII characters need no escaping: looked up per character, as descriptions are most of what is scanned.
    private static readonly bool[] PlainInLiteral = AsciiTable(c => c >= 0x20 && c <= 0x7E && c != '"' && c != '\\');
    private static readonly bool[] PlainInXml = AsciiTable(c => c >= 0x20 && c <= 0x7E && c is not ('&' or '<' or '>' or '"'));

    private static bool[] AsciiTable(System.Func<char, bool> plain)
    {
        var table = new bool[128];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = plain((char)c);
        }

        return table;
    }

    /// <summary>A <c>&lt;c&gt;</c> element.</summary>
    public static string Code(string text) => "<c>" + Xml(text) + "</c>";

    /// <summary>camelCase of a PascalCase name, for locals; keeps it clear of C# keywords with a suffix.</summary>
    public static string Local(string name)
    {
        var local = char.ToLowerInvariant(name[0]) + name.Substring(1);
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(local) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
            || local is "reader" or "writer" or "validator" or "path" or "value" or "item" or "response" or "request" or "message" or "body" or "list"
            || local == name
            ? local + "Value"
            : local;
    }
}
