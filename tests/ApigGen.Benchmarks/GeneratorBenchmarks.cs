extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;

namespace ApigGen.Benchmarks;

/// <summary>The generator in a warm CSharpGeneratorDriver (as in an IDE or a compiler server).</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private List<AdditionalText> _texts = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _edited = null!;
    private AdditionalText _original = null!;
    private bool _toggle;
    private bool _csharpToggle;

    [Params(100, 500, 1000)]
    public int Specs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed.apig.yaml"));
        _texts = Enumerable.Range(0, Specs)
            .Select(i => (AdditionalText)new Text("/src/App/specs/op" + i + ".apig.yaml", seed
                .Replace("BatchAssociateDomainsV2", "Op" + i + "V2", StringComparison.Ordinal)
                .Replace("AttachOrDetachDomain", "Op" + i + "Domain", StringComparison.Ordinal)))
            .ToList();
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        _compilation = CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText("class Program { }", parse) }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        _editedCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", parse));
        _warm = NewDriver().RunGenerators(_compilation);
        _original = _texts[Specs / 2];
        _edited = new Text(_original.Path, _original.GetText()!.ToString().Replace("Domain name.", "The domain name.", StringComparison.Ordinal));
    }

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        new[] { new GeneratorAssembly::ApigGen.Generator.ApigGenerator().AsSourceGenerator() },
        _texts.ToImmutableArray(),
        new CSharpParseOptions(LanguageVersion.CSharp12),
        new Options());

    /// <summary>Everything from scratch: read, parse, bind and emit every spec.</summary>
    [Benchmark]
    public GeneratorDriver FullUncachedRun() => NewDriver().RunGenerators(_compilation);

    /// <summary>One spec's text changes; the other specs' outputs come from the cache.</summary>
    [Benchmark]
    public GeneratorDriver OneEditedSpec()
    {
        _toggle = !_toggle;
        _warm = _warm.ReplaceAdditionalText(_toggle ? _original : _edited, _toggle ? _edited : _original).RunGenerators(_compilation);
        return _warm;
    }

    /// <summary>A C# file changes; nothing of ours runs.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedCSharpEdit()
    {
        _csharpToggle = !_csharpToggle;
        _warm = _warm.RunGenerators(_csharpToggle ? _editedCompilation : _compilation);
        return _warm;
    }

    /// <summary>One uncached run with step tracking: the time each tracked step took (summed over its items).</summary>
    public IReadOnlyList<(string Step, TimeSpan Elapsed, int Items)> StepTimes()
    {
        var driver = CSharpGeneratorDriver.Create(
            new[] { new GeneratorAssembly::ApigGen.Generator.ApigGenerator().AsSourceGenerator() },
            _texts.ToImmutableArray(),
            new CSharpParseOptions(LanguageVersion.CSharp12),
            new Options(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        var result = driver.RunGenerators(_compilation).GetRunResult().Results.Single();
        return result.TrackedSteps
            .Select(pair => (pair.Key, new TimeSpan(pair.Value.Sum(step => step.ElapsedTime.Ticks)), pair.Value.Length))
            .Concat(result.TrackedOutputSteps.Select(pair => ("output: " + pair.Key, new TimeSpan(pair.Value.Sum(step => step.ElapsedTime.Ticks)), pair.Value.Length)))
            .OrderByDescending(step => step.Item2)
            .ToList();
    }

    /// <summary>The driver alone adding the real output of every spec (precomputed): its own cost, parsing included.</summary>
    public GeneratorDriver DriverReplayOnly() => ReplayGenerator.Run(_texts, _compilation);

    public void PrepareReplay()
    {
        var result = FullUncachedRun().GetRunResult();
        var byHint = result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        ReplayGenerator.Sources = _texts.ToDictionary(t => t.Path, t => byHint["specs." + System.IO.Path.GetFileName(t.Path).Replace(".apig.yaml", ".apig.g.cs", StringComparison.Ordinal)]);
    }

    /// <summary>Parse and bind only (no emission, no driver).</summary>
    public int BindOnly()
    {
        var count = 0;
        var options = new GeneratorAssembly::ApigGen.Generator.Model.GlobalOptionsModel("App", null, "/src/App/");
        foreach (var text in _texts)
        {
            var input = new GeneratorAssembly::ApigGen.Generator.Model.SpecInputModel(text.Path, "x.g.cs", text.GetText()!.ToString(), null);
            count += GeneratorAssembly::ApigGen.Generator.Binding.SpecBinder.Bind(input, options, CancellationToken.None).Model is null ? 0 : 1;
        }

        return count;
    }

    /// <summary>Parse, bind and emit (no driver: no hint-name bookkeeping, no parsing of the output).</summary>
    public int BindAndEmitOnly()
    {
        var models = BindAll();
        var index = GeneratorAssembly::ApigGen.Generator.Binding.SchemaIndexBuilder.Build(models.ToImmutableArray()!);
        var length = 0;
        foreach (var model in models)
        {
            length += GeneratorAssembly::ApigGen.Generator.Emit.SpecFileEmitter.Emit(GeneratorAssembly::ApigGen.Generator.Binding.SchemaIndexBuilder.Slice(model, index)).Length;
        }

        return length;
    }

    /// <summary>Emission alone, from precomputed emit inputs (see <see cref="PrepareEmitInputs"/>).</summary>
    public int EmitOnly()
    {
        var length = 0;
        foreach (var input in _emitInputs)
        {
            length += GeneratorAssembly::ApigGen.Generator.Emit.SpecFileEmitter.Emit(input).Length;
        }

        return length;
    }

    /// <summary>Our YAML reader alone (YamlDotNet events turned into nodes with positions).</summary>
    public int ReadYamlOnly()
    {
        var count = 0;
        var diagnostics = new List<GeneratorAssembly::ApigGen.Generator.Diagnostics.DiagnosticInfo>();
        foreach (var text in _texts)
        {
            count += GeneratorAssembly::ApigGen.Generator.Parsing.YamlDocumentReader.Read(text.Path, text.GetText()!.ToString(), diagnostics, CancellationToken.None) is null ? 0 : 1;
        }

        return count;
    }

    private List<GeneratorAssembly::ApigGen.Generator.Model.EmitInputModel> _emitInputs = new();

    public void PrepareEmitInputs()
    {
        var models = BindAll();
        var index = GeneratorAssembly::ApigGen.Generator.Binding.SchemaIndexBuilder.Build(models.ToImmutableArray()!);
        _emitInputs = models.Select(m => GeneratorAssembly::ApigGen.Generator.Binding.SchemaIndexBuilder.Slice(m, index)).ToList();
    }

    public object KeepModels() => BindAll();

    private List<GeneratorAssembly::ApigGen.Generator.Model.SpecFileModel> BindAll()
    {
        var options = new GeneratorAssembly::ApigGen.Generator.Model.GlobalOptionsModel("App", null, "/src/App/");
        return _texts
            .Select(text => GeneratorAssembly::ApigGen.Generator.Binding.SpecBinder.Bind(new GeneratorAssembly::ApigGen.Generator.Model.SpecInputModel(text.Path, "x.g.cs", text.GetText()!.ToString(), null), options, CancellationToken.None).Model!)
            .ToList();
    }

    /// <summary>Roslyn parsing the emitted text alone (what the driver does with every generated file).</summary>
    public int ParseEmittedOnly(List<string> sources)
    {
        var nodes = 0;
        foreach (var source in sources)
        {
            nodes += CSharpSyntaxTree.ParseText(SourceText.From(source, System.Text.Encoding.UTF8), new CSharpParseOptions(LanguageVersion.CSharp12)).GetRoot().FullSpan.Length;
        }

        return nodes;
    }

    public List<string> EmitAll()
    {
        PrepareEmitInputs();
        return _emitInputs.Select(GeneratorAssembly::ApigGen.Generator.Emit.SpecFileEmitter.Emit).ToList();
    }

    /// <summary>YamlDotNet's event parser alone over the same texts: the floor of a full run.</summary>
    [Benchmark]
    public int YamlDotNetEventsOnly()
    {
        var events = 0;
        foreach (var text in _texts)
        {
            var parser = new Parser(new StringReader(text.GetText()!.ToString()));
            while (parser.MoveNext())
            {
                events++;
            }
        }

        return events;
    }

    private sealed class Text : AdditionalText
    {
        private readonly SourceText _text;

        public Text(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly Values Global = new(new Dictionary<string, string> { ["build_property.RootNamespace"] = "App", ["build_property.ProjectDir"] = "/src/App/" });
        private static readonly Values None = new(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
