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
    private readonly YamlNode[] _items;

    public YamlSequenceNode(YamlNode[] items, TextPosition start, TextPosition end)
        : base(start, end) => _items = items;

    public System.ReadOnlySpan<YamlNode> Items => _items;
}

/// <summary>A mapping; keys are scalars, in document order, without duplicates (the reader reports those).</summary>
internal sealed class YamlMappingNode : YamlNode
{
    private readonly KeyValuePair<YamlScalarNode, YamlNode>[] _entries;

    public YamlMappingNode(KeyValuePair<YamlScalarNode, YamlNode>[] entries, TextPosition start, TextPosition end)
        : base(start, end) => _entries = entries;

    public System.ReadOnlySpan<KeyValuePair<YamlScalarNode, YamlNode>> Entries => _entries;

    public YamlNode? this[string key]
    {
        get
        {
            foreach (var entry in _entries)
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
