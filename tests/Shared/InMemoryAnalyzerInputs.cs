using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ApigGen.Testing;

// Shared, as a linked source file, by the generator tests, the benchmarks and the fuzz campaign: what a build gives the generator
// (additional files and compiler-visible properties), held in memory, and the numbered copies of the seed spec both feed it.

/// <summary>Copies of the seed spec that generate side by side.</summary>
internal static class SeedSpecs
{
    /// <summary>The seed with its operation and schema names numbered: copies define their own schemas rather than sharing them.</summary>
    public static string Numbered(string seed, int number) => seed
        .Replace("BatchAssociateDomainsV2", "Op" + number + "V2", System.StringComparison.Ordinal)
        .Replace("AttachOrDetachDomain", "Op" + number + "Domain", System.StringComparison.Ordinal);
}

/// <summary>What generated code is compiled against in tests: the running runtime's <c>System.*</c> assemblies and ApigGen.Runtime.</summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Loaded = new(Load);

    public static ImmutableArray<MetadataReference> FrameworkAndRuntime => Loaded.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(ApigGen.ApigClientOptions).Assembly.Location));
        return references.ToImmutableArray();
    }
}

/// <summary>An additional file held in memory; its text is one <see cref="SourceText"/>, as a build would give it.</summary>
internal sealed class InMemoryText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryText(string path, string text)
        : this(path, SourceText.From(text))
    {
    }

    /// <summary>A file whose text was already decoded (the fuzz campaign decodes mutated bytes as the compiler would).</summary>
    public InMemoryText(string path, SourceText text)
    {
        Path = path;
        _text = text;
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Compiler-visible properties held in memory: global <c>build_property.*</c> values and a per-file <c>ApigGenNamespace</c>.</summary>
internal sealed class InMemoryOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly IReadOnlyDictionary<string, string> _fileNamespaces;

    /// <param name="global">Global properties; null values are left out, as MSBuild leaves out unset properties.</param>
    /// <param name="fileNamespaces">The <c>ApigGenNamespace</c> metadata of additional files, by path.</param>
    public InMemoryOptionsProvider(IReadOnlyDictionary<string, string?> global, IReadOnlyDictionary<string, string>? fileNamespaces = null)
    {
        var values = new Dictionary<string, string>();
        foreach (var pair in global)
        {
            if (pair.Value is not null)
            {
                values.Add(pair.Key, pair.Value);
            }
        }

        GlobalOptions = new Options(values);
        _fileNamespaces = fileNamespaces ?? new Dictionary<string, string>();
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _fileNamespaces.TryGetValue(textFile.Path, out var ns)
            ? new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.ApigGenNamespace"] = ns })
            : Options.Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
