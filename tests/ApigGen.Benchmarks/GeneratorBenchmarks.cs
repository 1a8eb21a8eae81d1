extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using System.Threading;
using ApigGen.Testing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YamlDotNet.Core;

namespace ApigGen.Benchmarks;

/// <summary>The generator in a warm CSharpGeneratorDriver (as in an IDE or a compiler server).</summary>
[MemoryDiagnoser]
[Config(typeof(GeneratorJobs))]
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
    private List<GeneratorAssembly::ApigGen.Generator.Binding.BindResult> _bindResults = new();
    private List<GeneratorAssembly::ApigGen.Generator.Model.EmitInputModel> _emitInputs = new();

    [Params(100, 500, 1000)]
    public int Specs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // What ships is YamlDotNet's netstandard2.0 build (Directory.Build.targets swaps it in); a faster build would flatter us.
        var yamlDotNet = typeof(Parser).Assembly;
        var framework = yamlDotNet.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        if (framework != ".NETStandard,Version=v2.0")
        {
            throw new InvalidOperationException($"YamlDotNet's {framework} build is loaded ({yamlDotNet.Location}), not the netstandard2.0 build the package ships.");
        }

        var seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed.apig.yaml"));
        _texts = Enumerable.Range(0, Specs)
            .Select(i => (AdditionalText)new InMemoryText("/src/App/specs/op" + i + ".apig.yaml", SeedSpecs.Numbered(seed, i)))
            .ToList();
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        _compilation = CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText("class Program { }", parse) }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        _editedCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", parse));
        _warm = NewDriver().RunGenerators(_compilation);
        // A benchmark of a generator that fails fast measures nothing: every spec must generate, without a diagnostic.
        var result = _warm.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length != Specs + 1)
        {
            throw new InvalidOperationException(
                $"The generator did not generate every spec: {result.GeneratedTrees.Length} files for {Specs} specs; first diagnostic: {result.Diagnostics.FirstOrDefault()}");
        }

        _original = _texts[Specs / 2];
        _edited = new InMemoryText(_original.Path, _original.GetText()!.ToString().Replace("Domain name.", "The domain name.", StringComparison.Ordinal));
    }

    private const string ProjectDirectory = "/src/App/";

    private static readonly InMemoryOptionsProvider Options = new(new Dictionary<string, string?> { ["build_property.RootNamespace"] = "App", ["build_property.ProjectDir"] = ProjectDirectory });

    private GeneratorDriver NewDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new GeneratorAssembly::ApigGen.Generator.ApigGenerator().AsSourceGenerator() },
        _texts.ToImmutableArray(),
        new CSharpParseOptions(LanguageVersion.CSharp12),
        Options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

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
        var result = NewDriver(trackSteps: true).RunGenerators(_compilation).GetRunResult().Results.Single();
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
        foreach (var text in _texts)
        {
            count += Bind(text) is null ? 0 : 1;
        }

        return count;
    }

    /// <summary>Parse, bind and emit (no driver: no hint-name bookkeeping, no parsing of the output).</summary>
    public int BindAndEmitOnly() => EmitLength(EmitInputs(BindAll()));

    /// <summary>Emission alone, from the emit inputs <see cref="PrepareEmitInputs"/> computed.</summary>
    public int EmitOnly() => EmitLength(_emitInputs);

    private static int EmitLength(List<GeneratorAssembly::ApigGen.Generator.Model.EmitInputModel> inputs)
    {
        var length = 0;
        foreach (var input in inputs)
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

    public void PrepareEmitInputs()
    {
        _bindResults = _texts.Select(BindResult).ToList();
        _emitInputs = EmitInputs(_bindResults.Select(result => result.Model!).ToList());
    }

    /// <summary>The schema index over every bound model and each model's slice of it (the SchemaIndex and EmitInput steps), from <see cref="PrepareEmitInputs"/>'s models.</summary>
    public int IndexOnly() => EmitInputs(_bindResults.Select(result => result.Model!).ToList()).Count;

    /// <summary>The rules across files (the CrossFileDiagnostics step), from <see cref="PrepareEmitInputs"/>'s bind results.</summary>
    public int CrossFileOnly() => GeneratorAssembly::ApigGen.Generator.Linking.CrossFileRules.Check(_bindResults.Select(result => result.Keys).ToImmutableArray(), CancellationToken.None).Count;

    /// <summary>Every spec's source, emitted outside the driver.</summary>
    public List<string> EmitAll()
    {
        PrepareEmitInputs();
        return _emitInputs.Select(GeneratorAssembly::ApigGen.Generator.Emit.SpecFileEmitter.Emit).ToList();
    }

    /// <summary>The bound models of every spec, for measuring what they keep alive.</summary>
    public object KeepModels() => BindAll();

    // What the driver's Options give the binder: RootNamespace App.
    private static readonly GeneratorAssembly::ApigGen.Generator.Model.GlobalOptionsModel BindOptions = new("App.Apig");

    /// <summary>One spec, parsed and bound as the driver's Bound step does (with the hint name the driver would give it).</summary>
    private static GeneratorAssembly::ApigGen.Generator.Model.SpecFileModel? Bind(AdditionalText text) => BindResult(text).Model;

    private static GeneratorAssembly::ApigGen.Generator.Binding.BindResult BindResult(AdditionalText text) =>
        GeneratorAssembly::ApigGen.Generator.Binding.SpecBinder.Bind(
            new GeneratorAssembly::ApigGen.Generator.Model.SpecInputModel(text.Path, GeneratorAssembly::ApigGen.Generator.Emit.HintNames.ForSpec(text.Path, ProjectDirectory), text.GetText()!.ToString(), null),
            BindOptions,
            CancellationToken.None);

    private List<GeneratorAssembly::ApigGen.Generator.Model.SpecFileModel> BindAll() => _texts.Select(text => Bind(text)!).ToList();

    /// <summary>The schema index over every model, and each model's slice of it: the driver's SchemaIndex and EmitInput steps.</summary>
    private static List<GeneratorAssembly::ApigGen.Generator.Model.EmitInputModel> EmitInputs(List<GeneratorAssembly::ApigGen.Generator.Model.SpecFileModel> models)
    {
        var index = GeneratorAssembly::ApigGen.Generator.Linking.SchemaIndexBuilder.Build(models.ToImmutableArray()!);
        // A file whose reference resolves to no generated schema has no slice and is left out, as in the driver.
        return models.Select(model => GeneratorAssembly::ApigGen.Generator.Linking.SchemaIndexBuilder.Slice(model, index)).OfType<GeneratorAssembly::ApigGen.Generator.Model.EmitInputModel>().ToList();
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
}
