using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ApigGen.Benchmarks;

/// <summary>What the driver costs on its own: a generator that only adds precomputed sources, one per additional file.</summary>

public sealed class ReplayGenerator : IIncrementalGenerator
{
    public static IReadOnlyDictionary<string, string> Sources { get; set; } = new Dictionary<string, string>();

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var texts = context.AdditionalTextsProvider.Select(static (t, ct) => t.Path);
        context.RegisterSourceOutput(texts, static (spc, path) =>
        {
            if (Sources.TryGetValue(path, out var source))
            {
                spc.AddSource(System.IO.Path.GetFileName(path) + ".g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
            }
        });
    }

    public static GeneratorDriver Run(IEnumerable<AdditionalText> texts, CSharpCompilation compilation) =>
        CSharpGeneratorDriver.Create(new[] { new ReplayGenerator().AsSourceGenerator() }, texts.ToImmutableArray(), new CSharpParseOptions(LanguageVersion.CSharp12))
            .RunGenerators(compilation);
}
