using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ApigGen.Generator.Binding;
using ApigGen.Generator.Diagnostics;
using ApigGen.Generator.Emit;
using ApigGen.Generator.Linking;
using ApigGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ApigGen.Generator;

/// <summary>
/// Turns every <c>*.apig.yaml</c> additional file into a typed APIG client. This class only wires the pipeline, parse ->
/// bind -> link -> emit: parsing lives in Parsing/, binding (one file at a time) in Binding/, linking (what crosses files:
/// the schema index and each file's slice of it, repeated files, the rules across files) in Linking/, models in Model/,
/// emission in Emit/, diagnostics in Diagnostics/. Every step runs on the driver's thread.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ApigGenerator : IIncrementalGenerator
{
    /// <summary>The file suffix of spec files.</summary>
    public const string SpecSuffix = ".apig.yaml";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var globalOptions = context.AnalyzerConfigOptionsProvider
            .Combine(context.ParseOptionsProvider)
            .Select(static (pair, _) => ReadGlobalOptions(pair.Left.GlobalOptions, pair.Right))
            .WithTrackingName(TrackingNames.GlobalOptions);

        // Per-file metadata (ApigGenNamespace) needs the options provider; the Select right after reduces each pair
        // to an equatable SpecInputModel, and the provider does not change on C# edits (IncrementalTests prove it).
        var inputs = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(SpecSuffix, StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadInput(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.SpecInput);

        // Generated code is C# 11: under an older language version every spec is still checked, nothing is generated
        // (the binder withholds the models), and the project gets one APIG0005 when it has specs.
        var firstSpec = inputs
            .Collect()
            .Select(static (all, _) => all.IsEmpty ? null : all[0].Path);
        context.RegisterSourceOutput(firstSpec.Combine(globalOptions), static (spc, pair) =>
        {
            if (pair.Left is not null && pair.Right.OlderLanguageVersion is { } version)
            {
                spc.ReportDiagnostic(LanguageRequirement.TooOld(version).ToDiagnostic());
            }
        });

        var bound = inputs
            .Combine(globalOptions)
            .Select(static (pair, cancellationToken) => SpecBinder.BindSafely(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Bound);

        var models = bound
            .Select(static (result, _) => result.Model)
            .WithTrackingName(TrackingNames.Model);

        var schemaIndex = models
            .Collect()
            .Select(static (all, _) => SchemaIndexBuilder.Build(all))
            .WithTrackingName(TrackingNames.SchemaIndex);

        var emitInputs = models
            .Combine(schemaIndex)
            .Select(static (pair, _) => pair.Left is null ? null : SchemaIndexBuilder.Slice(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.EmitInput);

        // A file given twice (two AdditionalFiles items for one path) must still be emitted once: duplicate hint
        // names would throw inside the driver. Items keep their own caching through SelectMany.
        var uniqueEmitInputs = emitInputs
            .Collect()
            .Select(static (all, _) => HintNames.Distinct(
                DuplicateFiles.FirstOfEach(all, static input => input.File.HintName),
                static input => input.File.HintName,
                static (input, hintName) => input with { File = input.File with { HintName = hintName } }).ToEquatableArray())
            .SelectMany(static (unique, _) => unique)
            .WithTrackingName(TrackingNames.UniqueEmitInput);

        context.RegisterSourceOutput(uniqueEmitInputs, static (spc, input) =>
        {
            string source;
            try
            {
                source = SpecFileEmitter.Emit(input);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug of ours: one diagnostic naming the output, never an exception into the compiler.
                spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, input.File.HintName + ": " + ex.GetType().Name + ": " + ex.Message));
                return;
            }

            spc.AddSource(input.File.HintName, SourceText.From(source, System.Text.Encoding.UTF8));
        });

        var namespaces = models
            .Select(static (model, _) => model?.Operation is null ? null : model.Namespace)
            .Collect()
            .Select(static (all, _) => SchemaIndexBuilder.Distinct(all))
            .WithTrackingName(TrackingNames.Namespaces);

        context.RegisterSourceOutput(namespaces, static (spc, all) =>
        {
            foreach (var ns in all)
            {
                spc.AddSource(HintNames.ForClient(ns), SourceText.From(ClientCoreEmitter.Emit(ns), System.Text.Encoding.UTF8));
            }
        });

        // With ApigGen.Extensions.DependencyInjection referenced, each client also gets its AddApigClient registration.
        // The step's value is the package's assembly name, or null without it: a reference type, as every step's value
        // here is, because each value type a step carries makes the runtime compile the driver's tables again for it.
        var dependencyInjection = context.MetadataReferencesProvider
            .Collect()
            .Select(static (all, _) => all.Any(DependencyInjectionEmitter.IsPackage) ? DependencyInjectionEmitter.PackageAssembly : null)
            .WithTrackingName(TrackingNames.DependencyInjection);
        context.RegisterSourceOutput(namespaces.Combine(dependencyInjection), static (spc, pair) =>
        {
            if (pair.Right is not null)
            {
                foreach (var ns in pair.Left)
                {
                    spc.AddSource(DependencyInjectionEmitter.HintName(ns), SourceText.From(DependencyInjectionEmitter.Emit(ns, pair.Left.Count == 1), System.Text.Encoding.UTF8));
                }
            }
        });

        var fileDiagnostics = bound
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.FileDiagnostics);
        context.RegisterSourceOutput(fileDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));

        var crossFileDiagnostics = bound
            .Select(static (result, _) => result.Keys)
            .Collect()
            .Select(static (keys, cancellationToken) => CrossFileRules.Check(keys, cancellationToken))
            .WithTrackingName(TrackingNames.CrossFileDiagnostics);
        context.RegisterSourceOutput(crossFileDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));
    }

    private static GlobalOptionsModel ReadGlobalOptions(AnalyzerConfigOptions options, ParseOptions parseOptions)
    {
        options.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        options.TryGetValue("build_property.ApigGenNamespace", out var namespaceOverride);
        return new GlobalOptionsModel(Naming.ProjectNamespace(rootNamespace, namespaceOverride), LanguageRequirement.OlderVersion(parseOptions));
    }

    private static SpecInputModel ReadInput(AdditionalText text, AnalyzerConfigOptionsProvider provider, CancellationToken cancellationToken)
    {
        var options = provider.GetOptions(text);
        options.TryGetValue("build_metadata.AdditionalFiles.ApigGenNamespace", out var fileNamespace);
        provider.GlobalOptions.TryGetValue("build_property.ProjectDir", out var projectDirectory);
        var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new SpecInputModel(text.Path, HintNames.ForSpec(text.Path, projectDirectory), content, fileNamespace);
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
