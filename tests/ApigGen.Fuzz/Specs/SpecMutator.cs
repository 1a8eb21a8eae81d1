using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ApigGen.Fuzz.Specs;

/// <summary>A generated spec file: its bytes and how it was made (for the report and the reproducer).</summary>
internal sealed record SpecCase(long Index, byte[] Bytes, string Recipe);

/// <summary>
/// Makes spec files from a corpus: structure-aware mutations of the parsed YAML (drop, duplicate, swap and rename keys,
/// change scalars to other types and hostile values, reorder, deep nesting, anchors and aliases, tags, splices of one
/// spec into another), written back as YAML and then, for some cases, byte-level mutations of the file.
/// </summary>
internal sealed class SpecMutator
{
    private readonly IReadOnlyList<CorpusSpec> _corpus;
    private readonly IReadOnlyList<YNode> _trees;

    public SpecMutator(IReadOnlyList<CorpusSpec> corpus)
    {
        _corpus = corpus;
        _trees = corpus.Select(c => YNode.Parse(c.Text)).ToList();
    }

    public SpecCase Make(long seed, long index)
    {
        var random = Prng.ForCase(seed, index, stream: 1);
        var origin = random.Next(_corpus.Count);
        var recipe = new List<string> { "from " + _corpus[origin].Name };
        byte[] bytes;
        var kind = random.Next(10);
        if (kind == 0)
        {
            // The original bytes, byte-mutated only.
            bytes = Encoding.UTF8.GetBytes(_corpus[origin].Text);
            bytes = MutateBytes(bytes, random, recipe, 1 + random.Next(4));
        }
        else
        {
            var tree = _trees[origin].Clone();
            var mutations = kind == 1 ? 0 : 1 + random.Next(random.OneIn(4) ? 12 : 4);
            for (var i = 0; i < mutations; i++)
            {
                tree = MutateTree(tree, random, recipe);
            }

            var text = YamlWriter.Write(tree);
            text = MutateText(text, random, recipe);
            bytes = Encoding.UTF8.GetBytes(text);
            if (random.OneIn(5))
            {
                bytes = MutateBytes(bytes, random, recipe, 1 + random.Next(3));
            }
        }

        return new SpecCase(index, bytes, string.Join("; ", recipe));
    }

