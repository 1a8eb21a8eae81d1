using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ApigGen.Generator.Binding;

/// <summary>How spec names become C# names.</summary>
internal static class Naming
{
    /// <summary>The suffixes of the types every operation generates: <c>{id}Request</c> and <c>{id}Response</c>.</summary>
    public static readonly string[] GeneratedTypeSuffixes = { Model.GeneratedNames.RequestSuffix, Model.GeneratedNames.ResponseSuffix };

    /// <summary>Whether <paramref name="typeName"/> is one of the types operation <paramref name="operationId"/> generates (built without a string).</summary>
    public static bool IsGeneratedTypeOf(string typeName, string operationId)
    {
        foreach (var suffix in GeneratedTypeSuffixes)
        {
            if (typeName.Length == operationId.Length + suffix.Length
                && typeName.StartsWith(operationId, StringComparison.Ordinal)
                && typeName.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Text.RegularExpressions.Regex NamespacePattern = new(
        @"^[\p{L}_][\p{L}\p{Nd}_]*(\.[\p{L}_][\p{L}\p{Nd}_]*)*$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Whether generated code can live in the namespace <paramref name="name"/>: dot-separated C# identifiers, none of
    /// them a keyword (<c>My.class</c> would not compile), and not <c>ApigGen</c> itself, the runtime's namespace, whose
    /// types (<c>ApigClientOptions</c>, <c>ApigException</c>, …) generated ones would clash with.
    /// </summary>
    public static bool IsNamespace(string name)
    {
        if (!NamespacePattern.IsMatch(name) || name == "ApigGen")
        {
            return false;
        }

        foreach (var segment in name.Split('.'))
        {
            if (SyntaxFacts.GetKeywordKind(segment) != SyntaxKind.None)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The namespace of specs that name none: the project's $(ApigGenNamespace) when it is a namespace, else
    /// $(RootNamespace).Apig, else Apig.
    /// </summary>
    public static string ProjectNamespace(string? rootNamespace, string? namespaceOverride)
    {
        if (namespaceOverride?.Trim() is { } overridden && IsNamespace(overridden))
        {
            return overridden;
        }

        // The whole name is checked: a root namespace of ApigGen gives ApigGen.Apig, which is fine.
        return rootNamespace?.Trim() is { } root && IsNamespace(root + ".Apig") ? root + ".Apig" : "Apig";
    }

    /// <summary>
    /// PascalCase of a JSON name: split at every character that is not a letter or digit, upper-case the first letter
    /// of each part, keep the rest (<c>instance_ids</c> → <c>InstanceIds</c>, <c>RSA</c> → <c>RSA</c>).
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upperNext = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return builder.ToString();
    }

    /// <summary>
    /// The C# name of an enum value, in .NET style: the value is cut into words at every character that is not a letter
    /// or digit and where a word's case changes (<c>camelCase</c>, <c>HTTPServer</c>); each word starts upper-case, and a
    /// word written all in capitals keeps only its first (<c>HTTPS</c> → <c>Https</c>, <c>application/json</c> →
    /// <c>ApplicationJson</c>, <c>cn-north-4</c> → <c>CnNorth4</c>). A name that would start with a digit gets the
    /// prefix <c>Value</c>, with its words joined by <c>_</c> (<c>2.0</c> → <c>Value2_0</c>, <c>1</c> → <c>Value1</c>);
    /// the empty value is <c>Empty</c>, and a value of neither letters nor digits is <c>Value</c> followed by
    /// <c>_</c> and the hexadecimal code of each character (<c>*</c> → <c>Value_2A</c>).
    /// </summary>
    public static string EnumMemberName(string value)
    {
        var words = EnumWords(value);
        if (words.Count == 0)
        {
            if (value.Length == 0)
            {
                return "Empty";
            }

            var code = new StringBuilder("Value");
            foreach (var c in value)
            {
                code.Append('_').Append(((int)c).ToString("X", System.Globalization.CultureInfo.InvariantCulture));
            }

            return code.ToString();
        }

        var startsWithDigit = char.IsDigit(words[0][0]);
        var builder = new StringBuilder(startsWithDigit ? "Value" : string.Empty, value.Length + 8);
        for (var i = 0; i < words.Count; i++)
        {
            if (startsWithDigit && i > 0)
            {
                builder.Append('_');
            }

            var word = words[i];
            var allCaps = true;
            foreach (var c in word)
            {
                if (char.IsLower(c))
                {
                    allCaps = false;
                    break;
                }
            }

            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(allCaps ? word.Substring(1).ToLowerInvariant() : word.Substring(1));
        }

        return builder.ToString();
    }

    /// <summary>The words of an enum value: runs of letters and digits, cut where a lower-case letter meets an upper-case one (<c>camel|Case</c>) and before the last capital of a run of capitals followed by a lower-case letter (<c>HTTP|Server</c>).</summary>
    private static List<string> EnumWords(string value)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : ' ';
            if (!char.IsLetterOrDigit(c))
            {
                if (start >= 0)
                {
                    words.Add(value.Substring(start, i - start));
                    start = -1;
                }

                continue;
            }

            if (start < 0)
            {
                start = i;
                continue;
            }

            var previous = value[i - 1];
            var lowerToUpper = char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous) && i - 1 > start && HasLower(value, start, i));
            var capitalsToWord = char.IsUpper(c) && char.IsUpper(previous) && i + 1 < value.Length && char.IsLower(value[i + 1]);
            if (lowerToUpper || capitalsToWord)
            {
                words.Add(value.Substring(start, i - start));
                start = i;
            }
        }

        return words;
    }

    private static bool HasLower(string value, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (char.IsLower(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why <paramref name="name"/> cannot be a C# type or member name, or null when it can.</summary>
    public static string? WhyNotIdentifier(string name)
    {
        if (name.Length == 0)
        {
            return "it has no letters or digits";
        }

        if (!SyntaxFacts.IsValidIdentifier(name) || name.StartsWith("@", StringComparison.Ordinal))
        {
            return "a C# identifier starts with a letter or '_' and holds only letters, digits and '_'";
        }

        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || name is "var" or "dynamic" or "record" or "value")
        {
            return "it is a C# keyword";
        }

        return null;
    }

    /// <summary>Levenshtein distance, for "did you mean" suggestions.</summary>
    public static string? Closest(string key, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(key.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
