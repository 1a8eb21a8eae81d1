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

    public static YamlNode? Read(string path, string text, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (text.Length > MaxCharacters)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileTooLarge, LocationInfo.FileStart(path), text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return null;
        }

        var positions = new LineMap(text);
        var parser = new Parser(new StringReader(text));
        var stack = new List<Frame>();
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
                        if (!Push(new Frame(null, positions.At(sequence.Start)), sequence.Start, sequence.End))
                        {
                            return null;
                        }

                        break;
                    case MappingStart mapping:
                        if (!Push(new Frame(new List<KeyValuePair<YamlScalarNode, YamlNode>>(), positions.At(mapping.Start)), mapping.Start, mapping.End))
                        {
                            return null;
                        }

                        break;
                    case SequenceEnd end:
                        {
                            var frame = Pop();
                            Add(new YamlSequenceNode(frame.Items!, frame.Start, positions.At(end.End)));
                            break;
                        }

                    case MappingEnd end:
                        {
                            var frame = Pop();
                            Add(new YamlMappingNode(frame.Entries!, frame.Start, positions.At(end.End)));
                            break;
                        }
                }
            }
        }
        catch (YamlException ex)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, positions.Locate(path, ex.Start, ex.End), CleanMessage(ex.Message)));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // YamlDotNet throws a few other exceptions on malformed input (its scanner's InvalidOperationException,
            // for one): still a syntax error of this file, located after the last event that was read.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, positions.Locate(path, lastEnd, lastEnd), "the YAML cannot be read after this point"));
            return null;
        }

        return root;

        bool Push(Frame frame, Mark start, Mark end)
        {
            if (stack.Count >= MaxDepth)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooDeep, positions.Locate(path, start, end), MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return false;
            }

            stack.Add(frame);
            return true;
        }

        Frame Pop()
        {
            var frame = stack[stack.Count - 1];
            stack.RemoveAt(stack.Count - 1);
            return frame;
        }

        void Add(YamlNode node)
        {
            if (stack.Count == 0)
            {
                root ??= node;
                return;
            }

            var parent = stack[stack.Count - 1];
            if (parent.Items is not null)
            {
                parent.Items.Add(node);
            }
            else if (parent.PendingKey is null)
            {
                // A key. Complex keys (mappings or sequences as keys) are not meaningful in a spec.
                var key = node as YamlScalarNode ?? new YamlScalarNode("?", false, node.Start, node.End);
                foreach (var entry in parent.Entries!)
                {
                    if (entry.Key.Value == key.Value)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, LineMap.Locate(path, key), key.Value));
                        parent.SkipNext = true;
                        break;
                    }
                }

                parent.PendingKey = key;
            }
            else
            {
                if (!parent.SkipNext)
                {
                    parent.Entries!.Add(new KeyValuePair<YamlScalarNode, YamlNode>(parent.PendingKey, node));
                }

                parent.PendingKey = null;
                parent.SkipNext = false;
            }
        }
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is reported separately.
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message.Substring(index + 3) : message;
    }

    private sealed class Frame
    {
        public Frame(List<KeyValuePair<YamlScalarNode, YamlNode>>? entries, TextPosition start)
        {
            Entries = entries;
            Items = entries is null ? new List<YamlNode>() : null;
            Start = start;
        }

        public List<KeyValuePair<YamlScalarNode, YamlNode>>? Entries { get; }

        public List<YamlNode>? Items { get; }

        public TextPosition Start { get; }

        public YamlScalarNode? PendingKey { get; set; }

        public bool SkipNext { get; set; }
    }
}