    private YNode MutateTree(YNode root, Prng random, List<string> recipe)
    {
        var nodes = root.Walk().ToList();
        var maps = nodes.OfType<YMap>().Where(m => m.Pairs.Count > 0).ToList();
        var seqs = nodes.OfType<YSeq>().Where(s => s.Items.Count > 0).ToList();
        var scalars = nodes.OfType<YScalar>().ToList();
        switch (random.Next(20))
        {
            case 0 when maps.Count > 0:
            {
                var map = random.Pick(maps);
                var at = random.Next(map.Pairs.Count);
                recipe.Add("drop key " + Describe(map.Pairs[at].Key));
                map.Pairs.RemoveAt(at);
                break;
            }

            case 1 when maps.Count > 0:
            {
                var map = random.Pick(maps);
                var pair = random.Pick(map.Pairs);
                var copy = new YPair(pair.Key.Clone(), random.OneIn(2) ? pair.Value.Clone() : RandomValue(random));
                map.Pairs.Insert(random.Next(map.Pairs.Count + 1), copy);
                recipe.Add("duplicate key " + Describe(pair.Key));
                break;
            }

            case 2 when maps.Count > 0:
            {
                // Swap the values of two keys (maybe of two different maps).
                var a = random.Pick(random.Pick(maps).Pairs);
                var b = random.Pick(random.Pick(maps).Pairs);
                (a.Value, b.Value) = (b.Value, a.Value);
                recipe.Add("swap values of " + Describe(a.Key) + " and " + Describe(b.Key));
                break;
            }

            case 3 when maps.Count > 0:
            {
                var map = random.Pick(maps);
                random.Shuffle(map.Pairs);
                recipe.Add("reorder keys");
                break;
            }

            case 4 when seqs.Count > 0:
            {
                var seq = random.Pick(seqs);
                if (random.OneIn(2))
                {
                    random.Shuffle(seq.Items);
                    recipe.Add("reorder items");
                }
                else
                {
                    var item = random.Pick(seq.Items);
                    var times = random.OneIn(8) ? random.Next(50, 400) : 1;
                    for (var i = 0; i < times; i++)
                    {
                        seq.Items.Insert(random.Next(seq.Items.Count + 1), item.Clone());
                    }

                    recipe.Add("duplicate item x" + times);
                }

                break;
            }

            case 5 when seqs.Count > 0:
            {
                var seq = random.Pick(seqs);
                seq.Items.RemoveAt(random.Next(seq.Items.Count));
                recipe.Add("drop item");
                break;
            }

            case 6 or 7 or 8 when scalars.Count > 0:
            {
                var scalar = random.Pick(scalars);
                var value = HostileValues.Pick(random);
                recipe.Add("scalar " + Short(scalar.Value) + " -> " + Short(value));
                scalar.Value = value;
                scalar.Plain = random.OneIn(2);
                break;
            }

            case 9 when maps.Count > 0:
            {
                // Rename a key: a hostile value, a near miss or another key of the corpus.
                var pair = random.Pick(random.Pick(maps).Pairs);
                var name = pair.Key is YScalar s ? s.Value : "x";
                var renamed = random.Next(4) switch
                {
                    0 => name.ToUpperInvariant(),
                    1 => name + (random.OneIn(2) ? " " : "_"),
                    2 => RandomKey(random),
                    _ => HostileValues.Pick(random),
                };
                recipe.Add("rename key " + Short(name) + " -> " + Short(renamed));
                pair.Key = new YScalar(renamed, random.OneIn(2));
                break;
            }

            case 10 or 11:
            {
                // Change a node's type: scalar to collection, collection to scalar, map to sequence.
                var (parent, set) = RandomSlot(root, random);
                if (parent is null)
                {
                    break;
                }

                var replacement = RandomValue(random);
                recipe.Add("retype to " + replacement.GetType().Name);
                set(replacement);
                break;
            }

            case 12:
            {
                // Deep nesting.
                var (parent, set) = RandomSlot(root, random);
                if (parent is null)
                {
                    break;
                }

                var depth = random.Pick(new[] { 10, 33, 64, 100, 300, 1000 });
                YNode nested = new YScalar("x", plain: true);
                var flow = depth > 100 || random.OneIn(2);
                for (var i = 0; i < depth; i++)
                {
                    nested = random.OneIn(2)
                        ? new YSeq(new List<YNode> { nested }) { Flow = flow }
                        : new YMap(new List<YPair> { new(new YScalar(random.Pick(new[] { "properties", "items", "additionalProperties" }), plain: true), nested) }) { Flow = flow };
                }

                recipe.Add("nest " + depth + (flow ? " flow" : " block"));
                set(nested);
                break;
            }

            case 13:
            {
                // Anchor a node and alias it elsewhere (maybe inside itself), or alias an anchor that does not exist.
                var (parent, set) = RandomSlot(root, random);
                if (parent is null)
                {
                    break;
                }

                var target = random.Pick(nodes);
                var name = "a" + random.Next(5);
                if (!random.OneIn(5))
                {
                    target.Anchor = name;
                }

                recipe.Add("alias *" + name);
                set(new YAlias(name));
                break;
            }

            case 14 when maps.Count > 0:
            {
                // Merge key, or a tag.
                if (random.OneIn(2))
                {
                    var source = random.Pick(maps);
                    source.Anchor = "m";
                    random.Pick(maps).Pairs.Add(new YPair(new YScalar("<<", plain: true), new YAlias("m")));
                    recipe.Add("merge key");
                }
                else
                {
                    var node = random.Pick(nodes);
                    node.Tag = random.Pick(new[] { "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!binary", "!x", "!<tag:x>", "!" });
                    recipe.Add("tag " + node.Tag);
                }

                break;
            }

            case 15 or 16:
            {
                // Splice: a subtree of another spec (or this one) replaces a node or joins a map.
                var donor = random.Pick(_trees).Walk().ToList();
                var part = random.Pick(donor).Clone();
                if (random.OneIn(2) && maps.Count > 0)
                {
                    var donorPairs = donor.OfType<YMap>().SelectMany(m => m.Pairs).ToList();
                    if (donorPairs.Count > 0)
                    {
                        var pair = random.Pick(donorPairs);
                        random.Pick(maps).Pairs.Add(new YPair(pair.Key.Clone(), pair.Value.Clone()));
                        recipe.Add("splice pair " + Describe(pair.Key));
                        break;
                    }
                }

                var (parent, set) = RandomSlot(root, random);
                if (parent is not null)
                {
                    recipe.Add("splice node");
                    set(part);
                }

                break;
            }

            case 17 when seqs.Count + maps.Count > 0:
            {
                // Flow style for a collection.
                var node = random.Pick(nodes.Where(n => n is YMap or YSeq).ToList());
                if (node is YMap m)
                {
                    m.Flow = true;
                }
                else if (node is YSeq s)
                {
                    s.Flow = true;
                }

                recipe.Add("flow style");
                break;
            }

            case 18:
            {
                // Raw text that the tree cannot express.
                var (parent, set) = RandomSlot(root, random);
                if (parent is null)
                {
                    break;
                }

                var raw = random.Pick(new[]
                {
                    "|\n  literal", ">-", "[", "{", "]", "}", "&", "*", "!", "? x", "- -", "{a: b, a: c}", "[a, [b, [c]]]", "*undefined",
                    "!!python/object:x", "'unterminated", "\"unterminated", "@x", "`x", "%YAML 1.1", "---", "...", "{ ? a : b }", "<<: *x",
                });
                recipe.Add("raw " + Short(raw));
                set(new YRaw(raw));
                break;
            }

            default:
            {
                // An alias bomb, kept small enough not to stall the campaign: 5 levels of 8.
                if (random.OneIn(3) && maps.Count > 0)
                {
                    var bomb = new YMap(new List<YPair>());
                    YNode previous = new YScalar("lol", plain: true) { Anchor = "l0" };
                    bomb.Pairs.Add(new YPair(new YScalar("l0", plain: true), previous));
                    for (var level = 1; level <= 5; level++)
                    {
                        var items = Enumerable.Range(0, 8).Select(_ => (YNode)new YAlias("l" + (level - 1))).ToList();
                        bomb.Pairs.Add(new YPair(new YScalar("l" + level, plain: true), new YSeq(items) { Flow = true, Anchor = "l" + level }));
                    }

                    random.Pick(maps).Pairs.Add(new YPair(new YScalar("bomb", plain: true), bomb));
                    recipe.Add("alias bomb");
                }
                else if (scalars.Count > 0)
                {
                    var scalar = random.Pick(scalars);
                    scalar.Plain = !scalar.Plain;
                    recipe.Add("restyle scalar " + Short(scalar.Value));
                }

                break;
            }
        }

        return root;
    }

