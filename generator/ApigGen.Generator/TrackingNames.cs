namespace ApigGen.Generator;

/// <summary>Names of the pipeline's tracked steps; tests assert their run reasons.</summary>
internal static class TrackingNames
{
    public const string GlobalOptions = nameof(GlobalOptions);
    public const string SpecInput = nameof(SpecInput);
    public const string Bound = nameof(Bound);
    public const string Model = nameof(Model);
    public const string SchemaIndex = nameof(SchemaIndex);
    public const string EmitInput = nameof(EmitInput);
    public const string UniqueEmitInput = nameof(UniqueEmitInput);
    public const string Namespaces = nameof(Namespaces);
    public const string FileDiagnostics = nameof(FileDiagnostics);
    public const string CrossFileDiagnostics = nameof(CrossFileDiagnostics);
    public const string DependencyInjection = nameof(DependencyInjection);
}
