using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using ApigGen.Testing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YamlDotNet.Core;

namespace ApigGen.Benchmarks;

/// <summary>
/// The generator over the whole API in a warm CSharpGeneratorDriver: the shipped catalogue (<c>specs/**</c>) and the
/// facts-only corpus (<see cref="FactsCorpus"/>, one spec per operation written from the facts file). The same three
/// runs as <see cref="GeneratorBenchmarks"/>: everything from scratch, one spec edited, an unrelated C# edit.
/// Run with <c>--filter *WholeApi*</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GeneratorJobs))]
public class WholeApiBenchmarks
{
    private List<AdditionalText> _texts = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _original = null!;
    private AdditionalText _edited = null!;
    private bool _toggle;
    private bool _csharpToggle;

    /// <summary><c>catalogue</c>: the shipped specs; <c>facts</c>: the facts-only corpus (what this checkout compiles of it).</summary>
    [Params("catalogue", "facts")]
    public string Corpus { get; set; } = "catalogue";

    /// <summary>How many specs the run covers (after leaving out what does not compile yet), for the report.</summary>
    public int SpecCount => _texts.Count;

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

        _texts = Corpus switch
        {
            "catalogue" => CatalogueTexts(),
            "facts" => FactsTexts(),
            _ => throw new InvalidOperationException("Corpus is catalogue or facts, not " + Corpus),
        };
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        _compilation = CorpusCheck.EmptyCompilation(withReferences: false);
        _editedCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", parse));
        _warm = CorpusCheck.NewDriver(_texts).RunGenerators(_compilation);
        // A benchmark of a generator that fails fast measures nothing: every spec must generate, without a diagnostic.
        var result = _warm.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length < _texts.Count + 1)
        {
            throw new InvalidOperationException(
                $"The generator did not generate every spec: {result.GeneratedTrees.Length} files for {_texts.Count} specs; first diagnostic: {result.Diagnostics.FirstOrDefault()}");
        }

        // The edited spec: the middle one by name; its summary changes, so its file is generated again.
        _original = _texts.OrderBy(text => text.Path, StringComparer.Ordinal).ElementAt(_texts.Count / 2);
        _edited = new InMemoryText(_original.Path, EditSummary(_original.GetText()!.ToString()));
        var edited = _warm.ReplaceAdditionalText(_original, _edited).RunGenerators(_compilation).GetRunResult();
        if (edited.Diagnostics.Length > 0)
        {
            throw new InvalidOperationException("The edited spec does not generate: " + edited.Diagnostics[0]);
        }

        Console.WriteLine($"// WholeApi {Corpus}: {_texts.Count} specs, edited spec {Path.GetFileName(_original.Path)}");
    }

    /// <summary>The catalogue specs copied next to the assembly (<c>catalogue/{family}/{Id}.apig.yaml</c>).</summary>
    /// <summary>The spec texts of <paramref name="corpus"/> (<c>catalogue</c> or <c>facts</c>), for the cold run (Program.cs).</summary>
    internal static List<AdditionalText> Texts(string corpus) => corpus == "facts" ? FactsTexts() : CatalogueTexts();

    private static List<AdditionalText> CatalogueTexts()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "catalogue");
        var files = Directory.GetFiles(root, "*.apig.yaml", SearchOption.AllDirectories).OrderBy(path => path, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException("No catalogue specs under " + root);
        }

        return files
            .Select(path => (AdditionalText)new InMemoryText(CorpusCheck.ProjectDirectory + "catalogue/" + Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path)))
            .ToList();
    }

    /// <summary>The facts-only corpus, less the specs the generator reports diagnostics for (named on the console).</summary>
    private static List<AdditionalText> FactsTexts()
    {
        var (kept, skipped) = CorpusCheck.Check(FactsCorpus.Specs().Select(spec => (spec.OperationId + ".apig.yaml", spec.Yaml)), compile: false);
        foreach (var (name, reason) in skipped)
        {
            Console.WriteLine("// WholeApi facts: skipped " + name + ": " + reason);
        }

        return kept.Select(spec => (AdditionalText)new InMemoryText(CorpusCheck.ProjectDirectory + "corpus/" + spec.Name, spec.Yaml)).ToList();
    }

    /// <summary>The spec with its operation's summary changed (added after the id when it has none).</summary>
    private static string EditSummary(string yaml)
    {
        const string Summary = "\n  summary: ";
        var at = yaml.IndexOf(Summary, StringComparison.Ordinal);
        if (at >= 0)
        {
            return yaml.Insert(at + Summary.Length, "Edited. ");
        }

        var id = yaml.IndexOf("\n  id: ", StringComparison.Ordinal);
        var lineEnd = id < 0 ? -1 : yaml.IndexOf('\n', id + 1);
        if (lineEnd < 0)
        {
            throw new InvalidOperationException("The spec to edit has no operation id line.");
        }

        return yaml.Insert(lineEnd + 1, "  summary: Edited.\n");
    }

    /// <summary>Everything from scratch: read, parse, bind and emit every spec.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => CorpusCheck.NewDriver(_texts).RunGenerators(_compilation);

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
}
