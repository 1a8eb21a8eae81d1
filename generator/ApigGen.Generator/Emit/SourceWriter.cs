using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ApigGen.Generator.Emit;

/// <summary>
/// An indenting text writer for generated C#: <c>\n</c> newlines, four-space indents, block helpers. A line given as an
/// interpolated string is appended piece by piece through <see cref="LineHandler"/>, so it is never built as a string
/// of its own first (emission writes tens of thousands of lines per build).
/// </summary>
internal sealed class SourceWriter : IDisposable
{
    /// <summary>A file's buffer, kept per thread between files: a spec's source is tens of kilobytes, and growing a new buffer each time is a large share of emission's allocations.</summary>
    [ThreadStatic]
    private static char[]? t_fileBuffer;

    private const int InitialCapacity = 32 * 1024;
    private const int MaxKeptCapacity = 256 * 1024;

    private char[] _buffer;
    private int _length;
    private int _indent;
    private bool _released;

    // Hand-written style: a blank line after a block, unless the next statement continues or ends it. _afterBlock is set
    // when a block closes; the line after it decides, from its first characters, whether the blank line comes first.
    private bool _afterBlock;
    private bool _blankLinePending;
    private bool _lineHasText;
    private bool _atLineStart = true;

    private SourceWriter(char[] buffer) => _buffer = buffer;

    /// <summary>A writer for a whole file; finish it with <see cref="ToStringAndRelease"/>.</summary>
    public static SourceWriter ForFile()
    {
        var buffer = t_fileBuffer ?? new char[InitialCapacity];
        t_fileBuffer = null;
        return new SourceWriter(buffer);
    }

    /// <summary>The text written, after which this writer must not be used: its buffer goes back to this thread.</summary>
    public string ToStringAndRelease()
    {
        var text = ToString();
        Dispose();
        return text;
    }

