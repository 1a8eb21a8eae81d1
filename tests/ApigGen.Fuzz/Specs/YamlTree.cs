using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApigGen.Fuzz.Specs;

/// <summary>
/// A YAML document as a mutable tree the mutator can break in ways a YAML library would not write: duplicate keys,
/// anchors and aliases anywhere (also undefined ones), tags, raw text, odd scalar styles.
/// </summary>
internal abstract class YNode
{
    /// <summary>An anchor (<c>&amp;name</c>) written before the node.</summary>
    public string? Anchor { get; set; }

    /// <summary>A tag (<c>!!str</c>, <c>!x</c>) written before the node.</summary>
    public string? Tag { get; set; }

    public abstract YNode Clone();

    /// <summary>Every node of the tree rooted here, this one first.</summary>
    public IEnumerable<YNode> Walk()
    {
        var stack = new Stack<YNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            switch (node)
            {
                case YMap map:
                    for (var i = map.Pairs.Count - 1; i >= 0; i--)
                    {
                        stack.Push(map.Pairs[i].Value);
                        stack.Push(map.Pairs[i].Key);
                    }

                    break;
                case YSeq seq:
                    for (var i = seq.Items.Count - 1; i >= 0; i--)
                    {
                        stack.Push(seq.Items[i]);
                    }

                    break;
            }
        }
    }

    public static YNode From(YamlNode node) => node switch
    {
        YamlScalarNode s => new YScalar(s.Value ?? string.Empty, s.Style is ScalarStyle.Plain or ScalarStyle.Any),
        YamlSequenceNode q => new YSeq(q.Children.Select(From).ToList()),
        YamlMappingNode m => new YMap(m.Children.Select(p => new YPair(From(p.Key), From(p.Value))).ToList()),
        _ => new YScalar(string.Empty, plain: true),
    };

    /// <summary>Parses a spec text (the catalogue and the valid fixtures all parse).</summary>
    public static YNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return From(stream.Documents[0].RootNode);
    }
}

internal sealed class YScalar : YNode
{
    public YScalar(string value, bool plain)
    {
        Value = value;
        Plain = plain;
    }

    public string Value { get; set; }

    /// <summary>Written plain when the text allows it (so <c>200</c> stays a number-like key); quoted otherwise.</summary>
    public bool Plain { get; set; }

    public override YNode Clone() => new YScalar(Value, Plain) { Anchor = Anchor, Tag = Tag };
}

internal sealed class YSeq : YNode
{
    public YSeq(List<YNode> items) => Items = items;

    public List<YNode> Items { get; }

    public bool Flow { get; set; }

    public override YNode Clone() => new YSeq(Items.Select(i => i.Clone()).ToList()) { Anchor = Anchor, Tag = Tag, Flow = Flow };
}

internal sealed class YMap : YNode
{
    public YMap(List<YPair> pairs) => Pairs = pairs;

    public List<YPair> Pairs { get; }

    public bool Flow { get; set; }

    public override YNode Clone() => new YMap(Pairs.Select(p => new YPair(p.Key.Clone(), p.Value.Clone())).ToList()) { Anchor = Anchor, Tag = Tag, Flow = Flow };
}

/// <summary>An alias (<c>*name</c>), defined or not.</summary>
internal sealed class YAlias : YNode
{
    public YAlias(string name) => Name = name;

    public string Name { get; }

    public override YNode Clone() => new YAlias(Name);
}

/// <summary>Text written as it is, in flow position (for what the tree cannot express).</summary>
internal sealed class YRaw : YNode
{
    public YRaw(string text) => Text = text;

    public string Text { get; }

    public override YNode Clone() => new YRaw(Text);
}

internal sealed class YPair
{
    public YPair(YNode key, YNode value)
    {
        Key = key;
        Value = value;
    }

    public YNode Key { get; set; }

    public YNode Value { get; set; }
}

/// <summary>Writes a <see cref="YNode"/> tree as block YAML (flow where a node asks for it).</summary>
internal static class YamlWriter
{
    public static string Write(YNode root)
    {
        var builder = new StringBuilder();
        WriteBlock(builder, root, 0);
        return builder.ToString();
    }

