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
