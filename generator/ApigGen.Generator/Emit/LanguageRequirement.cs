using ApigGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApigGen.Generator.Emit;

/// <summary>
/// The C# version generated code needs: 11, for required members and UTF-8 string literals. A project that compiles an
/// older one gets one APIG0005 and no code, rather than compiler errors inside generated files its authors never wrote.
/// </summary>
internal static class LanguageRequirement
{
    public const LanguageVersion Minimum = LanguageVersion.CSharp11;

    /// <summary>The C# version <paramref name="options"/> compile, as the compiler shows it, when older than <see cref="Minimum"/>; else null.</summary>
    public static string? OlderVersion(ParseOptions options) =>
        options is CSharpParseOptions csharp && csharp.LanguageVersion < Minimum ? csharp.LanguageVersion.ToDisplayString() : null;

    /// <summary>APIG0005 for a project that compiles C# <paramref name="version"/>.</summary>
    public static DiagnosticInfo TooOld(string version) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooOld, LocationInfo.None, version);
}
