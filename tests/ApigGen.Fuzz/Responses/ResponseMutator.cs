using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ApigGen.Fuzz.Responses;

/// <summary>One HTTP response to serve: status line, headers, body bytes, and how the body stream behaves.</summary>
internal sealed class ResponsePlan
{
    public int Status { get; set; }

    public string? Reason { get; set; }

    public List<string> RequestIds { get; } = new();

    public List<string> RetryAfter { get; } = new();

    public string? ContentType { get; set; } = "application/json";

    /// <summary>A Content-Length that differs from the body's length (null: the true length).</summary>
    public long? ContentLength { get; set; }

    /// <summary>The body stream fails with an IOException after this many bytes (null: it does not).</summary>
    public int? BreakAfter { get; set; }

    public byte[] Body { get; set; } = Array.Empty<byte>();

    public List<string> Recipe { get; } = new();

    /// <summary>The request id the client should report: the header's values as HttpClient joins them.</summary>
    public string? ExpectedRequestId => RequestIds.Count == 0 ? null : string.Join(", ", RequestIds);

    public string Describe() =>
        $"status {Status} reason {(Reason is null ? "(none)" : "'" + Reason + "'")}; X-Request-Id [{string.Join(" | ", RequestIds.Select(Cut))}]; Retry-After [{string.Join(" | ", RetryAfter)}]; "
        + $"Content-Type {ContentType ?? "(none)"}; Content-Length {(ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "true")}; "
        + $"stream breaks after {(BreakAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never")}; body {Body.Length} bytes: {Preview(Body)}\nrecipe: {string.Join("; ", Recipe)}";

    private static string Cut(string value) => value.Length > 60 ? value[..60] + "…(" + value.Length + " chars)" : value;

    private static string Preview(byte[] body)
    {
        var shown = body.AsSpan(0, Math.Min(body.Length, 300));
        var text = new StringBuilder();
        foreach (var b in shown)
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : "\\x" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text + (body.Length > shown.Length ? "…" : string.Empty);
    }
}

/// <summary>Makes responses for an operation: valid bodies from its spec, broken in many ways, with odd status lines and headers.</summary>
internal static class ResponseMutator
{
    private static readonly int[] OddStatuses = { 100, 101, 103, 199, 200, 201, 202, 203, 204, 206, 226, 299, 300, 301, 302, 304, 307, 399, 400, 401, 403, 404, 405, 409, 413, 418, 422, 429, 451, 499, 500, 501, 502, 503, 504, 599, 600, 999, 0, 1, 99 };

    private static readonly string[] RequestIdValues = { "req-1", "", " ", "0123456789abcdef0123456789abcdef", "ключ-запроса", "请求", "a,b", "\"quoted\"", "x\ty", "%00", "😀" };

    private static readonly string[] RetryAfterValues =
    {
        "0", "1", "120", "-1", "-120", "1.5", "abc", "", " ", "2147483647", "2147483648", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "Thu, 01 Jan 2037 00:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "2026-01-01T00:00:00Z", "120, 30",
    };

    private static readonly string?[] ContentTypes =
    {
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json;charset=\"latin1\"", "text/plain", "text/html; charset=iso-8859-1",
        "application/problem+json", "application/octet-stream", "application/x-www-form-urlencoded", "*/*", "json", "", "application/json; charset=", null,
    };

    private static readonly string[] Numbers =
    {
        "0", "-0", "1", "-1", "1.0", "1.5", "-1.5", "1e3", "1E+2", "1e-7", "1e308", "1e309", "-1e309", "1e400", "2147483647", "2147483648", "-2147483649", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890", "0.000000000000000000000000001",
        "123456789012345678901234567890.5", "00", "01", "+1", ".5", "5.", "NaN", "Infinity", "-Infinity", "0x10",
    };

