using System;
using System.Text;

namespace ApigGen.Generator.Emit;

/// <summary>An indenting text writer for generated C#: <c>\n</c> newlines, four-space indents, block helpers.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new(4096);
    private int _indent;
    private bool _afterBlock;

    public void WriteLine(string line = "")
    {
        // Hand-written style: a blank line after a block, unless the block's statement continues or ends.
        var afterBlock = _afterBlock;
        _afterBlock = false;
        if (line.Length == 0)
        {
            _builder.Append('\n');
            return;
        }

        if (afterBlock && !line.StartsWith("}", StringComparison.Ordinal) && !line.StartsWith("else", StringComparison.Ordinal)
            && !line.StartsWith("catch", StringComparison.Ordinal) && !line.StartsWith("finally", StringComparison.Ordinal))
        {
            _builder.Append('\n');
        }

        if (line.IndexOf('\n') < 0)
        {
            _builder.Append(' ', _indent * 4).Append(line).Append('\n');
            return;
        }

        foreach (var part in line.Split('\n'))
        {
            if (part.Length > 0)
            {
                _builder.Append(' ', _indent * 4).Append(part);
            }

            _builder.Append('\n');
        }
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public Block Open(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _indent++;
        return new Block(this, string.Empty);
    }

    /// <summary>Opens a bare block (<c>{</c> alone) when <paramref name="header"/> is null.</summary>
    public Block OpenIf(string? header)
    {
        if (header is not null)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _indent++;
        return new Block(this, string.Empty);
    }

    /// <summary>Like <see cref="Open"/>, closing with <c>};</c> or another suffix.</summary>
    public Block Open(string header, string closeSuffix)
    {
        WriteLine(header);
        WriteLine("{");
        _indent++;
        return new Block(this, closeSuffix);
    }

    public override string ToString() => _builder.ToString();

    internal readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _suffix;

        public Block(SourceWriter writer, string suffix)
        {
            _writer = writer;
            _suffix = suffix;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.WriteLine("}" + _suffix);
            _writer._afterBlock = true;
        }
    }
}
