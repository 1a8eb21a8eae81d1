using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ApigGen.Fuzz.Responses;

/// <summary>
/// A JSON value the mutator can break: duplicate members, numbers as raw text (any size), strings as raw bytes
/// (invalid UTF-8, bad escapes).
/// </summary>
internal abstract class JNode
{
    public abstract JNode Clone();

    public IEnumerable<JNode> Walk()
    {
        yield return this;
        var children = this switch
        {
            JObject o => o.Members.Select(m => m.Value),
            JArray a => a.Items,
            _ => Enumerable.Empty<JNode>(),
        };
        foreach (var child in children.ToList())
        {
            foreach (var node in child.Walk())
            {
                yield return node;
            }
        }
    }
}

internal sealed class JObject : JNode
{
    public List<KeyValuePair<string, JNode>> Members { get; } = new();

    public override JNode Clone()
    {
        var copy = new JObject();
        copy.Members.AddRange(Members.Select(m => new KeyValuePair<string, JNode>(m.Key, m.Value.Clone())));
        return copy;
    }
}

internal sealed class JArray : JNode
{
    public List<JNode> Items { get; } = new();

    public override JNode Clone()
    {
        var copy = new JArray();
        copy.Items.AddRange(Items.Select(i => i.Clone()));
        return copy;
    }
}

/// <summary>A scalar written as these exact bytes: a number, <c>true</c>, <c>null</c>, or a quoted (maybe broken) string.</summary>
internal sealed class JRaw : JNode
{
    public JRaw(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    public static JRaw Text(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A well-formed JSON string.</summary>
    public static JRaw String(string value) => new(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(value)));

    public static JRaw Number(long value) => Text(value.ToString(CultureInfo.InvariantCulture));

    public override JNode Clone() => this;
}

internal static class JsonBytes
{
    public static byte[] Write(JNode node)
    {
        var output = new List<byte>();
        Write(node, output);
        return output.ToArray();
    }

    private static void Write(JNode node, List<byte> o)
    {
        switch (node)
        {
            case JRaw raw:
                o.AddRange(raw.Bytes);
                break;
            case JArray array:
                o.Add((byte)'[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        o.Add((byte)',');
                    }

                    Write(array.Items[i], o);
                }

                o.Add((byte)']');
                break;
            case JObject obj:
                o.Add((byte)'{');
                for (var i = 0; i < obj.Members.Count; i++)
                {
                    if (i > 0)
                    {
                        o.Add((byte)',');
                    }

                    o.AddRange(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(obj.Members[i].Key)));
                    o.Add((byte)':');
                    Write(obj.Members[i].Value, o);
                }

                o.Add((byte)'}');
                break;
        }
    }
}
