using System;
using System.Collections.Generic;
using System.Linq;

namespace ApigGen.Fuzz.Specs;

/// <summary>Scalars that break naive code: numbers out of range, keywords, unicode, injection text, odd YAML.</summary>
internal static class HostileValues
{
    public static readonly IReadOnlyList<string> Scalars = new[]
    {
        // Empty and YAML-special.
        "", " ", "~", "null", "Null", "NULL", "true", "false", "yes", "no", "on", "off", "y", "n", "-", "?", ":", "'", "\"",
        // Numbers and number-like text.
        "0", "-0", "-1", "1", "00", "007", "0x1F", "0o17", "0b101", "1_000", "1e3", "1e309", "-1e309", "1.5", ".5", "5.",
        "NaN", ".nan", ".inf", "-.inf", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "18446744073709551616", "99999999999999999999999999999999999999",
        "1e-400", "0.1e1", "+1", "1,000", "١٢٣", "Ⅻ",
        // HTTP and spec words in the wrong place.
        "GET", "get", "POST", "TRACE", "CONNECT", "HEAD", "PATCH", "OPTIONS", "string", "integer", "number", "boolean", "array", "object", "any", "additionalProperties",
        "int32", "int64", "float", "double", "date-time", "date", "byte", "binary", "path", "query", "header", "body", "cookie", "formData",
        "token", "aksk", "none", "project_id", "{project_id}", "/v2/{project_id}", "/v2/{x}/{x}", "/v2/{}", "/v2/{a", "/v2/a}", "/v2/../x",
        "/v2/./x", "/v2//x", "/v2/x?y=1", "/v2/x#f", "/v2/%41", "/v2/ä", "//", "/", "APIG.0101", "200", "204", "299", "300", "999", "1000",
        // C# keywords, contextual keywords and names the generated code uses.
        "class", "namespace", "int", "string", "object", "var", "record", "async", "await", "value", "global", "operator", "this", "base",
        "event", "params", "default", "new", "void", "null", "true", "checked", "fixed", "unsafe", "__arglist", "nameof", "field", "when",
        "@class", "@", "_", "__", "___", "System", "Task", "Apig", "ApigGen", "ApigClient", "IApigClient", "Request", "Response", "Body",
        "StatusCode", "RequestId", "Value", "Validate", "ToString", "Equals", "GetHashCode", "EqualityContract", "Clone", "Deconstruct",
        "<Clone>$", "Item", "Length", "Count", "Microsoft", "ApigGen.Clients", "A.B.C", "a..b", ".a", "a.", "1a", "a-b", "a b", "a/b",
        "a.b", "A_", "_1", "ЖЖЖ", "ǅ", "İ", "ı", "ß", "ﬀ", "a\u0301", "\u0661\u0662", "x\u200By", "e\u0300\u0301\u0302",
        // Unicode that bites.
        "日本語", "中文名称", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "😀", "\U0001F600\U0001F600", "\u202Eevil\u202C", "\u200B", "\u200D", "\uFEFF", "\u00A0",
        "\u0085", "\u2028", "\u2029", "\0", "\u0001", "\u007F", "\uFFFD", "\uFFFF", "\uD800", "\uDC00", "a\uD83Db", "\r", "\r\n", "\t",
        "line1\nline2", "\\", "\\\\", "\\u0000", "\\n",
        // Injection into C#, XML docs, regexes and format strings.
        "*/", "/*", "//", "/// <summary>", "</summary>", "<para>", "<see cref=\"X\"/>", "&amp;", "&", "<", ">", "]]>", "<!--",
        "\"; System.Environment.Exit(1); //", "}} class Evil {{", "#region", "#error x", "#pragma warning disable", "{0}", "{", "}",
        "$\"{x}\"", "\"\"\"", "@\"", "'\\''", "(", ")", "[", "]", "(a+)+$", "^(a|a)*$", "\\", "[z-a]", "(?<", "\\p{Xx}", "a{99999999999}",
        "%s%n%x", "${jndi:x}", "../../etc/passwd", "C:\\con\\aux", "\u0000\u0000",
    };

    private static readonly string[] LongParts = { "A", "a_", "Name", "é", "日", "\U0001F600" };

    public static string Pick(Prng random)
    {
        switch (random.Next(12))
        {
            case 0:
                // Very long names and texts.
                var part = random.Pick(LongParts);
                return string.Concat(Enumerable.Repeat(part, random.Pick(new[] { 256, 1024, 5000, 70000 })));
            case 1:
                // A random digit string, sometimes very long.
                var digits = new char[random.Next(1, random.OneIn(4) ? 400 : 25)];
                for (var i = 0; i < digits.Length; i++)
                {
                    digits[i] = (char)('0' + random.Next(10));
                }

                return (random.OneIn(3) ? "-" : string.Empty) + new string(digits);
            case 2:
                // Random characters from the whole BMP and beyond.
                var chars = new System.Text.StringBuilder();
                for (var i = random.Next(1, 20); i > 0; i--)
                {
                    chars.Append(char.ConvertFromUtf32(random.OneIn(5) ? random.Next(0x10000, 0x10FFFF) : Bmp(random)));
                }

                return chars.ToString();
            default:
                return random.Pick(Scalars);
        }
    }

    private static int Bmp(Prng random)
    {
        while (true)
        {
            var c = random.Next(0, 0x10000);
            if (c is < 0xD800 or > 0xDFFF)
            {
                return c;
            }
        }
    }
}
