using System;
using System.Collections.Generic;
using ApigGen.Generator.Diagnostics;
using YamlDotNet.Core;

namespace ApigGen.Generator.Parsing;

/// <summary>Turns YamlDotNet marks (1-based line and column) into 0-based positions and <see cref="LocationInfo"/>s.</summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts = new() { 0 };
    private readonly int _length;

    public LineMap(string text)
    {
        _length = text.Length;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c == '\n' || c == '\r')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public TextPosition At(Mark mark)
    {
        var line = (int)Math.Max(0, Math.Min(mark.Line - 1, _lineStarts.Count - 1));
        var column = (int)Math.Max(0, mark.Column - 1);
        var offset = Math.Min(_lineStarts[line] + column, _length);
        return new TextPosition(offset, line, column);
    }

    public LocationInfo Locate(string path, Mark start, Mark end) => Locate(path, At(start), At(end));

    public static LocationInfo Locate(string path, YamlNode node) => Locate(path, node.Start, node.End);

    public static LocationInfo Locate(string path, TextPosition start, TextPosition end)
    {
        if (end.Offset < start.Offset)
        {
            end = start;
        }

        return new LocationInfo(path, start.Offset, end.Offset - start.Offset, start.Line, start.Column, end.Line, end.Column);
    }
}
