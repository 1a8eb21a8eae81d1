using System;
using ApigGen.Generator.Diagnostics;
using YamlDotNet.Core;

namespace ApigGen.Generator.Parsing;

/// <summary>
/// Turns YamlDotNet marks (1-based line and column, 0-based character index) into 0-based positions and
/// <see cref="LocationInfo"/>s, clamped to the text: marks at the end of a file may point one past it. YamlDotNet counts
/// the same line breaks as Roslyn (<c>\n</c>, <c>\r</c>, <c>\r\n</c>, NEL, LS, PS), so lines and columns agree with
/// what the build prints. One per document: the text's end is counted once, however many marks sit there (every
/// mapping still open at the end of a file ends there).
/// </summary>
internal sealed class SpecPositions
{
    private readonly string _text;
    private TextPosition? _end;

    public SpecPositions(string text) => _text = text;

    /// <summary>
    /// The position of a mark. A mark at or past the end of the text (YamlDotNet adds a line break to a file that does
    /// not end with one, so its last marks may sit on a line the file does not have) is the text's own end.
    /// </summary>
    public TextPosition At(Mark mark) => mark.Index >= _text.Length
        ? _end ??= End(_text)
        : new(
            (int)Math.Max(0, mark.Index),
            (int)Math.Max(0, mark.Line - 1),
            (int)Math.Max(0, mark.Column - 1));

    /// <summary>
    /// The first tab in a line's indentation (nothing but spaces and tabs before it on its line) at or after
    /// <paramref name="from"/>; null when there is none.
    /// </summary>
    public TextPosition? FirstIndentingTab(Mark from)
    {
        var start = At(from);
        var line = start.Line;
        var column = start.Column;
        var indentation = true;
        for (var i = start.Offset - start.Column; i < start.Offset && indentation; i++)
        {
            indentation = i < 0 || _text[i] is ' ' or '\t';
        }

        for (var i = start.Offset; i < _text.Length; i++)
        {
            var c = _text[i];
            if (c == '\t' && indentation)
            {
                return new(i, line, column);
            }

            if (IsLineBreak(c))
            {
                if (c == '\r' && i + 1 < _text.Length && _text[i + 1] == '\n')
                {
                    i++;
                }

                line++;
                column = 0;
                indentation = true;
                continue;
            }

            indentation &= c == ' ';
            column++;
        }

        return null;
    }

    /// <summary>The end of <paramref name="text"/>: its length, its last line and that line's length, counting line breaks as Roslyn does.</summary>
    private static TextPosition End(string text)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
            else if (!IsLineBreak(c))
            {
                continue;
            }

            line++;
            lineStart = i + 1;
        }

        return new(text.Length, line, text.Length - lineStart);
    }

    /// <summary>The line breaks YamlDotNet and Roslyn both count (<c>\r\n</c> is one, its <c>\r</c> seen first).</summary>
    private static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

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
