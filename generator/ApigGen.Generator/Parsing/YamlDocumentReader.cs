using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ApigGen.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ApigGen.Generator.Parsing;

/// <summary>
/// Reads spec text into <see cref="YamlNode"/>s with YamlDotNet's event parser, safely: a size cap, a depth cap,
/// aliases refused (never expanded, so alias bombs cost nothing), duplicate keys reported, and every YamlDotNet
/// exception turned into a diagnostic at its line and column. Never recurses on the input, so no input can
/// overflow the stack.
/// </summary>
internal static class YamlDocumentReader
{
    public const int MaxCharacters = 1_000_000;
    public const int MaxDepth = 32;

    /// <summary>The frames of the last file read on this thread: a file needs one per level of nesting, each with two lists.</summary>
    [ThreadStatic]
    private static List<Frame>? t_frames;

    private const int MaxKeptEntries = 1024;

    public static YamlNode? Read(string path, string text, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (text.Length > MaxCharacters)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileTooLarge, LocationInfo.FileStart(path), text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return null;
        }

        var positions = new SpecPositions(text);
        var parser = new Parser(new StringReader(text));
        // Open mappings and sequences, innermost last; frames are reused by depth, and kept per thread between files.
        var frames = t_frames ?? new List<Frame>();
        t_frames = null;
        var depth = 0;
        YamlNode? root = null;
        var documents = 0;
        var lastEnd = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = parser.Current!;
                lastEnd = current.End;
                switch (current)
                {
                    case DocumentStart start when !start.IsImplicit || documents > 0:
                        documents++;
                        if (documents > 1)
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleDocuments, positions.Locate(path, start.Start, start.End)));
                            return root;
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case Scalar scalar:
                        Add(new YamlScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain, positions.At(scalar.Start), positions.At(scalar.End)));
                        break;
                    case AnchorAlias alias:
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AliasNotSupported, positions.Locate(path, alias.Start, alias.End), alias.Value.Value));
                        Add(new YamlScalarNode(string.Empty, true, positions.At(alias.Start), positions.At(alias.End)));
                        break;
                    case SequenceStart sequence:
                        if (!Push(isMapping: false, sequence.Start, sequence.End))
                        {
                            return null;
                        }

                        break;
                    case MappingStart mapping:
                        if (!Push(isMapping: true, mapping.Start, mapping.End))
                        {
                            return null;
                        }

                        break;
                    case SequenceEnd end:
                        {
                            var frame = frames[--depth];
                            Add(new YamlSequenceNode(frame.Items.ToArray(), frame.Start, positions.At(end.End)));
                            break;
                        }

                    case MappingEnd end:
                        {
                            var frame = frames[--depth];
                            Add(new YamlMappingNode(frame.Entries.ToArray(), frame.Start, positions.At(end.End)));
                            break;
                        }
                }
            }
        }
        catch (YamlException ex)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, LocateError(path, positions, ex, lastEnd), CleanMessage(ex.Message)));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // YamlDotNet throws a few other exceptions on malformed input (its scanner's InvalidOperationException,
            // for one): still a syntax error of this file, located after the last event that was read.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, positions.Locate(path, lastEnd, lastEnd), "the YAML cannot be read after this point"));
            return null;
        }
        finally
        {
            // The nodes hold no frame, so the frames can serve the next file on this thread: emptied (they must not keep
            // this file's nodes alive), and only while small (a huge mapping must not stay in memory for good).
            var small = true;
            foreach (var frame in frames)
            {
                small &= frame.Entries.Capacity <= MaxKeptEntries && frame.Items.Capacity <= MaxKeptEntries;
                frame.Reset(isMapping: false, default);
            }

            t_frames = small ? frames : null;
        }

        return root;

        bool Push(bool isMapping, Mark start, Mark end)
        {
            if (depth >= MaxDepth)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooDeep, positions.Locate(path, start, end), MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return false;
            }

            if (depth == frames.Count)
            {
                frames.Add(new Frame());
            }

            frames[depth++].Reset(isMapping, positions.At(start));
            return true;
        }

        void Add(YamlNode node)
        {
            if (depth == 0)
            {
                root ??= node;
                return;
            }

            var parent = frames[depth - 1];
            if (!parent.IsMapping)
            {
                parent.Items.Add(node);
            }
            else if (parent.PendingKey is null)
            {
                // A key. Complex keys (mappings or sequences as keys) are not meaningful in a spec.
                var key = node as YamlScalarNode ?? new YamlScalarNode("?", false, node.Start, node.End);
                if (parent.HasKey(key.Value))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, SpecPositions.Locate(path, key), key.Value));
                    parent.SkipNext = true;
                }

                parent.PendingKey = key;
            }
            else
            {
                if (!parent.SkipNext)
                {
                    parent.AddEntry(parent.PendingKey, node);
                }

                parent.PendingKey = null;
                parent.SkipNext = false;
            }
        }
    }

    /// <summary>
    /// Where a YamlDotNet error is reported: at its own marks, except that an error about a tab used as indentation is
    /// reported at that tab (YamlDotNet places it at the value read before the tab, or gives it no position at all), and
    /// an error without a position (every mark empty) after the last event read, not at the file's start.
    /// </summary>
    private static LocationInfo LocateError(string path, SpecPositions positions, YamlException ex, Mark lastEnd)
    {
        var placed = !ex.Start.Equals(Mark.Empty) || !ex.End.Equals(Mark.Empty);
        if (ex.Message.IndexOf(" tab ", StringComparison.Ordinal) >= 0 && positions.FirstIndentingTab(placed ? ex.Start : lastEnd) is { } tab)
        {
            return SpecPositions.Locate(path, tab, new TextPosition(tab.Offset + 1, tab.Line, tab.Column + 1));
        }

        return placed ? positions.Locate(path, ex.Start, ex.End) : positions.Locate(path, lastEnd, lastEnd);
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is reported separately.
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message.Substring(index + 3) : message;
    }

    /// <summary>An open mapping or sequence: what it has collected so far.</summary>
    private sealed class Frame
    {
        public List<KeyValuePair<YamlScalarNode, YamlNode>> Entries { get; } = new();

        public List<YamlNode> Items { get; } = new();

        public bool IsMapping { get; private set; }

        public TextPosition Start { get; private set; }

        public YamlScalarNode? PendingKey { get; set; }

        public bool SkipNext { get; set; }

        /// <summary>The keys of <see cref="Entries"/> once there are many: a mapping of thousands of keys must not cost a scan of them all per key.</summary>
        private HashSet<string>? _keys;

        private const int KeySetThreshold = 16;

        public bool HasKey(string key)
        {
            if (_keys is not null)
            {
                return _keys.Contains(key);
            }

            foreach (var entry in Entries)
            {
                if (entry.Key.Value == key)
                {
                    return true;
                }
            }

            return false;
        }

        public void AddEntry(YamlScalarNode key, YamlNode value)
        {
            Entries.Add(new KeyValuePair<YamlScalarNode, YamlNode>(key, value));
            if (_keys is not null)
            {
                _keys.Add(key.Value);
            }
            else if (Entries.Count == KeySetThreshold)
            {
                _keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in Entries)
                {
                    _keys.Add(entry.Key.Value);
                }
            }
        }

        public void Reset(bool isMapping, TextPosition start)
        {
            _keys = null;
            Entries.Clear();
            Items.Clear();
            IsMapping = isMapping;
            Start = start;
            PendingKey = null;
            SkipNext = false;
        }
    }
}
