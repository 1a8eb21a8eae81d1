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

    /// <summary>APIG0005 when <paramref name="options"/> compile C# older than <see cref="Minimum"/>; null when they do not.</summary>
    public static DiagnosticInfo? Check(ParseOptions options) =>
        options is CSharpParseOptions csharp && csharp.LanguageVersion < Minimum
            ? DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooOld, LocationInfo.None, csharp.LanguageVersion.ToDisplayString())
            : null;
}
