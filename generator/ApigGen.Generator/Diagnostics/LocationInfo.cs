using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ApigGen.Generator.Diagnostics;

/// <summary>
/// An equatable position in a spec file; becomes a Roslyn <see cref="Location"/> only when reported. A value type: the
/// driver keeps one per cross-file key of every spec, and each object it keeps costs garbage collection time.
/// </summary>
internal readonly record struct LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>The start of a file (line 1, column 1 in editor terms).</summary>
    public static LocationInfo FileStart(string path) => new(path, 0, 0, 0, 0, 0, 0);

    /// <summary>No place in any file: for what concerns the whole project.</summary>
    public static LocationInfo None => new(string.Empty, 0, 0, 0, 0, 0, 0);

    public Location ToLocation() => FilePath.Length == 0
        ? Location.None
        : Location.Create(
            FilePath,
            new TextSpan(Start, Length),
            new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
