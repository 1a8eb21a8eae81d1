using System;
using ApigGen.Generator.Diagnostics;
using YamlDotNet.Core;

namespace ApigGen.Generator.Parsing;

/// <summary>
/// Turns YamlDotNet marks (1-based line and column, 0-based character index) into 0-based positions and
/// <see cref="LocationInfo"/>s, clamped to the text: marks at the end of a file may point one past it. YamlDotNet counts
/// the same line breaks as Roslyn (<c>\n</c>, <c>\r</c>, <c>\r\n</c>, NEL, LS, PS), so lines and columns agree with
/// what the build prints.
/// </summary>
internal readonly struct SpecPositions
{
    private readonly int _length;

    public SpecPositions(string text) => _length = text.Length;

    public TextPosition At(Mark mark) => new(
        (int)Math.Max(0, Math.Min(mark.Index, _length)),
        (int)Math.Max(0, mark.Line - 1),
        (int)Math.Max(0, mark.Column - 1));

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