    private string RandomKey(Prng random)
    {
        var tree = random.Pick(_trees);
        var keys = tree.Walk().OfType<YMap>().SelectMany(m => m.Pairs).Select(p => p.Key).OfType<YScalar>().ToList();
        return keys.Count == 0 ? "x" : random.Pick(keys).Value;
    }

    private static YNode RandomValue(Prng random) => random.Next(6) switch
    {
        0 => new YMap(new List<YPair>()),
        1 => new YSeq(new List<YNode>()),
        2 => new YSeq(new List<YNode> { new YScalar(HostileValues.Pick(random), random.OneIn(2)) }) { Flow = random.OneIn(2) },
        3 => new YMap(new List<YPair> { new(new YScalar(HostileValues.Pick(random), true), new YScalar(HostileValues.Pick(random), random.OneIn(2))) }),
        _ => new YScalar(HostileValues.Pick(random), random.OneIn(2)),
    };

    /// <summary>A random value position in the tree (a map value, a key, or a sequence item) and a way to replace it.</summary>
    private static (YNode? Parent, Action<YNode> Set) RandomSlot(YNode root, Prng random)
    {
        var slots = new List<(YNode, Action<YNode>)>();
        foreach (var node in root.Walk())
        {
            if (node is YMap map)
            {
                foreach (var pair in map.Pairs)
                {
                    var p = pair;
                    slots.Add((map, v => p.Value = v));
                    if (random.OneIn(8))
                    {
                        slots.Add((map, v => p.Key = v));
                    }
                }
            }
            else if (node is YSeq seq)
            {
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    var at = i;
                    slots.Add((seq, v => seq.Items[at] = v));
                }
            }
        }

