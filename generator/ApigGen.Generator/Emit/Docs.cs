using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ApigGen.Generator.Model;

namespace ApigGen.Generator.Emit;

/// <summary>XML doc comments built from the spec's descriptions and constraints.</summary>
internal static class Docs
{
    /// <summary>The builder of doc text, kept per thread: a spec's docs are built from many small pieces.</summary>
    [ThreadStatic]
    private static StringBuilder? t_text;

    /// <summary>Writes the summary from spec text; false (and nothing written) when the text is missing or blank, so the caller writes its own.</summary>
    public static bool Summary(SourceWriter writer, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Element(writer, SummaryElement, CSharp.Xml(text!));
        return true;
    }

    /// <summary>Writes the summary from spec text, or <paramref name="fallback"/> (already-escaped XML) when there is none.</summary>
    public static void Summary(SourceWriter writer, string? text, string fallback)
    {
        if (!Summary(writer, text))
        {
            SummaryXml(writer, fallback);
        }
    }

    /// <summary>A summary of already-escaped XML.</summary>
    public static void SummaryXml(SourceWriter writer, string xml) => Element(writer, SummaryElement, xml);

    /// <summary>A summary of emitter text around spec text shown as code: <paramref name="before"/> <c>code</c> <paramref name="after"/>.</summary>
    public static void SummaryWithCode(SourceWriter writer, string before, string code, string after) =>
        SummaryXml(writer, Text().Append(before).AppendCode(code).Append(after).ToString());

    /// <summary>Remarks of one paragraph of already-escaped XML.</summary>
    public static void Remarks(SourceWriter writer, string xml) => Element(writer, RemarksElement, xml);

    /// <summary>Remarks of several paragraphs (one is written without a <c>para</c>).</summary>
    public static void Remarks(SourceWriter writer, IReadOnlyList<string> paragraphs)
    {
        if (paragraphs.Count == 1)
        {
            Remarks(writer, paragraphs[0]);
        }
        else if (paragraphs.Count > 1)
        {
            writer.WriteLine(RemarksElement.Open);
            for (var i = 0; i < paragraphs.Count; i++)
            {
                Element(writer, ParaElement, paragraphs[i]);
            }

            writer.WriteLine(RemarksElement.Close);
        }
    }

    private static readonly DocElement SummaryElement = new("summary");
    private static readonly DocElement RemarksElement = new("remarks");
    private static readonly DocElement ParaElement = new("para");

    /// <summary>One element: on one line when the text is one line, else spread over several.</summary>
    private static void Element(SourceWriter writer, DocElement element, string xml)
    {
        if (xml.IndexOf('\n') < 0)
        {
            writer.WriteLine($"{element.Open}{xml}{element.InlineClose}");
            return;
        }

        writer.WriteLine(element.Open);
        WriteLines(writer, xml);
        writer.WriteLine(element.Close);
    }

    /// <summary>The doc comment pieces of an element, built once: most docs are one line of three pieces.</summary>
    private sealed class DocElement
    {
        public DocElement(string name)
        {
            Open = "/// <" + name + ">";
            InlineClose = "</" + name + ">";
            Close = "/// " + InlineClose;
        }

        /// <summary>The line that opens it (<c>/// &lt;summary&gt;</c>), which a one-line element continues.</summary>
        public string Open { get; }

        /// <summary>The closing tag at the end of a one-line element.</summary>
        public string InlineClose { get; }

        /// <summary>The line that closes a multi-line element.</summary>
        public string Close { get; }
    }

    /// <summary>Writes already-escaped XML text as <c>///</c> lines.</summary>
    public static void WriteLines(SourceWriter writer, string xml)
    {
        foreach (var line in xml.Split('\n'))
        {
            writer.WriteLine($"/// {line.TrimEnd()}");
        }
    }

    /// <summary>
    /// The per-thread builder, empty, for doc text built from pieces (one string instead of one per piece). Finish
    /// with <c>ToString()</c> before the next call: the builder is shared.
    /// </summary>
    public static StringBuilder Text()
    {
        // A builder that grew for one long text is not kept: it would stay in memory as long as the thread.
        var text = t_text;
        if (text is null || text.Capacity > MaxKeptTextCapacity)
        {
            t_text = text = new StringBuilder(256);
        }

        return text.Clear();
    }

