using System.Collections.Generic;

namespace ApigGen.Generator.Parsing;

/// <summary>A position in the spec text: 0-based line and column, and the character offset.</summary>
internal readonly struct TextPosition
{
    public TextPosition(int offset, int line, int column)
    {
        Offset = offset;
        Line = line;
        Column = column;
    }

    public int Offset { get; }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>A YAML node with its span in the file. Lives only inside the parse and bind step.</summary>
internal abstract class YamlNode
{
    protected YamlNode(TextPosition start, TextPosition end)
    {
        Start = start;
        End = end;
    }

    public TextPosition Start { get; }

    public TextPosition End { get; }
}

/// <summary>A scalar. <see cref="IsPlain"/> is false for quoted scalars (so <c>"1"</c> stays a string).</summary>
internal sealed class YamlScalarNode : YamlNode
{
    public YamlScalarNode(string value, bool isPlain, TextPosition start, TextPosition end)
        : base(start, end)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }

    public bool IsPlain { get; }

    /// <summary>A plain <c>~</c>, <c>null</c> or empty value.</summary>
    public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");
}

internal sealed class YamlSequenceNode : YamlNode
{
    public YamlSequenceNode(List<YamlNode> items, TextPosition start, TextPosition end)
        : base(start, end) => Items = items;

    public List<YamlNode> Items { get; }
}

/// <summary>A mapping; keys are scalars, in document order, without duplicates (the reader reports those).</summary>
internal sealed class YamlMappingNode : YamlNode
{
    public YamlMappingNode(List<KeyValuePair<YamlScalarNode, YamlNode>> entries, TextPosition start, TextPosition end)
        : base(start, end) => Entries = entries;

    public List<KeyValuePair<YamlScalarNode, YamlNode>> Entries { get; }

    public YamlNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key.Value == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }
}