        return slots.Count == 0 ? (null, _ => { }) : random.Pick(slots);
    }

    /// <summary>Text-level changes a tree cannot express: tabs, line endings, comments, document markers, a BOM.</summary>
    private static string MutateText(string text, Prng random, List<string> recipe)
    {
        if (!random.OneIn(4))
        {
            return text;
        }

        var lines = text.Split('\n').ToList();
        switch (random.Next(8))
        {
            case 0:
                var at = random.Next(lines.Count);
                var trimmed = lines[at].TrimStart(' ');
                var indent = lines[at].Length - trimmed.Length;
                lines[at] = new string('\t', Math.Max(1, indent / 2)) + trimmed;
                recipe.Add("tab indent line " + (at + 1));
                return string.Join("\n", lines);
            case 1:
                recipe.Add("tab after colon");
                return ReplaceOne(text, ": ", ":\t", random);
            case 2:
                recipe.Add("CRLF");
                return text.Replace("\n", "\r\n", StringComparison.Ordinal);
            case 3:
                recipe.Add("CR");
                return text.Replace("\n", "\r", StringComparison.Ordinal);
            case 4:
                var separator = random.Pick(new[] { "\u2028", "\u2029", "\u0085", "\r", "\f", "\v" });
                recipe.Add("odd line break U+" + ((int)separator[0]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                return ReplaceOne(text, "\n", separator, random);
            case 5:
                recipe.Add("second document");
                return text + "---\n" + text;
            case 6:
                recipe.Add("BOM and directive");
                return "\uFEFF%YAML 1.2\n---\n" + text;
            default:
                recipe.Add("comments");
                return "# c\n" + text.Replace("\n", " # trailing\n", StringComparison.Ordinal);
        }
    }

    private static string ReplaceOne(string text, string what, string with, Prng random)
    {
        var positions = new List<int>();
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            positions.Add(i);
        }

        if (positions.Count == 0)
        {
            return text;
        }

        var at = random.Pick(positions);
        return text.Substring(0, at) + with + text.Substring(at + what.Length);
    }

    /// <summary>Byte-level mutations: flips, inserts, deletes, duplicates, truncation, invalid UTF-8, NULs.</summary>
    public static byte[] MutateBytes(byte[] bytes, Prng random, List<string> recipe, int count)
    {
        var list = new List<byte>(bytes);
        for (var n = 0; n < count; n++)
        {
            var at = random.Next(list.Count + 1);
            switch (random.Next(8))
            {
                case 0 when list.Count > 0:
                    var flip = Math.Min(at, list.Count - 1);
                    list[flip] ^= (byte)(1 << random.Next(8));
                    recipe.Add("flip bit at " + flip);
                    break;
                case 1:
                    var inserted = Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.NextByte()).ToArray();
                    list.InsertRange(at, inserted);
                    recipe.Add("insert " + inserted.Length + " bytes at " + at);
                    break;
                case 2 when list.Count > 0:
                    var length = Math.Min(list.Count - Math.Min(at, list.Count - 1), random.Next(1, 64));
                    list.RemoveRange(Math.Min(at, list.Count - 1), length);
                    recipe.Add("delete " + length + " bytes at " + at);
                    break;
                case 3:
                    list.RemoveRange(at, list.Count - at);
                    recipe.Add("truncate at " + at);
                    break;
                case 4 or 5:
                    var invalid = random.Pick(new[]
                    {
                        new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0x80 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xA0, 0x80 },
                        new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 }, new byte[] { 0xFE, 0xFF }, new byte[] { 0xEF, 0xBB, 0xBF },
                    });
                    list.InsertRange(at, invalid);
                    recipe.Add("invalid UTF-8 " + Convert.ToHexString(invalid) + " at " + at);
                    break;
                case 6 when list.Count > 0:
                    var start = Math.Min(at, list.Count - 1);
                    var span = list.GetRange(start, Math.Min(list.Count - start, random.Next(1, 200)));
                    list.InsertRange(random.Next(list.Count + 1), span);
                    recipe.Add("duplicate " + span.Count + " bytes from " + start);
                    break;
                default:
                    list.Insert(at, 0);
                    recipe.Add("NUL at " + at);
                    break;
            }
        }

        return list.ToArray();
    }

    private static string Describe(YNode key) => key is YScalar s ? Short(s.Value) : key.GetType().Name;

    private static string Short(string value)
    {
        var text = value.Length > 24 ? value.Substring(0, 24) + "…(" + value.Length + ")" : value;
        var b = new StringBuilder();
        foreach (var c in text)
        {
            b.Append(char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u202E' ? "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
        }

        return "'" + b + "'";
    }
}