    private static readonly byte[][] InvalidUtf8 =
    {
        new byte[] { 0xFF }, new byte[] { 0xFE }, new byte[] { 0xC3 }, new byte[] { 0x80 }, new byte[] { 0xBF }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xE0, 0x80, 0xAF },
        new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xED, 0xBF, 0xBF }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 },
        new byte[] { 0xF0, 0x9F, 0x98 },
    };

    private static readonly string[] StringEscapes =
    {
        "\\ud800", "\\udc00", "\\ud800\\ud800", "\\udc00\\ud800", "\\ud83d\\ude00", "\\u0000", "\\u00", "\\x41", "\\q", "\\", "\\/", "\\b\\f\\n\\r\\t", "\\uFFFF", "\\uFEFF",
    };

    private static readonly string[] Dates =
    {
        "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00Z",
        "10000-01-01T00:00:00Z", "2026-01-01T00:00:00+25:00", "2026-01-01T00:00:00.12345678901234567890Z", "2026-01-01T00:00:60Z", "2026-1-1", "", " ", "now", "2026-01-01T00:00:00z",
        "9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00Z", "-2026-01-01T00:00:00Z", "2026-01-01T00:00:00+14:00", "2026-01-01 00:00:00",
    };

    public static ResponsePlan Make(OperationShape shape, Prng random)
    {
        var plan = new ResponsePlan();
        var kind = random.Next(10);
        if (kind < 5)
        {
            plan.Status = shape.SuccessStatus;
            if (shape.HasBody)
            {
                var body = shape.ValidBody(random);
                plan.Body = kind == 0 ? JsonBytes.Write(body) : MutateJson(body, random, plan.Recipe);
            }
            else if (!random.OneIn(3))
            {
                plan.Body = random.OneIn(2) ? Array.Empty<byte>() : MutateJson(shape.ValidBody(random), random, plan.Recipe);
            }
        }
        else if (kind < 8)
        {
            var documented = shape.Errors.Count > 0 && !random.OneIn(4) ? random.Pick(shape.Errors) : (random.Pick(OddStatuses), "APIG.9999", "System error");
            plan.Status = documented.Item1;
            var error = new JObject();
            error.Members.Add(new("error_code", JRaw.String(documented.Item2)));
            error.Members.Add(new("error_msg", JRaw.String(documented.Item3)));
            plan.Body = kind == 5 ? JsonBytes.Write(error) : MutateJson(error, random, plan.Recipe);
        }
        else
        {
            plan.Status = random.Pick(OddStatuses);
            plan.Body = random.OneIn(2) ? JsonBytes.Write(shape.ValidBody(random)) : MutateJson(shape.ValidBody(random), random, plan.Recipe);
            plan.Recipe.Add("odd status " + plan.Status);
        }

        if (random.OneIn(4))
        {
            plan.Body = MutateBytes(plan.Body, random, plan.Recipe);
        }

        Headers(plan, random);
        return plan;
    }

    private static void Headers(ResponsePlan plan, Prng random)
    {
        var ids = random.Next(10) switch
        {
            0 => 0,
            1 => 2,
            _ => 1,
        };
        for (var i = 0; i < ids; i++)
        {
            plan.RequestIds.Add(random.OneIn(3) ? random.Pick(RequestIdValues) : random.OneIn(20) ? new string('r', 20000) : "req-" + random.Next(1_000_000));
        }

        if (random.OneIn(3))
        {
            plan.RetryAfter.Add(random.Pick(RetryAfterValues));
            if (random.OneIn(6))
            {
                plan.RetryAfter.Add(random.Pick(RetryAfterValues));
            }
        }

        if (random.OneIn(4))
        {
            plan.ContentType = random.Pick(ContentTypes);
        }

        if (random.OneIn(6))
        {
            plan.ContentLength = random.Next(6) switch
            {
                0 => 0,
                1 => Math.Max(0, plan.Body.Length - 1 - random.Next(10)),
                2 => plan.Body.Length + 1 + random.Next(100),
                3 => 32L * 1024 * 1024 + 1,
                4 => int.MaxValue,
                _ => long.MaxValue,
            };
            plan.Recipe.Add("Content-Length " + plan.ContentLength);
        }

        if (random.OneIn(20))
        {
            plan.BreakAfter = random.Next(plan.Body.Length + 1);
            plan.Recipe.Add("stream breaks after " + plan.BreakAfter);
        }

        plan.Reason = random.Next(8) switch
        {
            0 => string.Empty,
            1 => "Ünïcödé ✓",
            2 => new string('R', 5000),
            3 => " ",
            _ => null,
        };
    }

    /// <summary>1–4 structural mutations of a JSON value, written out, then maybe a whole-body change.</summary>
    private static byte[] MutateJson(JNode root, Prng random, List<string> recipe)
    {
        for (var n = 1 + random.Next(4); n > 0; n--)
        {
            root = MutateOnce(root, random, recipe);
        }

        var bytes = JsonBytes.Write(root);
        switch (random.Next(14))
        {
            case 0:
                recipe.Add("BOM");
                return Concat(new byte[] { 0xEF, 0xBB, 0xBF }, bytes);
            case 1:
                recipe.Add("two BOMs");
                return Concat(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF }, bytes);
            case 2:
                recipe.Add("UTF-16 with BOM");
                return Concat(new byte[] { 0xFF, 0xFE }, Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes)));
            case 3:
                var garbage = random.Pick(new[] { "x", "}", "{}", "[]", " null", "\u0000", "// c", "/* c */", "/*", "\n\n \t", ",", "\"", "\uFEFF" });
                recipe.Add("trailing " + garbage.Replace("\u0000", "\\0", StringComparison.Ordinal));
                return Concat(bytes, Encoding.UTF8.GetBytes(garbage));
            case 4:
                var at = random.Next(bytes.Length + 1);
                recipe.Add("truncate at " + at);
                return bytes.AsSpan(0, at).ToArray();
            case 5:
                var whole = random.Pick(new[] { "", " ", "null", "[]", "\"text\"", "0", "true", "{}", "<html><body>502 Bad Gateway</body></html>", "\uFEFF", "/* only a comment */", "[{}]", "{\"a\":" });
                recipe.Add("whole body '" + whole + "'");
                return Encoding.UTF8.GetBytes(whole);
            case 6:
                recipe.Add("comments and whitespace");
                return Concat(Encoding.UTF8.GetBytes("/* c */ \r\n\t"), bytes);
            default:
                return bytes;
        }
    }

    private static JNode MutateOnce(JNode root, Prng random, List<string> recipe)
    {
        var nodes = root.Walk().ToList();
        var objects = nodes.OfType<JObject>().ToList();
        var withMembers = objects.Where(o => o.Members.Count > 0).ToList();
        switch (random.Next(12))
        {
            case 0 when withMembers.Count > 0:
            {
                // A member's value of the wrong token type, a huge number, or a broken string.
                var obj = random.Pick(withMembers);
                var at = random.Next(obj.Members.Count);
                var value = Replacement(random, recipe);
                recipe.Add("member " + obj.Members[at].Key + " := " + Describe(value));
                obj.Members[at] = new(obj.Members[at].Key, value);
                return root;
            }

            case 1 when withMembers.Count > 0:
            {
                var obj = random.Pick(withMembers);
                var member = random.Pick(obj.Members);
                var duplicate = random.OneIn(2) ? member.Value.Clone() : Replacement(random, recipe);
                obj.Members.Insert(random.Next(obj.Members.Count + 1), new(member.Key, duplicate));
                recipe.Add("duplicate member " + member.Key);
                return root;
            }

            case 2 when withMembers.Count > 0:
            {
                var obj = random.Pick(withMembers);
                var at = random.Next(obj.Members.Count);
                recipe.Add("drop member " + obj.Members[at].Key);
                obj.Members.RemoveAt(at);
                return root;
            }

            case 3 when objects.Count > 0:
            {
                var obj = random.Pick(objects);
                var name = random.Pick(new[] { "unknown", "", "error_code", "size", "id", "\u0000", "名称", "$ref", "__proto__" });
                obj.Members.Insert(random.Next(obj.Members.Count + 1), new(name, Replacement(random, recipe)));
                recipe.Add("add member '" + name + "'");
                return root;
            }

            case 4:
            {
                // Deep nesting in a member (or as the body).
                var depth = random.Pick(new[] { 62, 63, 64, 65, 100, 1000, 100000 });
                var open = random.OneIn(2) ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                var nested = JRaw.Text(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
                recipe.Add("nest " + depth + " " + open);
                if (withMembers.Count > 0 && !random.OneIn(4))
                {
                    var obj = random.Pick(withMembers);
                    var at = random.Next(obj.Members.Count);
                    obj.Members[at] = new(obj.Members[at].Key, nested);
                    return root;
                }

                return nested;
            }

            case 5:
            {
                var arrays = nodes.OfType<JArray>().ToList();
                if (arrays.Count == 0)
                {
                    goto default;
                }

                var array = random.Pick(arrays);
                if (array.Items.Count > 0 && random.OneIn(2))
                {
                    var item = random.Pick(array.Items);

                    // Many items, but a body of at most about 4 MB: repeating a long string 20000 times would take the
                    // fuzzer's own memory, not test the reader.
                    var size = Math.Max(1, JsonBytes.Write(item).Length);
                    var times = Math.Min(random.Pick(new[] { 2, 100, 20000 }), Math.Max(1, (4 << 20) / size));
                    for (var i = 0; i < times; i++)
                    {
                        array.Items.Add(item.Clone());
                    }

                    recipe.Add("repeat an item " + times + "x");
                }
                else
                {
                    array.Items.Insert(random.Next(array.Items.Count + 1), Replacement(random, recipe));
                    recipe.Add("odd array item");
                }

                return root;
            }

            case 6:
                recipe.Add("body replaced by a value of another type");
                return Replacement(random, recipe);
            default:
            {
                // A string value broken inside: invalid UTF-8, a bad or lone-surrogate escape, a raw control character.
                var strings = withMembers.SelectMany(o => o.Members.Select((m, i) => (Obj: o, Index: i))).Where(p => p.Obj.Members[p.Index].Value is JRaw { Bytes: [(byte)'"', ..] }).ToList();
                if (strings.Count == 0)
                {
                    return root;
                }

                var (target, index) = random.Pick(strings);
                var bytes = ((JRaw)target.Members[index].Value).Bytes;
                target.Members[index] = new(target.Members[index].Key, new JRaw(BreakString(bytes, random, recipe)));
                recipe.Add("in member " + target.Members[index].Key);
                return root;
            }
        }
    }

    private static JNode Replacement(Prng random, List<string> recipe)
    {
        switch (random.Next(9))
        {
            case 0: return JRaw.Text(random.Pick(Numbers));
            case 1: return JRaw.Text(random.Pick(new[] { "null", "true", "false", "nul", "True", "tru" }));
            case 2: return new JObject();
            case 3: return new JArray();
            case 4: return JRaw.String(random.Pick(Dates));
            case 5: return JRaw.String(random.OneIn(10) ? new string('s', 1 << random.Next(10, 21)) : random.Pick(new[] { "", "x", "global", "instance", "RSA", "SM2", "中文", "\u0000", "😀" }));
            case 6: return new JRaw(BreakString(Encoding.UTF8.GetBytes("\"abc\""), random, recipe));
            case 7:
                var array = new JArray();
                array.Items.Add(JRaw.Text(random.Pick(Numbers)));
                array.Items.Add(JRaw.Text("null"));
                array.Items.Add(JRaw.String("x"));
                return array;
            default: return JRaw.Text(random.Pick(new[] { "[", "{", "\"", "]", "}", ",", ":", "\"a\":1", "'x'", "undefined" }));
        }
    }

    /// <summary>A quoted string with invalid UTF-8, a bad escape or a raw control character inside.</summary>
    private static byte[] BreakString(byte[] quoted, Prng random, List<string> recipe)
    {
        var at = quoted.Length < 2 ? 0 : random.Next(1, quoted.Length);
        byte[] inserted;
        switch (random.Next(3))
        {
            case 0:
                inserted = random.Pick(InvalidUtf8);
                recipe.Add("invalid UTF-8 " + Convert.ToHexString(inserted) + " in a string");
                break;
            case 1:
                var escape = random.Pick(StringEscapes);
                inserted = Encoding.ASCII.GetBytes(escape);
                recipe.Add("escape " + escape + " in a string");
                break;
            default:
                inserted = new[] { (byte)random.Pick(new[] { 0, 1, 9, 10, 13, 31, 127 }) };
                recipe.Add("raw control 0x" + inserted[0].ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " in a string");
                break;
        }

        return Concat(quoted.AsSpan(0, at).ToArray(), inserted, quoted.AsSpan(at).ToArray());
    }

    private static byte[] MutateBytes(byte[] body, Prng random, List<string> recipe)
    {
        var list = new List<byte>(body);
        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            var at = random.Next(list.Count + 1);
            switch (random.Next(4))
            {
                case 0 when list.Count > 0:
                    var flip = Math.Min(at, list.Count - 1);
                    list[flip] ^= (byte)(1 << random.Next(8));
                    recipe.Add("flip a bit at " + flip);
                    break;
                case 1:
                    var b = random.NextByte();
                    list.Insert(at, b);
                    recipe.Add("insert 0x" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " at " + at);
                    break;
                case 2 when list.Count > 0:
                    list.RemoveAt(Math.Min(at, list.Count - 1));
                    recipe.Add("delete a byte at " + at);
                    break;
                default:
                    var invalid = random.Pick(InvalidUtf8);
                    list.InsertRange(at, invalid);
                    recipe.Add("invalid UTF-8 " + Convert.ToHexString(invalid) + " at " + at);
                    break;
            }
        }

        return list.ToArray();
    }

    private static string Describe(JNode node) => node switch
    {
        JRaw raw => raw.Bytes.Length > 40 ? "raw(" + raw.Bytes.Length + " bytes)" : "raw " + Encoding.UTF8.GetString(raw.Bytes),
        JObject => "{…}",
        JArray => "[…]",
        _ => "?",
    };

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
