using System;
using System.Text;

namespace ApigGen.Generator.Emit;

/// <summary>An indenting text writer for generated C#: <c>\n</c> newlines, four-space indents, block helpers.</summary>
internal sealed class SourceWriter
{
    /// <summary>A file's builder, kept per thread between files: a spec's source is tens of kilobytes, and growing a new builder each time is a large share of emission's allocations.</summary>
    [ThreadStatic]
    private static StringBuilder? t_fileBuilder;

    private const int FileBuilderCapacity = 32 * 1024;
    private const int MaxKeptCapacity = 256 * 1024;

    private readonly StringBuilder _builder;
    private readonly bool _pooled;
    private int _indent;

    /// <summary>A scratch writer for a fragment (a few lines).</summary>
    public SourceWriter()
        : this(new StringBuilder(256), pooled: false)
    {
    }

    private SourceWriter(StringBuilder builder, bool pooled)
    {
        _builder = builder;
        _pooled = pooled;
    }

    /// <summary>A writer for a whole file; finish it with <see cref="ToStringAndRelease"/>.</summary>
    public static SourceWriter ForFile()
    {
        var builder = t_fileBuilder ?? new StringBuilder(FileBuilderCapacity);
        t_fileBuilder = null;
        return new SourceWriter(builder, pooled: true);
    }

    /// <summary>The text written, after which this writer must not be used: a file's builder goes back to this thread.</summary>
    public string ToStringAndRelease()
    {
        var text = _builder.ToString();
        if (_pooled && _builder.Capacity <= MaxKeptCapacity)
        {
            _builder.Clear();
            t_fileBuilder = _builder;
        }

        return text;
    }
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