    private const int MaxKeptTextCapacity = 16 * 1024;

    /// <summary>Appends spec text as a <c>&lt;c&gt;</c> element (<see cref="CSharp.Code"/>).</summary>
    public static StringBuilder AppendCode(this StringBuilder builder, string text) => builder.Append("<c>").Append(CSharp.Xml(text)).Append("</c>");

    /// <summary>The member's facts: JSON name, mandatory or not, constraints, default, secret.</summary>
    public static string Facts(PropertyModel property, string kind)
    {
        var text = Text().Append(char.ToUpperInvariant(kind[0])).Append(kind, 1, kind.Length - 1).Append(' ').AppendCode(property.JsonName)
            .Append(property.Required ? ", mandatory" : ", optional (null: not sent)");
        Constraints(text, property.Constraints, "; ");
        if (property.Type.Kind == TypeKind.Map && property.Type.ValueConstraints is { IsEmpty: false } values)
        {
            // A map's constraints are its values'.
            Constraints(text, values, "; each value: ");
        }

        if (property.Type.Enum is { } enumModel)
        {
            text.Append("; known values ");
            for (var i = 0; i < enumModel.Members.Count; i++)
            {
                (i == 0 ? text : text.Append(", ")).AppendCode(enumModel.Members[i].Value);
            }
        }

        if (property.Default is not null)
        {
            text.Append("; the server assumes ").AppendCode(property.Default).Append(" when it is not sent");
        }

        if (property.Secret)
        {
            text.Append("; secret: masked in ToString()");
        }

        return text.Append('.').ToString();
    }

    /// <summary>Appends the constraints' facts: the first after <paramref name="first"/>, the others after "; ".</summary>
    private static void Constraints(StringBuilder text, ConstraintsModel c, string first)
    {
        var separator = first;
        StringBuilder Next()
        {
            text.Append(separator);
            separator = "; ";
            return text;
        }

        if (c.MinLength is not null || c.MaxLength is not null)
        {
            Count(Next(), "character", c.MinLength, c.MaxLength);
        }

        if (c.Minimum is not null || c.Maximum is not null)
        {
            Range(Next(), "value", c.Minimum, c.Maximum);
        }

        if (c.MinItems is not null || c.MaxItems is not null)
        {
            Count(Next(), "item", c.MinItems, c.MaxItems);
        }

        if (c.Pattern is not null)
        {
            Next().Append("pattern ").AppendCode(c.Pattern);
        }
    }

    private static void Range(StringBuilder text, string what, string? min, string? max)
    {
        text.Append(what);
        if (min is not null && max is not null)
        {
            text.Append(' ').Append(min).Append(" to ").Append(max);
        }
        else if (min is not null)
        {
            text.Append(" at least ").Append(min);
        }
        else
        {
            text.Append(" at most ").Append(max);
        }
    }

    /// <summary>A count as a reader says it: "4 to 50 characters", "at least 1 item", "at most 10 items".</summary>
    private static void Count(StringBuilder text, string unit, int? min, int? max)
    {
        switch (min, max)
        {
            case (int lower, int upper) when lower == upper:
                Units(text.Append("exactly "), lower);
                break;
            case (int lower, int upper):
                Number(text, lower).Append(" to ");
                Number(text, upper).Append(' ').Append(unit).Append('s');
                break;
            case (int lower, null):
                Units(text.Append("at least "), lower);
                break;
            case (null, int upper):
                Units(text.Append("at most "), upper);
                break;
        }

        void Units(StringBuilder builder, int n)
        {
            Number(builder, n).Append(' ').Append(unit);
            if (n != 1)
            {
                builder.Append('s');
            }
        }

        static StringBuilder Number(StringBuilder builder, int n) => builder.Append(n.ToString(CultureInfo.InvariantCulture));
    }
}
