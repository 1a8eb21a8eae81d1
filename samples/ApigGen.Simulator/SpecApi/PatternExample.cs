using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace ApigGen.Simulator.SpecApi;

/// <summary>
/// Makes a string that a spec's regular expression accepts, within a length range: it reads the pattern's common
/// constructs (literals, escapes, character classes, groups, alternation, quantifiers, anchors), picks for each
/// class the first character of a fixed preference list that the class accepts (asking .NET's regex engine), and
/// stretches unbounded repetitions until the length fits. Every candidate is checked against the whole pattern.
/// </summary>
public static class PatternExample
{
    private const string Preferred = "aAb0B1_-.c";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>A value <paramref name="pattern"/> matches with a length in [<paramref name="minLength"/>, <paramref name="maxLength"/>], or null.</summary>
    public static string? Make(string pattern, int minLength, int maxLength)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, Timeout);
        Node tree;
        try
        {
            var parser = new Parser(pattern);
            tree = parser.ParseAlternation();
        }
        catch (FormatException)
        {
            return null;
        }

        for (var stretch = 0; stretch <= Math.Max(64, minLength); stretch++)
        {
            var builder = new StringBuilder();
            tree.Write(builder, stretch);
            var candidate = builder.ToString();
            var length = CodePoints(candidate);
            if (length >= minLength && length <= maxLength && regex.IsMatch(candidate))
            {
                return candidate;
            }

            if (length > maxLength)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>The length of a string in Unicode code points.</summary>
    public static int CodePoints(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsHighSurrogate(value[i]) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
            {
                count++;
            }
            else
            {
                count++;
                i++;
            }
        }

        return count;
    }

    private abstract class Node
    {
        public abstract void Write(StringBuilder builder, int stretch);
    }

    private sealed class Text(string value) : Node
    {
        public override void Write(StringBuilder builder, int stretch) => builder.Append(value);
    }

    private sealed class Sequence(List<Node> parts) : Node
    {
        public override void Write(StringBuilder builder, int stretch)
        {
            foreach (var part in parts)
            {
                part.Write(builder, stretch);
            }
        }
    }

    private sealed class Choice(List<Node> options) : Node
    {
        public override void Write(StringBuilder builder, int stretch) => options[0].Write(builder, stretch);
    }

    private sealed class Repeat(Node inner, int min, int max) : Node
    {
        public override void Write(StringBuilder builder, int stretch)
        {
            var count = max == int.MaxValue ? min + stretch : Math.Min(max, Math.Max(min, Math.Min(max, min + stretch)));
            for (var i = 0; i < count; i++)
            {
                inner.Write(builder, stretch);
            }
        }
    }

    /// <summary>A set of characters, written as the first preferred character it accepts.</summary>
    private sealed class CharSet : Node
    {
        private readonly string _choice;

        public CharSet(string regexText)
        {
            var regex = new Regex("^(?:" + regexText + ")$", RegexOptions.CultureInvariant, Timeout);
            foreach (var c in Candidates())
            {
                if (regex.IsMatch(c))
                {
                    _choice = c;
                    return;
                }
            }

            throw new FormatException("no character fits " + regexText);
        }

        public override void Write(StringBuilder builder, int stretch) => builder.Append(_choice);

        private static IEnumerable<string> Candidates()
        {
            foreach (var c in Preferred)
            {
                yield return c.ToString();
            }

            for (var c = 0x21; c < 0x7f; c++)
            {
                yield return ((char)c).ToString();
            }

            yield return " ";
            yield return "\u4e2d";
        }
    }

    private sealed class Parser(string pattern)
    {
        private int _at;

        public Node ParseAlternation()
        {
            var options = new List<Node> { ParseSequence() };
            while (_at < pattern.Length && pattern[_at] == '|')
            {
                _at++;
                options.Add(ParseSequence());
            }

            return options.Count == 1 ? options[0] : new Choice(options);
        }

        private Node ParseSequence()
        {
            var parts = new List<Node>();
            while (_at < pattern.Length && pattern[_at] != '|' && pattern[_at] != ')')
            {
                var atom = ParseAtom();
                if (atom is not null)
                {
                    parts.Add(ParseQuantifier(atom));
                }
            }

            return new Sequence(parts);
        }

        private Node? ParseAtom()
        {
            var c = pattern[_at];
            switch (c)
            {
                case '^':
                case '$':
                    _at++;
                    return null;
                case '(':
                    _at++;
                    if (_at < pattern.Length && pattern[_at] == '?')
                    {
                        if (_at + 1 < pattern.Length && pattern[_at + 1] == ':')
                        {
                            _at += 2;
                        }
                        else
                        {
                            throw new FormatException("lookarounds and named groups are not read");
                        }
                    }

                    var inner = ParseAlternation();
                    Expect(')');
                    return inner;
                case '[':
                    return new CharSet(ReadClass());
                case '.':
                    _at++;
                    return new CharSet(".");
                case '\\':
                    return ReadEscape();
                default:
                    _at++;
                    return new Text(c.ToString());
            }
        }

        private Node ReadEscape()
        {
            var start = _at;
            _at++;
            if (_at >= pattern.Length)
            {
                throw new FormatException("a pattern ends with \\");
            }

            var c = pattern[_at++];
            if (c == 'u')
            {
                _at += 4;
                return new CharSet(pattern[start.._at]);
            }

            if (c == 'x')
            {
                _at += 2;
                return new CharSet(pattern[start.._at]);
            }

            if (c is 'b' or 'B' or 'A' or 'z' or 'Z' or 'G')
            {
                throw new FormatException("assertions are not read");
            }

            return char.IsLetterOrDigit(c) ? new CharSet(pattern[start.._at]) : new Text(c.ToString());
        }

        private string ReadClass()
        {
            var start = _at;
            _at++;
            if (_at < pattern.Length && pattern[_at] == '^')
            {
                _at++;
            }

            if (_at < pattern.Length && pattern[_at] == ']')
            {
                _at++;
            }

            while (_at < pattern.Length && pattern[_at] != ']')
            {
                if (pattern[_at] == '\\')
                {
                    _at++;
                }
                else if (pattern[_at] == '[')
                {
                    throw new FormatException("class subtraction is not read");
                }

                _at++;
            }

            Expect(']');
            return pattern[start.._at];
        }

        private Node ParseQuantifier(Node atom)
        {
            if (_at >= pattern.Length)
            {
                return atom;
            }

            int min, max;
            switch (pattern[_at])
            {
                case '*':
                    (min, max) = (0, int.MaxValue);
                    _at++;
                    break;
                case '+':
                    (min, max) = (1, int.MaxValue);
                    _at++;
                    break;
                case '?':
                    (min, max) = (0, 1);
                    _at++;
                    break;
                case '{':
                    var close = pattern.IndexOf('}', _at);
                    if (close < 0)
                    {
                        return atom;
                    }

                    var bounds = pattern[(_at + 1)..close].Split(',');
                    min = int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
                    max = bounds.Length == 1 ? min : bounds[1].Length == 0 ? int.MaxValue : int.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture);
                    _at = close + 1;
                    break;
                default:
                    return atom;
            }

            if (_at < pattern.Length && pattern[_at] is '?' or '+')
            {
                _at++;
            }

            return new Repeat(atom, min, max);
        }

        private void Expect(char c)
        {
            if (_at >= pattern.Length || pattern[_at] != c)
            {
                throw new FormatException("expected " + c);
            }

            _at++;
        }
    }
}
