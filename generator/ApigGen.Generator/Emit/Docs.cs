using System.Collections.Generic;
using System.Globalization;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>XML doc comments built from the spec's descriptions and constraints.</summary>
internal static class Docs
{
    public static void Summary(SourceWriter writer, string? text, string fallback) =>
        Element(writer, "summary", string.IsNullOrWhiteSpace(text) ? fallback : CSharp.Xml(text!));

    /// <summary>Remarks of one paragraph of already-escaped XML.</summary>
    public static void Remarks(SourceWriter writer, string xml) => Element(writer, "remarks", xml);

    /// <summary>Remarks of several paragraphs (one is written without a <c>para</c>).</summary>
    public static void Remarks(SourceWriter writer, IReadOnlyList<string> paragraphs)
    {
        if (paragraphs.Count == 1)
        {
            Remarks(writer, paragraphs[0]);
        }
        else if (paragraphs.Count > 1)
        {
            writer.WriteLine("/// <remarks>");
            for (var i = 0; i < paragraphs.Count; i++)
            {
                Element(writer, "para", paragraphs[i]);
            }

            writer.WriteLine("/// </remarks>");
        }
    }

    /// <summary>One element: on one line when the text is one line, else spread over several.</summary>
    private static void Element(SourceWriter writer, string name, string xml)
    {
        if (xml.IndexOf('\n') < 0)
        {
            writer.WriteLine($"/// <{name}>{xml}</{name}>");
            return;
        }

        writer.WriteLine($"/// <{name}>");
        WriteLines(writer, xml);
        writer.WriteLine($"/// </{name}>");
    }

    /// <summary>Writes already-escaped XML text as <c>///</c> lines.</summary>
    public static void WriteLines(SourceWriter writer, string xml)
    {
        foreach (var line in xml.Split('\n'))
        {
            writer.WriteLine($"/// {line.TrimEnd()}");
        }
    }

    /// <summary>The member's facts: JSON name, mandatory or not, constraints, default, secret.</summary>
    public static string Facts(PropertyModel property, string kind)
    {
        var first = char.ToUpperInvariant(kind[0]) + kind.Substring(1) + " " + CSharp.Code(property.JsonName) + (property.Required ? ", mandatory" : ", optional (null: not sent)");
        var c = property.Constraints;
        if (c.IsEmpty && property.Type.Enum is null && property.Default is null && !property.Secret)
        {
            // Most members: nothing but the first part.
            return first + ".";
        }

        var parts = new List<string> { first };
        if (c.MinLength is not null || c.MaxLength is not null)
        {
            parts.Add(Count("character", c.MinLength, c.MaxLength));
        }

        if (c.Minimum is not null || c.Maximum is not null)
        {
            parts.Add(Range("value", c.Minimum, c.Maximum));
        }

        if (c.MinItems is not null || c.MaxItems is not null)
        {
            parts.Add(Count("item", c.MinItems, c.MaxItems));
        }

        if (c.Pattern is not null)
        {
            parts.Add("pattern " + CSharp.Code(c.Pattern));
        }

        if (property.Type.Enum is { } enumModel)
        {
            var values = new List<string>();
            foreach (var member in enumModel.Members)
            {
                values.Add(CSharp.Code(member.Value));
            }

            parts.Add("known values " + string.Join(", ", values));
        }

        if (property.Default is not null)
        {
            parts.Add("the server assumes " + CSharp.Code(property.Default) + " when it is not sent");
        }

        if (property.Secret)
        {
            parts.Add("secret: masked in ToString()");
        }

        return string.Join("; ", parts) + ".";
    }

    private static string Range(string what, string? min, string? max) => (min, max) switch
    {
        (not null, not null) => what + " " + min + " to " + max,
        (not null, null) => what + " at least " + min,
        _ => what + " at most " + max,
    };

    /// <summary>A count as a reader says it: "4 to 50 characters", "at least 1 item", "at most 10 items".</summary>
    private static string Count(string unit, int? min, int? max)
    {
        return (min, max) switch
        {
            (int lower, int upper) when lower == upper => "exactly " + Units(lower),
            (int lower, int upper) => Number(lower) + " to " + Number(upper) + " " + unit + "s",
            (int lower, null) => "at least " + Units(lower),
            (null, int upper) => "at most " + Units(upper),
            _ => string.Empty,
        };

        string Units(int n) => Number(n) + " " + (n == 1 ? unit : unit + "s");

        static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