    private static void WriteBlock(StringBuilder b, YNode node, int indent, bool prefixWritten = false)
    {
        switch (node)
        {
            case YMap { Flow: false, Pairs.Count: > 0 } map:
                if (!prefixWritten && Prefix(node) is { Length: > 0 } prefix)
                {
                    // Anchor or tag on its own line, the block below it.
                    b.Append(' ', indent).Append(prefix.TrimEnd()).Append('\n');
                }

                foreach (var pair in map.Pairs)
                {
                    b.Append(' ', indent);
                    WriteKey(b, pair.Key);
                    b.Append(':');
                    WriteValue(b, pair.Value, indent);
                }

                break;
            case YSeq { Flow: false, Items.Count: > 0 } seq:
                if (!prefixWritten && Prefix(node) is { Length: > 0 } seqPrefix)
                {
                    b.Append(' ', indent).Append(seqPrefix.TrimEnd()).Append('\n');
                }

                foreach (var item in seq.Items)
                {
                    b.Append(' ', indent).Append('-');
                    WriteValue(b, item, indent);
                }

                break;
            default:
                b.Append(' ', indent);
                WriteFlow(b, node);
                b.Append('\n');
                break;
        }
    }

    /// <summary>After <c>key:</c> or <c>-</c>: inline for flow nodes, an indented block below otherwise.</summary>
    private static void WriteValue(StringBuilder b, YNode value, int indent)
    {
        if (value is YMap { Flow: false, Pairs.Count: > 0 } or YSeq { Flow: false, Items.Count: > 0 })
        {
            if (Prefix(value) is { Length: > 0 } prefix)
            {
                b.Append(' ').Append(prefix.TrimEnd());
            }

            b.Append('\n');
            WriteBlock(b, value, indent + 2, prefixWritten: true);
            return;
        }

        b.Append(' ');
        WriteFlow(b, value);
        b.Append('\n');
    }

    private static void WriteKey(StringBuilder b, YNode key)
    {
        if (key is YScalar or YAlias or YRaw)
        {
            WriteFlow(b, key);
        }
        else
        {
            // A complex key: flow form after "? " would be needed; a flow collection as key is valid YAML too.
            WriteFlow(b, key);
        }
    }

    private static string Prefix(YNode node) =>
        (node.Anchor is null ? string.Empty : "&" + node.Anchor + " ") + (node.Tag is null ? string.Empty : node.Tag + " ");

    private static void WriteFlow(StringBuilder b, YNode node)
    {
        b.Append(Prefix(node));
        switch (node)
        {
            case YScalar scalar:
                WriteScalar(b, scalar);
                break;
            case YAlias alias:
                b.Append('*').Append(alias.Name);
                break;
            case YRaw raw:
                b.Append(raw.Text);
                break;
            case YSeq seq:
                b.Append('[');
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(", ");
                    }

                    WriteFlow(b, seq.Items[i]);
                }

                b.Append(']');
                break;
            case YMap map:
                b.Append('{');
                for (var i = 0; i < map.Pairs.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(", ");
                    }

                    WriteFlow(b, map.Pairs[i].Key);
                    b.Append(": ");
                    WriteFlow(b, map.Pairs[i].Value);
                }

                b.Append('}');
                break;
        }
    }

    private static void WriteScalar(StringBuilder b, YScalar scalar)
    {
        if (scalar.Plain && IsPlainSafe(scalar.Value))
        {
            b.Append(scalar.Value);
            return;
        }

        b.Append('"');
        foreach (var c in scalar.Value)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                    {
                        b.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        b.Append('"');
    }

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value != value.Trim() || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is ',' or '[' or ']' or '{' or '}' or '#' or '\n' or '\r' or '\t' or '"' or '\'' || char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\u0085')
            {
                return false;
            }
        }

        return !value.Contains(": ", StringComparison.Ordinal) && !value.EndsWith(':');
    }
}