    /// <summary>Gives the buffer back to this thread (once, however often it is called); the writer must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        if (_buffer.Length <= MaxKeptCapacity)
        {
            t_fileBuffer = _buffer;
        }
    }

    /// <summary>
    /// Asks for a blank line before the next line, as after a block: it is written only if that line neither closes nor
    /// continues a block (so no member list ends with a blank line before its <c>}</c>), and several requests make one.
    /// </summary>
    public void BlankLine() => _afterBlock = true;

    /// <summary>Writes one line (several when <paramref name="line"/> holds newlines), indented.</summary>
    public void WriteLine(string line)
    {
        BeginLine();
        Append(line);
        EndLine();
    }

    /// <summary>Writes one line given as an interpolated string, appending its pieces directly.</summary>
    public void WriteLine([InterpolatedStringHandlerArgument("")] ref LineHandler line) => EndLine();

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public Block Open(string header) => Open(header, string.Empty);

    /// <summary>Like <see cref="Open(string)"/>, with the header given as an interpolated string.</summary>
    public Block Open([InterpolatedStringHandlerArgument("")] ref LineHandler header) => Open(ref header, string.Empty);

    /// <summary>Like <see cref="Open(string)"/>, closing with <c>};</c> or another suffix.</summary>
    public Block Open(string header, string closeSuffix)
    {
        WriteLine(header);
        return OpenBrace(closeSuffix);
    }

    /// <summary>Like <see cref="Open(string, string)"/>, with the header given as an interpolated string.</summary>
    public Block Open([InterpolatedStringHandlerArgument("")] ref LineHandler header, string closeSuffix)
    {
        EndLine();
        return OpenBrace(closeSuffix);
    }

    /// <summary>Like <see cref="Open(string)"/> when <paramref name="header"/> is given; otherwise opens nothing, and the lines stay at this level.</summary>
    public Block OpenIf(string? header) => header is null ? default : Open(header);

    public override string ToString() => new(_buffer, 0, _length);

    private Block OpenBrace(string closeSuffix)
    {
        WriteLine("{");
        _indent++;
        return new Block(this, closeSuffix);
    }

    private void BeginLine()
    {
        _blankLinePending = _afterBlock;
        _afterBlock = false;
        _lineHasText = false;
    }

    private void EndLine()
    {
        Put('\n');
        _atLineStart = true;
    }

    private void Put(char c)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = c;
    }

    private void Grow(int needed)
    {
        var larger = new char[Math.Max(_buffer.Length * 2, _length + needed)];
        Array.Copy(_buffer, larger, _length);
        _buffer = larger;
    }

    /// <summary>Appends part of a line; a newline in it starts a new line at the same indent (empty lines stay empty).</summary>
    private void Append(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (text!.IndexOf('\n') < 0)
        {
            // Most text is one line: one vectorized search, then one block copy.
            AppendSingleLine(text);
            return;
        }

        StartText(text);
        var start = 0;
        int newline;
        while ((newline = text.IndexOf('\n', start)) >= 0)
        {
            CopyLinePart(text, start, newline - start);
            EndLine();
            start = newline + 1;
        }

        CopyLinePart(text, start, text.Length - start);
    }

    /// <summary>
    /// Appends part of a line that holds no newline: the literal parts of an interpolated line (written in the emitters'
    /// own code, so never a newline), and any text <see cref="Append"/> found to be one line. One block copy.
    /// </summary>
    private void AppendSingleLine(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        System.Diagnostics.Debug.Assert(text.IndexOf('\n') < 0, "AppendSingleLine was given a newline; use Append.");
        StartText(text);
        CopyLinePart(text, 0, text.Length);
    }

    /// <summary>Before the first text of a line: the blank line a closed block asked for, unless this text continues or closes that block.</summary>
    private void StartText(string text)
    {
        if (_lineHasText)
        {
            return;
        }

        _lineHasText = true;
        if (_blankLinePending && !ContinuesBlock(text))
        {
            Put('\n');
        }
    }

    /// <summary>
    /// Copies <paramref name="count"/> characters of <paramref name="text"/> from <paramref name="start"/> (no newline among
    /// them) as one block, indented when they start a line. An empty part writes nothing, so an empty line stays empty.
    /// </summary>
    private void CopyLinePart(string text, int start, int count)
    {
        if (count == 0)
        {
            return;
        }

        var indent = _atLineStart ? _indent * 4 : 0;
        if (_length + indent + count > _buffer.Length)
        {
            Grow(indent + count);
        }

        if (indent > 0)
        {
            _buffer.AsSpan(_length, indent).Fill(' ');
            _length += indent;
        }

        _atLineStart = false;
        text.CopyTo(start, _buffer, _length, count);
        _length += count;
    }

    /// <summary>Whether a line starting with this text continues or ends the block above it, so no blank line comes first.</summary>
    private static bool ContinuesBlock(string text) => text[0] switch
    {
        '}' => true,
        'e' => StartsWithKeyword(text, "else"),
        'c' => StartsWithKeyword(text, "catch"),
        'f' => StartsWithKeyword(text, "finally"),
        _ => false,
    };

    /// <summary>The keyword itself, not an identifier that starts with it (<c>elseCount</c>).</summary>
    private static bool StartsWithKeyword(string text, string keyword) =>
        text.StartsWith(keyword, StringComparison.Ordinal)
        && (text.Length == keyword.Length || !(char.IsLetterOrDigit(text[keyword.Length]) || text[keyword.Length] == '_'));

    /// <summary>Appends the pieces of an interpolated line straight to the writer (ints in invariant culture, escaping formats for spec text).</summary>
    [InterpolatedStringHandler]
    internal readonly ref struct LineHandler
    {
        private readonly SourceWriter _writer;

        public LineHandler(int literalLength, int formattedCount, SourceWriter writer)
        {
            _writer = writer;
            writer.BeginLine();
        }

        /// <summary>A literal part of the line: written in an emitter, so never a newline in it.</summary>
        public void AppendLiteral(string value) => _writer.AppendSingleLine(value);

        public void AppendFormatted(string? value) => _writer.Append(value);

        public void AppendFormatted(int value) => AppendFormatted(value.ToString(CultureInfo.InvariantCulture));

        /// <summary>
        /// Appends <paramref name="value"/> escaped as <paramref name="format"/> says: <c>{x:literal}</c> is
        /// <see cref="CSharp.Literal"/> and <c>{x:utf8}</c> <see cref="CSharp.Utf8Literal"/>. Text with nothing to escape
        /// (most of it) is appended as it is, so the escaped string is never built.
        /// </summary>
        public void AppendFormatted(string value, string format)
        {
            switch (format)
            {
                case "literal" or "utf8" when CSharp.IsPlainAscii(value):
                    // Printable ASCII: no newline in it.
                    AppendLiteral("\"");
                    AppendLiteral(value);
                    AppendLiteral(format == "utf8" ? "\"u8" : "\"");
                    break;
                case "literal":
                    AppendLiteral(CSharp.Literal(value));
                    break;
                case "utf8":
                    AppendLiteral(CSharp.Utf8Literal(value));
                    break;
                default:
                    throw new ArgumentException("Unknown format '" + format + "': literal or utf8.", nameof(format));
            }
        }
    }

    /// <summary>An open block, closed on dispose; the default value (from <see cref="OpenIf"/> without a header) closes nothing.</summary>
    internal readonly struct Block : IDisposable
    {
        private readonly SourceWriter? _writer;
        private readonly string _suffix;

        public Block(SourceWriter writer, string suffix)
        {
            _writer = writer;
            _suffix = suffix;
        }

        public void Dispose()
        {
            if (_writer is null)
            {
                return;
            }

            _writer._indent--;
            _writer.WriteLine("}" + _suffix);
            _writer._afterBlock = true;
        }
    }
}
